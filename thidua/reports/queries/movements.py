"""Movements, the work participants owe, and registrations, read through
``thidua.movements.queries``: movements running in the period that agencies of the filter
launched or take part in; duties and registrations of those agencies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from thidua.movements import queries as mv
from thidua.movements.models import Duty, Movement, Registration
from thidua.reports.scope import Filter


def movements(flt: Filter) -> QuerySet[Movement]:
    qs = mv.movements_visible_to(flt.user).exclude(status=Movement.Status.DRAFT)
    qs = qs.filter(start_date__lte=flt.end, end_date__gte=flt.start)
    if flt.movement_id is not None:
        qs = qs.filter(pk=flt.movement_id)
    if flt.roots is not None:
        qs = qs.filter(flt.under("launched_by__path") | Q(pk__in=_participating(flt)))
    return qs


def _participating(flt: Filter) -> QuerySet:
    from thidua.movements.models import Participation

    return Participation.objects.filter(flt.under("agency__path")).values("movement_id")


def duties(flt: Filter) -> QuerySet[Duty]:
    qs = flt.within(mv.duties_visible_to(flt.user), "agency__path")
    return qs.filter(movement__in=movements(flt).values("pk"))


def registrations(flt: Filter) -> QuerySet[Registration]:
    qs = flt.within(mv.registrations_visible_to(flt.user), "agency__path")
    qs = qs.filter(year__in=flt.years).exclude(movement__status=Movement.Status.DRAFT)
    if flt.movement_id is not None:
        qs = qs.filter(movement_id=flt.movement_id)
    return qs


def cascade_link(movement_id: int, year: int | None = None) -> str:
    url = reverse("movements:cascade", args=[movement_id])
    return f"{url}?{urlencode({'year': year})}" if year else url


@dataclass
class MovementRow:
    movement: Movement
    duties: dict[str, int] = field(default_factory=dict)  # status -> count
    registrations: int = 0
    url: str = ""

    @property
    def duty_total(self) -> int:
        return sum(self.duties.values())


@dataclass
class TitleRow:
    movement_id: int
    movement: str
    title: str
    individual: int
    collective: int
    url: str

    @property
    def total(self) -> int:
        return self.individual + self.collective


@dataclass
class MovementsSummary:
    rows: list[MovementRow]
    duty_totals: dict[str, int]
    by_title: list[TitleRow]
    registrations: int
    statuses: list[tuple[str, str]]

    @property
    def duty_total(self) -> int:
        return sum(self.duty_totals.values())


def movements_summary(flt: Filter) -> MovementsSummary:
    """Three queries: movements, duties by movement and status, registrations by movement,
    title and subject."""
    listed = list(movements(flt).order_by("-start_date", "name"))
    rows = {m.pk: MovementRow(m, url=cascade_link(m.pk)) for m in listed}
    totals: dict[str, int] = defaultdict(int)
    for row in duties(flt).order_by().values("movement_id", "status").annotate(n=Count("pk")):
        if row["movement_id"] in rows:
            rows[row["movement_id"]].duties[row["status"]] = row["n"]
            totals[row["status"]] += row["n"]
    by_title: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    names = {m.pk: m.name for m in listed}
    year = flt.years[0] if len(flt.years) == 1 else None
    for row in (
        registrations(flt)
        .order_by()
        .values("movement_id", "movement__name", "title_name", "subject")
        .annotate(n=Count("pk"))
    ):
        names.setdefault(row["movement_id"], row["movement__name"])
        index = 0 if row["subject"] == Registration.Subject.INDIVIDUAL else 1
        by_title[(row["movement_id"], row["title_name"])][index] += row["n"]
        if row["movement_id"] in rows:
            rows[row["movement_id"]].registrations += row["n"]
    titles = [
        TitleRow(mid, names[mid], title, ind, col, cascade_link(mid, year))
        for (mid, title), (ind, col) in sorted(
            by_title.items(), key=lambda kv: (names[kv[0][0]], kv[0][1])
        )
    ]
    return MovementsSummary(
        rows=list(rows.values()),
        duty_totals={s: totals.get(s, 0) for s in Duty.Status.values},
        by_title=titles,
        registrations=sum(t.total for t in titles),
        statuses=[(v, str(label)) for v, label in Duty.Status.choices],
    )
