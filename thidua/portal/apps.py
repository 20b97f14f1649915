from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "thidua.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self) -> None:
        from thidua.notifications import schedule
        from thidua.portal import audit_actions, signals, sources  # noqa: F401

        signals.connect()
        sources.register_all()
        schedule.register(
            "portal.publish_scheduled",
            "thidua.portal.tasks.publish_scheduled",
            every=timedelta(minutes=1),
        )
