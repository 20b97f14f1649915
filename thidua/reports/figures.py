"""The figures of a periodic report, compiled with the dashboards' own queries (so a report
and the dashboard for the same agency and period agree) into a JSON-ready snapshot.

Every row carries the URL of the back-office list of its records. A part is ``None`` when its
source has nothing for the period: the report then leaves that part out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.text import format_date
from thidua.reports.queries.awards import award_summary
from thidua.reports.queries.exemplars import exemplar_summary
from thidua.reports.queries.movements import movements_summary
from thidua.reports.queries.plans import plan_progress
from thidua.reports.queries.propaganda import Line, propaganda
from thidua.reports.scope import Filter

Progress = Callable[[int], None]


def format_vnd(amount: int) -> str:
    """1800000 -> "1.800.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def _lines(lines: list[Line]) -> list[dict[str, Any]]:
    return [
        {
            "label": line.label,
            "values": [c.value for c in line.cells],
            "urls": [c.url for c in line.cells],
            "total": line.total,
        }
        for line in lines
        if line.total
    ]


def propaganda_part(flt: Filter) -> dict[str, Any] | None:
    data = propaganda(flt)
    if not data.total:
        return None
    return {
        "sources": data.source_labels,
        "totals": [c.value for c in data.totals],
        "urls": [c.url for c in data.totals],
        "total": data.total,
        "people": data.people,
        "by_channel": _lines(data.by_channel),
        "by_unit": _lines(data.by_unit),
        "by_month": _lines(data.by_month),
        "by_content": [{"label": t, "total": n} for t, n in data.by_content],
    }


def plans_part(flt: Filter) -> dict[str, Any] | None:
    data = plan_progress(flt, overdue_limit=30)
    if not data.totals.total:
        return None

    def row(p: Any) -> dict[str, Any]:
        return {
            "label": p.label,
            "total": p.total,
            "done": p.done,
            "overdue": p.overdue,
            "percent": p.percent,
            "url": p.url_all,
            "url_overdue": p.url_overdue,
        }

    return {
        **row(data.totals),
        "by_plan": [row(p) for p in data.by_plan],
        "by_unit": [row(p) for p in data.by_unit],
        "overdue_tasks": [
            {"label": t.title, "unit": t.agency.name, "due": format_date(t.due_date)}
            for t in data.overdue
        ],
    }


def movements_part(flt: Filter) -> dict[str, Any] | None:
    data = movements_summary(flt)
    if not data.rows and not data.by_title:
        return None
    return {
        "statuses": [label for _v, label in data.statuses],
        "rows": [
            {
                "label": r.movement.name,
                "launcher": r.movement.launcher_label,
                "duties": [r.duties.get(v, 0) for v, _l in data.statuses],
                "registrations": r.registrations,
                "url": r.url,
            }
            for r in data.rows
        ],
        "duty_totals": [data.duty_totals[v] for v, _l in data.statuses],
        "by_title": [
            {
                "movement": t.movement,
                "label": t.title,
                "individual": t.individual,
                "collective": t.collective,
                "total": t.total,
                "url": t.url,
            }
            for t in data.by_title
        ],
        "registrations": data.registrations,
    }


def exemplars_part(flt: Filter) -> dict[str, Any] | None:
    data = exemplar_summary(flt)
    if not data.total:
        return None
    return {
        "total": data.total,
        "found": data.found,
        "found_url": data.found_url,
        "by_stage": [{"label": c.label, "total": c.value, "url": c.url} for c in data.by_stage],
        "by_kind": [
            {"label": c.label, "total": c.value, "url": c.url} for c in data.by_kind if c.value
        ],
        "recognised": [
            {
                "label": e.name,
                "unit": e.unit.name,
                "title": e.recognition_title or e.get_recognition_level_display(),
                "decision": e.recognition_decision_number,
                "date": format_date(e.recognition_decision_date),
            }
            for e in data.recognised
        ],
        "coverage": [
            {"label": c.label, "total": c.value, "url": c.url}
            for c in data.coverage_by_kind
            if c.value
        ],
        "coverage_total": data.coverage_total,
        "uncovered": [{"label": c.label, "total": c.value, "url": c.url} for c in data.uncovered],
        "uncovered_total": data.uncovered_total,
    }


def awards_part(flt: Filter) -> dict[str, Any] | None:
    data = award_summary(flt)
    if not data.total:
        return None

    def rows(items: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "label": r.label,
                "individual": r.individual,
                "collective": r.collective,
                "total": r.total,
                "amount": r.amount,
                "amount_text": format_vnd(r.amount),
                "url": r.url,
            }
            for r in items
        ]

    return {
        "total": data.total,
        "amount": data.amount,
        "amount_text": format_vnd(data.amount),
        "by_title": rows(data.by_title),
        "by_level": rows(data.by_level),
        "by_unit": rows(data.by_unit),
        "by_year": rows(data.by_year),
    }


PARTS: list[tuple[str, Callable[[Filter], dict[str, Any] | None]]] = [
    ("propaganda", propaganda_part),
    ("plans", plans_part),
    ("movements", movements_part),
    ("exemplars", exemplars_part),
    ("awards", awards_part),
]


def compile_figures(flt: Filter, progress: Progress | None = None) -> dict[str, Any]:
    """Every part in turn, reporting progress (0–80 %) after each."""
    figures: dict[str, Any] = {
        "period": [flt.start.isoformat(), flt.end.isoformat()],
        "agency": flt.agency.name if flt.agency else _("Tất cả cơ quan"),
    }
    for index, (key, part) in enumerate(PARTS, start=1):
        figures[key] = part(flt)
        if progress is not None:
            progress(round(80 * index / len(PARTS)))
    return figures
