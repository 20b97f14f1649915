"""Every write of the exemplars app. One transaction each, permission checked, audit recorded
inside. Other apps (portal, plans) call ``coverage_record``."""

from thidua.exemplars.services.common import ALLOWED_MOVES, AUDIT_ACTIONS
from thidua.exemplars.services.exemplars import (
    EXEMPLAR_FIELDS,
    exemplar_create,
    exemplar_set_publication,
    exemplar_update,
)
from thidua.exemplars.services.fields import FIELD_FIELDS, field_create, field_update
from thidua.exemplars.services.records import (
    coverage_record,
    coverage_remove,
    evidence_add,
    log_add,
    replication_record,
)
from thidua.exemplars.services.stages import (
    exemplar_drop,
    exemplar_nurture,
    exemplar_recognise,
    exemplar_resume,
    nurturing_plan_update,
)

__all__ = [
    "ALLOWED_MOVES",
    "AUDIT_ACTIONS",
    "EXEMPLAR_FIELDS",
    "FIELD_FIELDS",
    "coverage_record",
    "coverage_remove",
    "evidence_add",
    "exemplar_create",
    "exemplar_drop",
    "exemplar_nurture",
    "exemplar_recognise",
    "exemplar_resume",
    "exemplar_set_publication",
    "exemplar_update",
    "field_create",
    "field_update",
    "log_add",
    "nurturing_plan_update",
    "replication_record",
]
