"""Builders for movements tests: worlds go through the services, as users would make them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from thidua.movements import services
from thidua.movements.models import Movement, ScoringTable
from thidua.movements.services import CriterionSpec, SectionSpec
from thidua.org.models import Agency, Bloc, BlocMembership, BlocTerm

YEAR = dt.date.today().year


def launched_movement(actor, launcher: Agency, participants: list[Agency], **fields) -> Movement:
    defaults = {
        "name": "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
        "kind": Movement.Kind.THEMATIC,
        "scope": Movement.Scope.PROVINCE,
        "start_date": dt.date(YEAR, 1, 1),
        "end_date": dt.date(YEAR, 12, 31),
        "registration_due": dt.date(YEAR, 3, 31),
        "interim_due": dt.date(YEAR, 6, 30),
        "final_due": dt.date(YEAR, 11, 30),
    }
    movement = services.movement_create(
        actor=actor, launched_by=launcher, participants=participants, **{**defaults, **fields}
    )
    return services.movement_launch(movement, actor=actor)


def make_bloc(members: list[Agency], leader: Agency, year: int = YEAR) -> Bloc:
    bloc = Bloc.objects.create(
        code=f"K{Bloc.objects.count() + 1}", name="Khối các sở văn hóa – xã hội"
    )
    for agency in members:
        BlocMembership.objects.create(bloc=bloc, agency=agency, since_year=year - 1)
    BlocTerm.objects.create(bloc=bloc, year=year, leader=leader)
    return bloc


def simple_table(actor, bloc: Bloc, year: int = YEAR) -> ScoringTable:
    """Two sections of 60 and 40 points, a bonus of 10 and a penalty of 5 (evidence for I.1)."""
    return services.scoring_table_create(
        actor=actor,
        bloc=bloc,
        year=year,
        title="Bảng chấm điểm thi đua khối",
        sections=[
            SectionSpec(
                "I",
                "Thực hiện nhiệm vụ chuyên môn",
                [
                    CriterionSpec(
                        "1", "Hoàn thành chỉ tiêu kế hoạch năm", Decimal(40), evidence_required=True
                    ),
                    CriterionSpec("2", "Cải cách hành chính", Decimal(20)),
                ],
            ),
            SectionSpec(
                "II",
                "Công tác thi đua, khen thưởng",
                [
                    CriterionSpec("3", "Tổ chức phong trào thi đua", Decimal(40)),
                    CriterionSpec("4", "Được tặng Cờ thi đua của tỉnh", Decimal(10), kind="bonus"),
                    CriterionSpec("5", "Chậm gửi báo cáo", Decimal(5), kind="penalty"),
                ],
            ),
        ],
    )


def criteria(table: ScoringTable) -> dict[str, int]:
    from thidua.movements.models import Criterion

    return {c.code: c.pk for c in Criterion.objects.filter(section__table=table)}
