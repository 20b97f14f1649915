from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "thidua.exemplars"
    label = "exemplars"
    verbose_name = _("Điển hình tiên tiến")

    def ready(self) -> None:
        import datetime as dt

        from wagtail.permissions import register_permission_policy

        from thidua.exemplars import services  # noqa: F401  (registers the audit actions)
        from thidua.exemplars import viewsets as v
        from thidua.exemplars.models import Exemplar, ExemplarField
        from thidua.notifications import schedule

        register_permission_policy(Exemplar, v.ExemplarPolicy(Exemplar))
        register_permission_policy(ExemplarField, v.FieldPolicy(ExemplarField))
        schedule.register(
            "exemplars.stale", "thidua.exemplars.tasks.remind_stale", daily_at=dt.time(6, 40)
        )
