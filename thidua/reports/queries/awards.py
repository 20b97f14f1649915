"""Awards given: awardees of issued decisions (not revoked) dated in the period, of decisions
issued by agencies of the filter, read through ``thidua.awards.council_access``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse

from thidua.awards import council_access as access
from thidua.awards.models import Awardee, DecisionStatus, Level
from thidua.core.text import format_date
from thidua.reports.queries.units import roll_up
from thidua.reports.scope import Filter


def awardees(flt: Filter) -> QuerySet[Awardee]:
    qs = access.awardees_visible_to(flt.user).filter(
        decision__status=DecisionStatus.ISSUED, revoked_at__isnull=True
    )
    return flt.dated(flt.within(qs, "decision__agency__path"), "decision__date")


def decisions_link(flt: Filter, **params: object) -> str:
    query = {**flt.link_params(), "status": DecisionStatus.ISSUED}
    query.update({k: str(v) for k, v in params.items()})
    return f"{reverse('awards:decision_list')}?{urlencode(query)}"


@dataclass
class AwardRow:
    key: str
    label: str
    individual: int
    collective: int
    amount: int
    url: str

    @property
    def total(self) -> int:
        return self.individual + self.collective


@dataclass
class AwardSummary:
    by_title: list[AwardRow]
    by_level: list[AwardRow]
    by_unit: list[AwardRow]
    by_year: list[AwardRow]

    @property
    def total(self) -> int:
        return sum(r.total for r in self.by_title)

    @property
    def amount(self) -> int:
        return sum(r.amount for r in self.by_title)


def award_summary(flt: Filter) -> AwardSummary:
    """One grouped query (title, level, year, unit, individual or collective) and two to name
    the units, whatever the number of awardees."""
    rows = list(
        awardees(flt)
        .order_by()
        .annotate(
            unit_id=Coalesce("person__agency_id", "agency_id"),
            year=ExtractYear("decision__date"),
        )
        .values("title__code", "title__name", "title__level", "title__position", "year", "unit_id")
        .annotate(
            individual=Count("pk", filter=~_collective()),
            collective=Count("pk", filter=_collective()),
            money=Sum("amount"),
        )
    )
    by_title: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    titles: dict[str, tuple[int, str]] = {}
    by_level: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_unit: list[tuple[int, list[int]]] = []
    for r in rows:
        values = [r["individual"], r["collective"], r["money"] or 0]
        titles[r["title__code"]] = (r["title__position"] or 0, r["title__name"])
        for bucket in (by_title[r["title__code"]], by_level[r["title__level"]], by_year[r["year"]]):
            for i, v in enumerate(values):
                bucket[i] += v
        if r["unit_id"] is not None:
            per_unit.append((r["unit_id"], values))
    levels = dict(Level.choices)
    return AwardSummary(
        by_title=[
            AwardRow(code, titles[code][1], *by_title[code], decisions_link(flt, title=code))
            for code in sorted(by_title, key=lambda c: titles[c])
        ],
        by_level=[
            AwardRow(v, str(label), *by_level[v], decisions_link(flt, level=v))
            for v, label in Level.choices
            if v in by_level
        ]
        + [
            AwardRow(v, v, *by_level[v], decisions_link(flt, level=v))
            for v in by_level
            if v not in levels
        ],
        by_unit=[
            AwardRow(str(u.agency_id), u.name, *u.values, decisions_link(flt, unit=u.agency_id))
            for u in roll_up(flt, per_unit, width=3)
        ],
        by_year=[
            AwardRow(
                str(year),
                str(year),
                *by_year[year],
                decisions_link(
                    flt,
                    tu=format_date(max(flt.start, flt.start.replace(year=year, month=1, day=1))),
                    den=format_date(min(flt.end, flt.end.replace(year=year, month=12, day=31))),
                ),
            )
            for year in sorted(by_year)
        ],
    )


def _collective() -> Q:
    return Q(person__isnull=True)
