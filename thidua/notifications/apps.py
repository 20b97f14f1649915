import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "thidua.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from thidua.notifications import schedule

        # After the domain apps' morning reminders (06:00–06:45), so they join the same digest.
        schedule.register(
            "notifications.digest",
            "thidua.notifications.tasks.send_digests",
            daily_at=dt.time(7, 0),
        )
