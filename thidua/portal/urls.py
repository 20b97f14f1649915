"""Public URLs of the portal that are not Wagtail pages (search, feeds, sitemap, robots)."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "portal"

urlpatterns: list[URLPattern] = []
