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


def test_a_unit_of_a_merged_agency_resolves_to_its_successor(
    agency_a, units_a, django_assert_max_num_queries
):
    from tests.org.factories import make_agency
    from thidua.plans.importing.matching import UnitMatcher

    # Given the former Sở Thông tin và Truyền thông merged into Sở Khoa học và Công nghệ, its
    # Phòng Bưu chính, Viễn thông now part of the Phòng Quản lý chuyên ngành
    former = make_agency(
        None, code="STTTT", name="Sở Thông tin và Truyền thông", successor=agency_a
    )
    make_agency(
        former,
        code="STTTT-BCVT",
        name="Phòng Bưu chính, Viễn thông",
        kind="division",
        successor=units_a["qlcn"],
    )
    matcher = UnitMatcher(agency_a)

    # When a plan names the former unit, then it is matched to the successor unit, and
    # matching names queries nothing beyond following the successor
    with django_assert_max_num_queries(2):
        found = matcher.match("Phòng Bưu chính, Viễn thông Sở Thông tin và Truyền thông")
        assert matcher.match("VP Sở").agency == units_a["office"]
    assert found.agency == units_a["qlcn"] and found.kind == "former"
