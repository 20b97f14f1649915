"""Public (portal) URLs of exemplars, mounted at the site root before Wagtail's pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "exemplars_public"

urlpatterns: list[URLPattern] = []
