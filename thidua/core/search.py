"""Accent-insensitive search over a folded text column (``search_text``)."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.core.text import fold_words


def search(queryset: QuerySet, text: str | None, field: str = "search_text") -> QuerySet:
    """Every folded word of ``text`` must occur in ``field``: "nguyen van an" finds
    "Nguyễn Văn An", "dak lak" finds "Đắk Lắk"."""
    for word in fold_words(text):
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
