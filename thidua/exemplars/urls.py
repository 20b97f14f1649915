"""Back-office URLs of exemplars, mounted under /admin/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "exemplars"

urlpatterns: list[URLPattern] = []
