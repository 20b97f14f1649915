from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    label = "reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self) -> None:
        from thidua.reports import services  # noqa: F401  (registers the audit actions)
