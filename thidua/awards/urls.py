"""Back-office URLs of awards, mounted under /admin/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "awards"

urlpatterns: list[URLPattern] = []
