"""Back-office URLs of movements, mounted under /admin/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "movements"

urlpatterns: list[URLPattern] = []
