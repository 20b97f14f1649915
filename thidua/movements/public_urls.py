"""Public (portal) URLs of movements, mounted at the site root before Wagtail's pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "movements_public"

urlpatterns: list[URLPattern] = []
