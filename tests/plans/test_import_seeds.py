"""Each seed imported end to end gives the plan its text states."""

from __future__ import annotations

import datetime as dt

from tests.plans.conftest import draft_of
from thidua.plans.models import Task


def test_seed_002_has_two_phases_ending_30_june_and_31_december(import_seed):
    plan = import_seed("002")

    ends = [p.end for p in plan.phases.all()]
    assert ends == [dt.date(2020, 6, 30), dt.date(2020, 12, 31)]
    phase_tasks = plan.tasks.filter(kind=Task.Kind.ASSIGNMENT)
    assert {t.due_date for t in phase_tasks} == {dt.date(2020, 6, 30), dt.date(2020, 12, 31)}


def test_seed_001_has_yearly_reviews_2023_to_2025_and_a_final_review(import_seed):
    plan = import_seed("001")

    yearly = plan.tasks.filter(kind=Task.Kind.YEARLY_REVIEW).order_by("due_date")
    assert [t.due_date.year for t in yearly] == [2023, 2024, 2025]
    final = plan.tasks.get(kind=Task.Kind.FINAL_REVIEW)
    assert final.due_date.year == 2025


def test_seeds_000_and_004_assign_the_office_as_lead(import_seed, units_a):
    for number in ("000", "004"):
        plan = import_seed(number)

        lead = plan.assignments.get(role="lead")
        assert lead.agency == units_a["office"], number


def test_seed_003_imports_with_its_structure_and_a_diacritics_warning(units_a, import_seed):
    draft = draft_of("003", units_a["office"].parent)
    assert draft["low_confidence"], "the review marks the fields it is unsure of"

    plan = import_seed("003")

    assert any("mất dấu" in w for w in plan.warnings)
    assert plan.content_items.count() == 2, "the content section is read despite the OCR damage"
    assert plan.bases.count() == 1 and plan.recipients.count() == 5
    assert plan.assignments.exists() and plan.tasks.exists()


def test_unit_names_match_accent_insensitively_and_abbreviations(units_a):
    from thidua.plans.importing.matching import UnitMatcher

    matcher = UnitMatcher(units_a["office"].parent)

    assert matcher.match("VP Sở").agency == units_a["office"]
    assert matcher.match("van phong so").agency == units_a["office"]
    assert matcher.match("Văn Phòng Sở").agency == units_a["office"]
    assert matcher.match("phòng quan ly chuyen nganh").agency == units_a["qlcn"]
    assert matcher.match("Các phòng, đơn vị thuộc Sở").all_units
    assert matcher.match("Phòng Hợp tác quốc tế").kind == ""
