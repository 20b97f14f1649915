"""Plan progress and overdue work, read through ``thidua.plans.queries``: tasks due in the
period, not cancelled, of units in the filter's agencies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from thidua.plans import queries as plans
from thidua.plans.models import Plan, Task
from thidua.reports.queries.units import roll_up
from thidua.reports.scope import Filter


def tasks(flt: Filter) -> QuerySet[Task]:
    qs = flt.dated(flt.within(plans.tasks_visible_to(flt.user), "agency__path"), "due_date")
    qs = qs.exclude(status=Task.Status.CANCELLED).exclude(plan__status=Plan.Status.DRAFT)
    if flt.plan_id is not None:
        qs = qs.filter(plan_id=flt.plan_id)
    if flt.movement_id is not None:
        qs = qs.filter(plan__movements=flt.movement_id)
    return qs


def _late(today: dt.date) -> Q:
    return Q(status__in=Task.OPEN, due_date__lt=today)


def tasks_link(flt: Filter, **extra: Any) -> str:
    params = {"mine": "0", "state": "all", **flt.link_params()}
    if flt.plan_id is not None:
        params["plan"] = str(flt.plan_id)
    params.update({k: str(v) for k, v in extra.items()})
    return f"{reverse('plans:my_tasks')}?{urlencode(params)}"


@dataclass
class Progress:
    key: str
    label: str
    total: int
    done: int
    overdue: int
    percent: int
    url_all: str
    url_done: str
    url_overdue: str


@dataclass
class PlanProgress:
    totals: Progress
    by_plan: list[Progress]
    by_unit: list[Progress]
    overdue: list[Task]


def _counts(qs: QuerySet, today: dt.date) -> Any:
    return dict(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Task.Status.DONE)),
        overdue=Count("pk", filter=_late(today)),
    )


def _ratio(done: int, total: int) -> int:
    """Share of tasks done, in whole percent."""
    return round(100 * done / total) if total else 0


def plan_progress(
    flt: Filter, *, today: dt.date | None = None, overdue_limit: int = 20
) -> PlanProgress:
    """Four queries (totals, by plan with the plans' names, by unit, the longest overdue) and
    two to name the units, whatever the number of tasks."""
    today = today or dt.date.today()
    qs = tasks(flt).order_by()
    agg = qs.aggregate(**_counts(qs, today))
    totals = Progress(
        "all",
        "",
        agg["total"],
        agg["done"],
        agg["overdue"],
        _ratio(agg["done"], agg["total"]),
        tasks_link(flt),
        tasks_link(flt, state="done"),
        tasks_link(flt, state="overdue"),
    )
    by_plan = []
    for row in (
        qs.values("plan_id", "plan__number_symbol", "plan__title")
        .annotate(**_counts(qs, today))
        .order_by("plan__title", "plan_id")
    ):
        label = " – ".join(p for p in (row["plan__number_symbol"], row["plan__title"]) if p)
        by_plan.append(
            Progress(
                str(row["plan_id"]),
                label,
                row["total"],
                row["done"],
                row["overdue"],
                _ratio(row["done"], row["total"]),
                tasks_link(flt, plan=row["plan_id"]),
                tasks_link(flt, plan=row["plan_id"], state="done"),
                tasks_link(flt, plan=row["plan_id"], state="overdue"),
            )
        )
    per_unit = [
        (row["agency_id"], [row["total"], row["done"], row["overdue"]])
        for row in qs.values("agency_id").annotate(**_counts(qs, today))
    ]
    by_unit = [
        Progress(
            str(row.agency_id),
            row.name,
            row.values[0],
            row.values[1],
            row.values[2],
            _ratio(row.values[1], row.values[0]),
            tasks_link(flt, agency=row.agency_id),
            tasks_link(flt, agency=row.agency_id, state="done"),
            tasks_link(flt, agency=row.agency_id, state="overdue"),
        )
        for row in roll_up(flt, per_unit, width=3)
    ]
    overdue = list(
        qs.filter(_late(today))
        .select_related("agency", "plan")
        .order_by("due_date", "pk")[:overdue_limit]
    )
    return PlanProgress(totals, by_plan, by_unit, overdue)
