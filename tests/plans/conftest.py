"""Plans fixtures: department A with its Office (division_a), two more units, and helpers to
import a seed plan end to end through the same path as the review screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.org.factories import make_agency
from thidua.org.models import Agency
from thidua.plans import services
from thidua.plans.importing.draft import build_draft, read_upload

SEEDS = Path(__file__).resolve().parents[2] / "thidua" / "demo" / "fixtures" / "seeds"


def seed_path(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


@pytest.fixture
def units_a(agency_a, division_a) -> dict[str, Agency]:
    return {
        "office": division_a,
        "qlcn": make_agency(
            agency_a, code="SKHCN-QLCN", name="Phòng Quản lý chuyên ngành", kind="division"
        ),
        "qlkh": make_agency(
            agency_a, code="SKHCN-QLKH", name="Phòng Quản lý khoa học", kind="division"
        ),
    }


def draft_of(number: str, agency: Agency) -> dict:
    path = seed_path(number)
    doc, text, fmt = read_upload(path.read_bytes(), path.name)
    return build_draft(
        doc, agency=agency, source_text=text, source_name=path.name, source_format=fmt
    )


@pytest.fixture
def import_seed(units_a, office_a):
    def run(number: str, *, issue: bool = True):
        draft = draft_of(number, units_a["office"].parent)
        for row in draft["assignments"]:
            if not (row["agency_id"] or row["all_units"]):
                row["all_units"] = True  # what a reviewer would pick for a collective name
        plan = services.plan_create(draft=draft, agency=units_a["office"].parent, actor=office_a)
        if issue:
            plan = services.plan_issue(plan, actor=office_a)
        return plan

    return run
