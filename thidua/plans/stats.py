"""Figures of the plan dashboard: each one aggregate query, whatever the number of tasks.

The caller has already checked that the user may see the plan (queries.plans_visible_to).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q

from thidua.plans.models import Activity, Channel, ContentItem, Meeting, Plan, Task


def _open_late(today: dt.date) -> Q:
    return Q(status__in=Task.OPEN, due_date__lt=today)


def _rows(qs: Any, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for row in qs.annotate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Task.Status.DONE)),
        overdue=Count("pk", filter=_open_late(today)),
        percent=Avg("percent"),
    ):
        row["percent"] = round(row["percent"] or 0)
        rows.append(row)
    return rows


def progress_by_unit(plan: Plan, today: dt.date | None = None) -> list[dict[str, Any]]:
    today = today or dt.date.today()
    qs = (
        plan.tasks.exclude(status=Task.Status.CANCELLED)
        .values("agency_id", "agency__name")
        .order_by("agency__path")
    )
    return _rows(qs, today)


def progress_by_phase(plan: Plan, today: dt.date | None = None) -> list[dict[str, Any]]:
    today = today or dt.date.today()
    qs = (
        plan.tasks.exclude(status=Task.Status.CANCELLED)
        .values("phase_id", "phase__name", "phase__start", "phase__end")
        .order_by("phase__start", "phase_id")
    )
    return _rows(qs, today)


def progress_by_channel(plan: Plan, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Per channel of the plan: recurring tasks (done/total) and activities or meetings held."""
    today = today or dt.date.today()
    labels = dict(Channel.choices)
    tasks = {
        r["channel"]: r
        for r in _rows(
            plan.tasks.exclude(status=Task.Status.CANCELLED)
            .exclude(channel="")
            .values("channel")
            .order_by("channel"),
            today,
        )
    }
    held: dict[str, int] = {}
    for r in plan.activities.values("channel").annotate(n=Count("pk")).order_by():
        held[r["channel"]] = held.get(r["channel"], 0) + r["n"]
    for r in plan.meetings.values("kind").annotate(n=Count("pk")).order_by():
        held[r["kind"]] = held.get(r["kind"], 0) + r["n"]
    planned = list(plan.channels.values_list("channel", flat=True))
    codes = planned + [c for c in sorted(set(held) | set(tasks)) if c not in planned]
    return [
        {
            "channel": code,
            "label": labels.get(code, code),
            "planned": code in planned,
            "held": held.get(code, 0),
            "total": tasks.get(code, {}).get("total", 0),
            "done": tasks.get(code, {}).get("done", 0),
            "overdue": tasks.get(code, {}).get("overdue", 0),
        }
        for code in codes
    ]


@dataclass
class CoverageGrid:
    channels: list[tuple[str, str]]  # (code, label)
    rows: list[tuple[ContentItem, list[int]]] = field(default_factory=list)
    uncovered: int = 0  # content items carried by no activity or meeting at all

    @property
    def cells(self) -> int:
        return len(self.channels) * len(self.rows)


def coverage_grid(plan: Plan) -> CoverageGrid:
    """Content items × channels: how many activities and meetings carried each item on each
    channel. The plan's channels come first; channels used without being planned follow."""
    labels = dict(Channel.choices)
    items = list(plan.content_items.all())
    counts: dict[tuple[int, str], int] = {}
    for r in (
        Activity.topics.through.objects.filter(contentitem__plan=plan)
        .values("contentitem_id", "activity__channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (r["contentitem_id"], r["activity__channel"])
        counts[key] = counts.get(key, 0) + r["n"]
    for r in (
        Meeting.topics.through.objects.filter(contentitem__plan=plan)
        .values("contentitem_id", "meeting__kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (r["contentitem_id"], r["meeting__kind"])
        counts[key] = counts.get(key, 0) + r["n"]
    planned = list(plan.channels.values_list("channel", flat=True))
    used = sorted({c for _i, c in counts} - set(planned))
    channels = [(c, labels.get(c, c)) for c in planned + used]
    grid = CoverageGrid(channels=channels)
    for item in items:
        row = [counts.get((item.pk, code), 0) for code, _label in channels]
        grid.rows.append((item, row))
        if not any(row):
            grid.uncovered += 1
    return grid


def plan_totals(plan: Plan, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    totals = plan.tasks.exclude(status=Task.Status.CANCELLED).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Task.Status.DONE)),
        overdue=Count("pk", filter=_open_late(today)),
        percent=Avg("percent"),
    )
    totals["percent"] = round(totals["percent"] or 0)
    return totals
