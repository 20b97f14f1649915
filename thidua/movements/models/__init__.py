from thidua.movements.models.movement import Duty, Movement, Participation
from thidua.movements.models.registration import Registration
from thidua.movements.models.scoring import (
    Covenant,
    CovenantSignatory,
    Criterion,
    Evidence,
    Score,
    ScoreChange,
    ScoreSheet,
    ScoringSection,
    ScoringTable,
)

__all__ = [
    "Covenant",
    "CovenantSignatory",
    "Criterion",
    "Duty",
    "Evidence",
    "Movement",
    "Participation",
    "Registration",
    "Score",
    "ScoreChange",
    "ScoreSheet",
    "ScoringSection",
    "ScoringTable",
]
