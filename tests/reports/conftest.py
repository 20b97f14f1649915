"""A generated world for the dashboards and reports: two departments (A with three units, B with
one), each with plans, tasks, activities, meetings, a movement with registrations, exemplars with
coverage, and issued award decisions. Rows are written directly (the world); the figures under
test are then compared with direct ORM counts."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from tests.awards.factories import make_person, title
from tests.exemplars.factories import make_exemplar, make_field
from tests.movements.factories import launched_movement
from tests.org.factories import make_agency
from thidua.awards.models import Awardee, Decision, DecisionStatus
from thidua.exemplars.models import Coverage, Kind, Stage
from thidua.movements.models import Registration
from thidua.org.models import Agency
from thidua.plans.models import Activity, Channel, ContentItem, Meeting, Plan, PlanChannel, Task

YEAR = dt.date.today().year
TITLES = ["LDTT", "CSTDCS", "GIAY_KHEN", "TTLDTT", "BK_TINH"]
CHANNELS = [Channel.PORTAL, Channel.E_OFFICE, Channel.CONFERENCE, Channel.LEGAL_DAY]
MEETING_KINDS = [Meeting.Kind.MONTHLY_BRIEFING, Meeting.Kind.PARTY_CELL, Meeting.Kind.CONFERENCE]


@dataclass
class World:
    units: dict[str, list[Agency]] = field(default_factory=dict)  # "a" / "b" -> units
    plans: dict[str, Plan] = field(default_factory=dict)
    movements: dict[str, object] = field(default_factory=dict)


def _day(rng: random.Random, year: int = YEAR) -> dt.date:
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def build_department(
    key: str, department: Agency, units: list[Agency], office, size: int, rng: random.Random
) -> tuple[Plan, object]:
    plan = Plan.objects.create(
        agency=department,
        title=f"Tuyên truyền công tác thi đua, khen thưởng năm {YEAR} ({key})",
        number_symbol=f"0{len(key)}/KH-{department.symbol or department.code}",
        year_start=YEAR,
        year_end=YEAR,
        status=Plan.Status.IN_PROGRESS,
        issued_on=dt.date(YEAR, 1, 5),
    )
    items = [
        ContentItem.objects.create(plan=plan, order=i, title=f"Nội dung {i} của {key}")
        for i in range(3)
    ]
    for i, channel in enumerate(CHANNELS[:3]):
        PlanChannel.objects.create(plan=plan, order=i, channel=channel)
    statuses = [Task.Status.DONE, Task.Status.IN_PROGRESS, Task.Status.NOT_STARTED]
    for i in range(4 * size):
        Task.objects.create(
            plan=plan,
            agency=units[i % len(units)],
            title=f"Nhiệm vụ {i} ({key})",
            due_date=_day(rng) if i % 5 else _day(rng, YEAR - 1),
            status=statuses[i % 3],
            percent=100 if i % 3 == 0 else 40,
        )
    for i in range(5 * size):
        activity = Activity.objects.create(
            plan=plan if i % 4 else None,
            agency=units[i % len(units)],
            date=_day(rng) if i % 6 else _day(rng, YEAR - 1),
            title=f"Bài viết tuyên truyền {i} ({key})",
            channel=CHANNELS[i % len(CHANNELS)],
            audience=10 * (i % 7),
        )
        activity.topics.set(items[: 1 + i % 3])
    for i in range(3 * size):
        meeting = Meeting.objects.create(
            plan=plan,
            agency=units[i % len(units)],
            date=_day(rng),
            title=f"Cuộc họp {i} ({key})",
            kind=MEETING_KINDS[i % len(MEETING_KINDS)],
            attendees=20 + i,
        )
        meeting.topics.set(items[i % 3 : i % 3 + 1])
    movement = launched_movement(
        office, department, units, name=f"Phong trào thi đua của {department.name}"
    )
    for i, unit in enumerate(units):
        Registration.objects.create(
            movement=movement,
            year=YEAR,
            subject=Registration.Subject.COLLECTIVE,
            agency=unit,
            title_code="TTLDTT",
            title_name="Tập thể lao động tiên tiến",
        )
        for j in range(size):
            person = make_person(unit, name=f"Cán bộ {key}{i}-{j}")
            Registration.objects.create(
                movement=movement,
                year=YEAR,
                subject=Registration.Subject.INDIVIDUAL,
                agency=unit,
                person=person,
                title_code="LDTT" if j % 2 else "CSTDCS",
                title_name="Lao động tiên tiến" if j % 2 else "Chiến sĩ thi đua cơ sở",
            )
    exemplar_field = make_field(department, name=f"Lĩnh vực {key}")
    stages = [Stage.DISCOVERED, Stage.NURTURING, Stage.RECOGNISED, Stage.REPLICATED]
    for i in range(3 * size):
        stage = stages[i % 4]
        exemplar = make_exemplar(
            units[i % len(units)],
            field=exemplar_field,
            name=f"Điển hình {i} ({key})",
            stage=stage,
            kind=list(Kind)[i % len(Kind)],
            discovered_on=_day(rng) if i % 3 else _day(rng, YEAR - 1),
            recognition_decision_date=_day(rng) if stage in stages[2:] else None,
            recognition_title="Giấy khen" if stage in stages[2:] else "",
        )
        for k in range(i % 3):
            Coverage.objects.create(
                exemplar=exemplar,
                kind=list(Coverage.Kind)[k % 4],
                title=f"Bài viết về {exemplar.name} {k}",
                date=_day(rng),
            )
    for d in range(size):
        decision = Decision.objects.create(
            agency=department,
            summary=f"Khen thưởng {key} đợt {d}",
            year=YEAR - 1,
            status=DecisionStatus.ISSUED if d % 3 != 2 else DecisionStatus.DRAFT,
            date=_day(rng) if d % 4 != 3 else _day(rng, YEAR - 1),
            symbol=f"{d + 1:02d}/QĐ-{department.symbol}",
            signer_position="GIÁM ĐỐC",
            signer_name="Nguyễn Văn Ký",
        )
        for k, code in enumerate(TITLES):
            unit = units[(d + k) % len(units)]
            collective = code.startswith("TT")
            Awardee.objects.create(
                decision=decision,
                position=k,
                title=title(code),
                person=None if collective else make_person(unit, name=f"Người khen {key}{d}{k}"),
                agency=unit if collective else None,
                name=unit.name if collective else f"Người khen {key}{d}{k}",
                coefficient=Decimal("1.0"),
                amount=1_000_000 * (k + 1),
                revoked_at=None if k != 4 or d % 2 else dt.datetime(YEAR, 6, 1, tzinfo=dt.UTC),
            )
    return plan, movement


@pytest.fixture
def build_world(agency_a, division_a, agency_b, division_b, office_a, office_b):
    def build(size: int = 2, seed: int = 7) -> World:
        rng = random.Random(seed)
        a2 = make_agency(
            agency_a, code=f"SKHCN-QLCN-{seed}", name="Phòng Quản lý chuyên ngành", kind="division"
        )
        a3 = make_agency(a2, code=f"SKHCN-TT-{seed}", name="Tổ Thông tin", kind="unit")
        world = World(units={"a": [division_a, a2, a3], "b": [division_b]})
        for key, dept, office in (("a", agency_a, office_a), ("b", agency_b, office_b)):
            plan, movement = build_department(key, dept, world.units[key], office, size, rng)
            world.plans[key], world.movements[key] = plan, movement
        return world

    return build
