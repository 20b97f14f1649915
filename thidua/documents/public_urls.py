"""Public (portal) URLs of documents, mounted at the site root before Wagtail's pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "documents_public"

urlpatterns: list[URLPattern] = []
