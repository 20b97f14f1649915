"""A page of a list read without counting the list.

At province scale a COUNT over everything in a user's scope can cost more than the page itself,
and is one more statement per page. One row more than a page says whether another page follows;
the pager then shows "Trang n" with previous/next links instead of "Trang n/total".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


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
