import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from thidua.awards import viewsets as v
        from thidua.awards.council_viewsets import BaseSalaryPolicy
        from thidua.awards.models import (
            BaseSalary,
            Proposal,
            PublicHoliday,
            Quota,
            StepDeadline,
            Title,
        )

        # Services register their audit actions at import.
        from thidua.awards.services import (  # noqa: F401
            catalogue,
            council,
            decisions,
            ledger,
            minutes,
            proposals,
        )
        from thidua.notifications import schedule

        for model, policy in (
            (Proposal, v.ProposalPolicy),
            (Title, v.CataloguePolicy),
            (PublicHoliday, v.HolidayPolicy),
            (Quota, v.QuotaPolicy),
            (StepDeadline, v.DeadlinePolicy),
            (BaseSalary, BaseSalaryPolicy),
        ):
            register_permission_policy(model, policy(model))

        schedule.register(
            "awards.remind_overdue_proposals",
            "thidua.awards.tasks.remind_overdue_proposals",
            daily_at=dt.time(6, 45),
        )
