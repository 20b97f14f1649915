import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "thidua.plans"
    label = "plans"
    verbose_name = _("Kế hoạch tuyên truyền")

    def ready(self) -> None:
        from thidua.notifications import schedule
        from thidua.plans import services  # noqa: F401  (registers the audit actions)

        schedule.register(
            "plans.reminders", "thidua.plans.tasks.send_reminders", daily_at=dt.time(6, 30)
        )
