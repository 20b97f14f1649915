"""Public (portal) URLs of awards, mounted at the site root before Wagtail's pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "awards_public"

urlpatterns: list[URLPattern] = []
