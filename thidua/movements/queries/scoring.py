"""Bloc scoring reads: tables, score sheets (a self-score stays with its agency until it is sent
to the bloc) and the ranking with its tie-break rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.movements import permissions as perms
from thidua.movements.models import ScoreSheet, ScoringTable
from thidua.movements.queries.movements import _under
from thidua.org.models import Agency, Bloc, BlocMembership, BlocTerm
from thidua.org.queries import user_scope

TIE_BREAK_RULE = _(
    "Xếp theo tổng điểm cuối cùng từ cao xuống thấp. Bằng tổng điểm thì cơ quan có điểm các "
    "tiêu chí chính (không tính điểm thưởng, điểm trừ) cao hơn xếp trên; vẫn bằng thì cơ quan "
    "bị trừ ít điểm hơn xếp trên; vẫn bằng nữa thì đồng hạng."
)
FINAL_SCORE_RULE = _(
    "Điểm cuối cùng của một cơ quan là trung bình cộng các phiếu chấm chéo đã gửi khối (của khối "
    "trưởng và các thành viên); khi chưa có phiếu chấm chéo thì lấy điểm tự chấm đã gửi khối. "
    "Cơ quan chưa gửi phiếu tự chấm chưa được xếp hạng."
)


def bloc_leader(bloc: Bloc | int, year: int) -> Agency | None:
    term = BlocTerm.objects.filter(bloc=bloc, year=year).select_related("leader").first()
    return term.leader if term else None


def can_manage_bloc(user: Any, bloc: Bloc | int, year: int) -> bool:
    """May the user maintain the bloc's scoring table and covenant for the year and publish its
    results (perms.can_manage_scoring with the year's leader)?"""
    leader = bloc_leader(bloc, year)
    return perms.can_manage_scoring(user_scope(user), leader.path if leader else None)


def member_ids(bloc: Bloc | int, year: int) -> set[int]:
    return {m.agency_id for m in BlocMembership.objects.filter(bloc=bloc) if m.active_in(year)}


def tables_visible_to(user: Any) -> QuerySet[ScoringTable]:
    """Tables of the blocs whose member agencies the user reads for (Office, leadership)."""
    scope = user_scope(user)
    qs = ScoringTable.objects.select_related("bloc")
    if scope.is_province_admin:
        return qs
    roots = scope.paths_with(perms.BLOC_READERS)
    return qs.filter(
        bloc__memberships__in=BlocMembership.objects.filter(_under("agency__path", roots))
    ).distinct()


def sheets_visible_to(user: Any, table: ScoringTable) -> QuerySet[ScoreSheet]:
    """Score sheets of the table the user may read.

    An agency's own sheets (self-scores and the cross-scores it gives) are visible to its Office
    and leadership from the first draft; any other sheet only once it has been sent to the bloc.
    """
    scope = user_scope(user)
    qs = ScoreSheet.objects.filter(table=table).select_related("subject", "scorer")
    if scope.is_province_admin:
        return qs
    roots = scope.paths_with(perms.BLOC_READERS)
    if not roots:
        return qs.none()
    ids = member_ids(table.bloc_id, table.year)
    in_bloc = Agency.objects.filter(pk__in=ids).filter(_under("path", roots)).exists()
    own = _under("scorer__path", roots)
    if not in_bloc:
        return qs.filter(own)
    return qs.filter(own | Q(submitted_at__isnull=False))


def visible_sheet(user: Any, table: ScoringTable, pk: int) -> ScoreSheet | None:
    return sheets_visible_to(user, table).filter(pk=pk).first()


@dataclass
class RankingRow:
    agency: Agency
    total: Decimal
    base_total: Decimal
    bonus_total: Decimal
    penalty_total: Decimal
    source: str  # "cross" (average of cross-scores), "self"
    cross_count: int
    rank: int = 0
    tied: bool = False
    self_total: Decimal | None = None
    notes: list[str] = field(default_factory=list)


def _avg(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def ranking(table: ScoringTable) -> list[RankingRow]:
    """The bloc's ranking for the table (FINAL_SCORE_RULE, TIE_BREAK_RULE).

    Two queries whatever the number of members (memberships, sheets with their agencies).
    The caller checks that the user may see it (queries are not scoped here on purpose: the
    ranking is computed from every submitted sheet).
    """
    ids = member_ids(table.bloc_id, table.year)
    sheets = list(
        ScoreSheet.objects.filter(
            table=table, submitted_at__isnull=False, subject_id__in=ids
        ).select_related("subject")
    )
    self_sheet: dict[int, ScoreSheet] = {}
    cross: dict[int, list[ScoreSheet]] = {}
    agencies: dict[int, Agency] = {}
    for sheet in sheets:
        agencies[sheet.subject_id] = sheet.subject
        if sheet.kind == ScoreSheet.Kind.SELF:
            self_sheet[sheet.subject_id] = sheet
        else:
            cross.setdefault(sheet.subject_id, []).append(sheet)
    rows: list[RankingRow] = []
    for agency_id, agency in agencies.items():
        own = self_sheet.get(agency_id)
        if own is None:
            continue  # not ranked until it sends its self-score
        given = cross.get(agency_id, [])
        basis = given or [own]
        rows.append(
            RankingRow(
                agency=agency,
                total=_avg([s.total for s in basis]),
                base_total=_avg([s.base_total for s in basis]),
                bonus_total=_avg([s.bonus_total for s in basis]),
                penalty_total=_avg([s.penalty_total for s in basis]),
                source="cross" if given else "self",
                cross_count=len(given),
                self_total=own.total,
            )
        )
    rows.sort(key=lambda r: (-r.total, -r.base_total, r.penalty_total, r.agency.name))
    previous: tuple[Decimal, Decimal, Decimal] | None = None
    for position, row in enumerate(rows, start=1):
        key = (row.total, row.base_total, row.penalty_total)
        if previous == key:
            row.rank = rows[position - 2].rank
            row.tied = True
            rows[position - 2].tied = True
        else:
            row.rank = position
        previous = key
    return rows
