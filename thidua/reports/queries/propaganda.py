"""Propaganda delivered, by month, channel, unit and content: every registered source
(``sources.propaganda_sources``) counted with one grouped query each."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from thidua.core.text import format_date
from thidua.reports.queries.units import UnitRow, roll_up
from thidua.reports.scope import Filter
from thidua.reports.sources import PropagandaSource, Tally, propaganda_sources


@dataclass
class Cell:
    """A figure and the list of the records behind it."""

    value: int
    url: str = ""


@dataclass
class Line:
    key: str
    label: str
    cells: list[Cell]  # one per source

    @property
    def total(self) -> int:
        return sum(c.value for c in self.cells)


@dataclass
class Propaganda:
    sources: list[PropagandaSource]
    totals: list[Cell]
    people: int
    by_month: list[Line]
    by_channel: list[Line]
    by_unit: list[Line]
    by_content: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.value for c in self.totals)

    @property
    def source_labels(self) -> list[str]:
        return [s.label for s in self.sources]


def _months(flt: Filter) -> list[dt.date]:
    months, day = [], flt.start.replace(day=1)
    while day <= flt.end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def _month_range(flt: Filter, month: dt.date) -> dict[str, str]:
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return {"tu": format_date(max(month, flt.start)), "den": format_date(min(last, flt.end))}


def propaganda(flt: Filter, *, with_content: bool = True) -> Propaganda:
    sources = propaganda_sources()
    tallies: list[list[Tally]] = [list(s.tallies(flt)) for s in sources]
    n = len(sources)

    totals = [
        Cell(sum(t.count for t in rows), s.link(flt, {}))
        for s, rows in zip(sources, tallies, strict=True)
    ]
    people = sum(t.people for rows in tallies for t in rows)

    by_month: list[Line] = []
    for month in _months(flt):
        cells = []
        for s, rows in zip(sources, tallies, strict=True):
            value = sum(t.count for t in rows if t.month == month)
            cells.append(Cell(value, s.link(flt, _month_range(flt, month))))
        by_month.append(Line(month.isoformat(), f"{month.month:02d}/{month.year}", cells))

    labels: dict[str, str] = {}
    for s in sources:
        for code, label in s.channel_labels.items():
            labels.setdefault(code, label)  # a shared code keeps the first source's name
    per_channel: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    for i, rows in enumerate(tallies):
        for t in rows:
            per_channel[t.channel][i] += t.count
    order = list(labels)
    by_channel = [
        Line(
            code,
            labels.get(code, code),
            [
                Cell(values[i], s.link(flt, {"channel": code}) if values[i] else "")
                for i, s in enumerate(sources)
            ],
        )
        for code, values in sorted(
            per_channel.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
    ]

    unit_rows: list[UnitRow] = roll_up(
        flt,
        (
            (t.agency_id, [t.count if j == i else 0 for j in range(n)])
            for i, rows in enumerate(tallies)
            for t in rows
        ),
        width=n,
    )
    by_unit = [
        Line(
            str(row.agency_id),
            row.name,
            [
                Cell(v, s.link(flt, {"agency": str(row.agency_id)}) if v else "")
                for v, s in zip(row.values, sources, strict=True)
            ],
        )
        for row in unit_rows
    ]

    by_content: dict[str, int] = defaultdict(int)
    if with_content:
        for s in sources:
            if s.by_content is not None:
                for title, count in s.by_content(flt).items():
                    by_content[title] += count
    return Propaganda(
        sources=sources,
        totals=totals,
        people=people,
        by_month=by_month,
        by_channel=by_channel,
        by_unit=by_unit,
        by_content=sorted(by_content.items(), key=lambda kv: (-kv[1], kv[0])),
    )
