"""Back-office URLs of plans, mounted under /admin/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "plans"

urlpatterns: list[URLPattern] = []
