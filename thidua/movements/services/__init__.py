"""Every write of the movements app. One transaction each, permission checked, audit inside."""

from thidua.movements.services import audit_actions  # noqa: F401  (registers audit actions)
from thidua.movements.services.movements import (
    consolidated_registration,
    consolidated_registrations,
    duties_remind,
    duty_accept,
    duty_return,
    duty_submit,
    movement_create,
    movement_launch,
    movement_publish_results,
    movement_set_phase,
    movement_update,
    remind_overdue,
)
from thidua.movements.services.registrations import (
    registration_bulk,
    registration_save,
    registration_titles,
    registration_withdraw,
)
from thidua.movements.services.scoring import (
    CriterionSpec,
    SectionSpec,
    covenant_save,
    covenant_sign,
    evidence_upload,
    score_sheet_save,
    score_sheet_submit,
    scoring_publish,
    scoring_table_create,
)

__all__ = [
    "CriterionSpec",
    "SectionSpec",
    "consolidated_registration",
    "consolidated_registrations",
    "covenant_save",
    "covenant_sign",
    "duties_remind",
    "duty_accept",
    "duty_return",
    "duty_submit",
    "evidence_upload",
    "movement_create",
    "movement_launch",
    "movement_publish_results",
    "movement_set_phase",
    "movement_update",
    "registration_bulk",
    "registration_save",
    "registration_titles",
    "registration_withdraw",
    "remind_overdue",
    "score_sheet_save",
    "score_sheet_submit",
    "scoring_publish",
    "scoring_table_create",
]
