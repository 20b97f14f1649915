"""The product's settings plus a plain Wagtail page type and a constant-response URL."""

from thidua.settings import *  # noqa: F403

INSTALLED_APPS = ["portal_bench", *INSTALLED_APPS]  # noqa: F405
ROOT_URLCONF = "portal_bench.urls"
