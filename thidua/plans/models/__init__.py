from thidua.plans.models.activity import Activity, Meeting
from thidua.plans.models.plan import (
    Assignment,
    AssignmentRole,
    Cadence,
    Channel,
    ContentItem,
    LegalBasis,
    Phase,
    Plan,
    PlanChannel,
    Recipient,
)
from thidua.plans.models.task import Evidence, ProgressReport, Task

__all__ = [
    "Activity",
    "Assignment",
    "AssignmentRole",
    "Cadence",
    "Channel",
    "ContentItem",
    "Evidence",
    "LegalBasis",
    "Meeting",
    "Phase",
    "Plan",
    "PlanChannel",
    "ProgressReport",
    "Recipient",
    "Task",
]
