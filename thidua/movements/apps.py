import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from thidua.movements.models import Movement
        from thidua.movements.services import audit_actions  # noqa: F401
        from thidua.movements.viewsets import MovementPolicy
        from thidua.notifications import schedule

        register_permission_policy(Movement, MovementPolicy(Movement))
        schedule.register(
            "movements.reminders",
            "thidua.movements.tasks.remind_overdue_duties",
            daily_at=dt.time(6, 15),
        )
