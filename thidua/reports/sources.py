"""Where the propaganda figures come from: a registry of sources.

Each source counts delivered propaganda by month, channel and unit for a ``Filter`` (one
grouped query), links a figure to the back-office list of its records, and lists those records
for the spreadsheet. The plans app's activities and meetings and the documents app's
disseminations on the e-office channel (those not recorded as a plan's activity) are registered
here; another app adds its own with the Wagtail hook ``register_propaganda_source`` returning a
``PropagandaSource``:

    @hooks.register("register_propaganda_source")
    def exhibitions_source():
        return PropagandaSource(key="exhibitions", label=_("Triển lãm"), ...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from thidua.reports.scope import Filter


@dataclass(frozen=True)
class Tally:
    """One group of a source's count: the month (first day), channel code, unit id, how many
    records and how many people they reached."""

    month: dt.date
    channel: str
    agency_id: int
    count: int
    people: int = 0


@dataclass(frozen=True)
class Record:
    """One record behind a figure, for the spreadsheet and the report's annex."""

    date: dt.date
    title: str
    channel: str
    unit: str
    people: int
    url: str
    topics: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PropagandaSource:
    key: str
    label: str
    # Filter -> grouped counts (one query whatever the number of records)
    tallies: Callable[[Filter], Iterable[Tally]]
    # Filter and narrowing parameters (channel, agency, month) -> URL of the filtered list
    link: Callable[[Filter, dict[str, str]], str]
    # Filter -> the records themselves, newest first
    records: Callable[[Filter], Iterable[Record]]
    # Filter -> {content item title: count}, for sources that carry plan content items
    by_content: Callable[[Filter], dict[str, int]] | None = None
    channel_labels: dict[str, str] = field(default_factory=dict)


def record_url(name: str) -> Callable[[int], str]:
    """``pk -> reverse(name, args=[pk])`` for a URL whose last argument is the record's id,
    reversed once: the spreadsheet links tens of thousands of records."""
    from django.urls import reverse

    marker = "987654321"
    head, tail = reverse(name, args=[int(marker)]).rsplit(marker, 1)
    return lambda pk: f"{head}{pk}{tail}"


def propaganda_sources() -> list[PropagandaSource]:
    """The plans sources first, the documents' disseminations, then those other apps register
    through the hook."""
    from wagtail import hooks

    from thidua.reports.queries.document_sources import document_sources
    from thidua.reports.queries.plan_sources import plan_sources

    found: list[PropagandaSource] = [*plan_sources(), *document_sources()]
    for hook in hooks.get_hooks("register_propaganda_source"):
        result: Any = hook()
        found.extend(result if isinstance(result, list | tuple) else [result])
    return found
