from thidua.exemplars.models.coverage import Coverage
from thidua.exemplars.models.exemplar import (
    Exemplar,
    ExemplarField,
    Kind,
    Level,
    Stage,
    StageChange,
    SubjectKind,
)
from thidua.exemplars.models.records import Evidence, NurturingLog, NurturingPlan, Replication

__all__ = [
    "Coverage",
    "Evidence",
    "Exemplar",
    "ExemplarField",
    "Kind",
    "Level",
    "NurturingLog",
    "NurturingPlan",
    "Replication",
    "Stage",
    "StageChange",
    "SubjectKind",
]
