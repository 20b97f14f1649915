"""Exemplars by stage and kind, those found, recognised and covered in the period, read through
``thidua.exemplars.queries`` (exemplars of units in the filter's agencies)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.urls import reverse

from thidua.core.text import format_date
from thidua.exemplars import queries as ex
from thidua.exemplars.models import Coverage, Exemplar, Kind, Stage
from thidua.reports.queries.units import roll_up
from thidua.reports.scope import Filter


def exemplars(flt: Filter) -> QuerySet[Exemplar]:
    return flt.within(ex.exemplars_visible_to(flt.user), "unit__path")


def found(flt: Filter) -> QuerySet[Exemplar]:
    return flt.dated(exemplars(flt), "discovered_on")


def recognised(flt: Filter) -> QuerySet[Exemplar]:
    return flt.dated(
        exemplars(flt).filter(stage__in=[Stage.RECOGNISED, Stage.REPLICATED]),
        "recognition_decision_date",
    )


def coverage(flt: Filter) -> QuerySet[Coverage]:
    return flt.dated(Coverage.objects.filter(exemplar__in=exemplars(flt).values("pk")), "date")


def list_link(flt: Filter, *, dated: bool = False, **params: object) -> str:
    query: dict[str, str] = {k: str(v) for k, v in params.items()}
    if flt.agency is not None and "unit" not in query:
        query["unit"] = str(flt.agency.pk)
    if dated:
        query["discovered_from"] = format_date(flt.start)
        query["discovered_to"] = format_date(flt.end)
    url = reverse("exemplars:index")
    return f"{url}?{urlencode(query)}" if query else url


@dataclass
class Count3:
    key: str
    label: str
    value: int
    url: str


@dataclass
class ExemplarSummary:
    by_stage: list[Count3]
    by_kind: list[Count3]
    by_unit: list[Count3]
    found: int
    found_url: str
    recognised: list[Exemplar]
    coverage_by_kind: list[Count3]
    uncovered: list[Count3]  # recognised / replicated exemplars never covered, by stage

    @property
    def total(self) -> int:
        return sum(c.value for c in self.by_stage)

    @property
    def uncovered_total(self) -> int:
        return sum(c.value for c in self.uncovered)

    @property
    def coverage_total(self) -> int:
        return sum(c.value for c in self.coverage_by_kind)


def exemplar_summary(flt: Filter, *, recognised_limit: int = 50) -> ExemplarSummary:
    """Counts by stage and kind (the state today), by unit; found in the period; recognised in
    the period (listed); coverage in the period by kind; recognised ones never covered. Five
    queries and two to name the units."""
    qs = exemplars(flt).order_by()
    stages: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    by_unit: Counter[int] = Counter()
    # One grouped read summed three ways: its rows are the combinations that occur.
    for stage, kind, unit_id, n in qs.values_list("stage", "kind", "unit_id").annotate(
        n=Count("pk")
    ):
        stages[stage] += n
        kinds[kind] += n
        by_unit[unit_id] += n
    units = roll_up(flt, ((u, [n]) for u, n in by_unit.items()))
    covered = dict(coverage(flt).order_by().values_list("kind").annotate(n=Count("pk")))
    uncovered = dict(
        ex.recognised_without_coverage(flt.user)
        .filter(pk__in=qs.values("pk"))
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
    )
    return ExemplarSummary(
        by_stage=[
            Count3(v, str(label), stages.get(v, 0), list_link(flt, stage=v))
            for v, label in Stage.choices
        ],
        by_kind=[
            Count3(v, str(label), kinds.get(v, 0), list_link(flt, kind=v))
            for v, label in Kind.choices
        ],
        by_unit=[
            Count3(str(r.agency_id), r.name, r.total, list_link(flt, unit=r.agency_id))
            for r in units
        ],
        found=found(flt).count(),
        found_url=list_link(flt, dated=True),
        recognised=list(
            recognised(flt)
            .select_related("unit", "field")
            .order_by("-recognition_decision_date", "name")[:recognised_limit]
        ),
        coverage_by_kind=[
            Count3(v, str(label), covered.get(v, 0), list_link(flt, covered="true"))
            for v, label in Coverage.Kind.choices
        ],
        uncovered=[
            Count3(v, str(label), uncovered.get(v, 0), list_link(flt, stage=v, covered="false"))
            for v, label in Stage.choices
            if v in (Stage.RECOGNISED, Stage.REPLICATED)
        ],
    )
