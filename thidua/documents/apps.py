import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from thidua.documents import services  # noqa: F401  (registers the audit actions)
        from thidua.notifications import schedule

        # Between the plans' reminders (06:30) and the e-mail digest (07:00), which gathers it.
        schedule.register(
            "documents.reminders", "thidua.documents.tasks.send_reminders", daily_at=dt.time(6, 40)
        )
