from django.apps import AppConfig


class PortalBenchConfig(AppConfig):
    name = "portal_bench"
    label = "portal_bench"
