"""A page of a list read without counting the list.

At province scale a COUNT over everything in a user's scope can cost more than the page itself,
and is one more statement per page. One row more than a page says whether another page follows;
the pager then shows "Trang n" with previous/next links instead of "Trang n/total".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, When, Window


class UncountedPage:
    """Quacks like Django's ``Page`` for the pager templates (``paginator`` is None)."""

    paginator = None

    def __init__(self, rows: Any, per_page: int, number: Any) -> None:
        text = str(number or "")
        self.number = max(int(text), 1) if text.isdigit() else 1
        offset = (self.number - 1) * per_page
        fetched = list(rows[offset : offset + per_page + 1])
        self._has_next = len(fetched) > per_page
        self.object_list = fetched[:per_page]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def head_and_counts(queryset: QuerySet, size: int, **counts: Q) -> tuple[list[Any], int, dict]:
    """The first ``size`` rows of ``queryset``, the number of all its rows and, for each of
    ``counts``, of those matching it, in one statement (window aggregates over the whole result,
    computed before the LIMIT): a home panel's list and its "n more" without a COUNT query.

    A DISTINCT queryset is counted in a second statement (its window would count duplicates).
    """
    if queryset.query.distinct:
        rows = list(queryset[:size])
        return (
            rows,
            queryset.count(),
            {name: queryset.filter(condition).count() for name, condition in counts.items()},
        )
    annotations: dict[str, Any] = {"head_total": Window(Count("pk"))}
    for name, condition in counts.items():
        matching = Case(When(condition, then=1), default=0, output_field=IntegerField())
        annotations[f"head_{name}"] = Window(Sum(matching))
    rows = list(queryset.annotate(**annotations)[:size])
    if not rows:
        return [], 0, dict.fromkeys(counts, 0)
    first = rows[0]
    return rows, first.head_total, {name: getattr(first, f"head_{name}") for name in counts}
