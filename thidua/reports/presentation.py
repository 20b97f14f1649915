"""Figures as the pages show them: a chart beside a table whose every number links to the
records behind it (the back-office list, filtered)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from thidua.reports.charts import Row, bar_chart


@dataclass
class Cell:
    value: int | str
    url: str = ""


@dataclass
class TableRow:
    label: str
    cells: list[Cell]
    url: str = ""  # the row's own page (a plan, a movement), when there is one


@dataclass
class Figure:
    id: str
    title: str
    headings: list[str]  # first the row heading, then one per cell
    rows: list[TableRow]
    chart: SafeString | None = None
    note: str = ""
    totals: list[Cell] = field(default_factory=list)


def figure(
    fid: str,
    title: str,
    headings: list[str],
    rows: list[TableRow],
    *,
    series: list[str] | None = None,
    chart_columns: list[int] | None = None,
    note: str = "",
    totals: list[Cell] | None = None,
) -> Figure:
    """A figure; the chart draws the cells at ``chart_columns`` (default: all) as series."""
    columns = chart_columns if chart_columns is not None else list(range(len(headings) - 1))
    names = series or [headings[1 + c] for c in columns]
    chart_rows = [
        Row(
            r.label,
            [int(r.cells[c].value) if str(r.cells[c].value).isdigit() else 0 for c in columns],
        )
        for r in rows
    ]
    return Figure(
        id=fid,
        title=title,
        headings=headings,
        rows=rows,
        chart=bar_chart(f"chart-{fid}", title, names, chart_rows) if columns else None,
        note=note,
        totals=totals or [],
    )
