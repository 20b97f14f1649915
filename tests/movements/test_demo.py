"""The movements demo stage: the seeds' movements launched with registrations and a cascade in
three states, and Khối 3 with its covenant, scoring table and scores; a second run creates
nothing."""

from __future__ import annotations

import pytest

from thidua.movements import queries
from thidua.movements.models import (
    Covenant,
    Duty,
    Movement,
    Registration,
    ScoreSheet,
    ScoringTable,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Movement, Duty, Registration, Covenant, ScoringTable, ScoreSheet)
    )


def _load(monkeypatch) -> None:
    """The org stages and this stage only (the other apps' stages have their own tests)."""
    from thidua.demo import loader as loader_module
    from thidua.demo import movements

    monkeypatch.setattr(
        loader_module.DemoLoader,
        "domain_stages",
        lambda self: [("movements", lambda: movements.load(self))],
    )
    loader_module.DemoLoader().run()


def test_demo_movements_stage_runs_once(monkeypatch):
    _load(monkeypatch)
    names = set(Movement.objects.values_list("name", flat=True))
    assert "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở" in names
    assert "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau" in names
    assert any(n.startswith("Phong trào thi đua thường xuyên năm") for n in names)
    statuses = set(Duty.objects.values_list("status", flat=True))
    assert {"accepted", "returned", "not_sent"} <= statuses
    assert Registration.objects.filter(person__isnull=False).count() >= 3
    table = ScoringTable.objects.get()
    assert len(queries.ranking(table)) >= 3
    counts = _counts()
    _load(monkeypatch)
    assert _counts() == counts
