"""One search over articles, exemplars, movements, documents, people and plans, through Wagtail
search on folded text (docs/adr/0003-folded-search-in-wagtail.md).

- Models join the index with ``wagtail.search.index.Indexed`` and ``search_fields`` built from
  ``FoldedSearchField`` (or a ``SearchField`` on their already folded ``search_text``): the index
  holds "thi dua khen thuong" for "Thi đua – Khen thưởng". A field named ``title`` goes to the
  index's title column.
- The configured backend (``WAGTAILSEARCH_BACKENDS``: ``thidua.core.searchindex``) is Wagtail's
  database backend (SQLite FTS5, PostgreSQL full text) that also folds every query, so Wagtail's
  own admin searches find folded entries.
- ``register(Source(...))`` declares a searchable kind of record with the query that decides who
  sees what (public when ``user`` is None). ``search(query, user=...)`` answers every source;
  ``search_queryset(queryset, query)`` ranks one scoped queryset (the back office calls it).
- Ranking: the title outranks the body (every query word in the title, then some, then none),
  then the backend's relevance. Snippets show the match in the original spelling.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from thidua.admindoc.vntext import fold_aligned
from thidua.core.text import fold

# How many candidates the index returns per kind of record before scoping and ranking.
CANDIDATES = 200
MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+")


def query_words(text: str | None) -> list[str]:
    """The folded words of a query: capitals, diacritics, đ/Đ, punctuation and extra spaces
    do not matter ("  Thi   ĐUA – khen thưởng " -> ["thi", "dua", "khen", "thuong"])."""
    return _WORD.findall(fold((text or "")[:MAX_QUERY_LENGTH]))


def plain_text(value: Any) -> str:
    """Text of a value for the index: rich text without its tags, entities decoded."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = html.unescape(strip_tags(text.replace("<", " <")))
    return text


class FoldedSearchField(index.SearchField):
    """A search field whose indexed value is folded (no diacritics, đ -> d, lower case)."""

    def get_value(self, obj: Any) -> str:
        return fold(plain_text(super().get_value(obj)))


# --- The backend: Wagtail's database backend that folds queries -------------------------------


class _FoldingQueries:
    """Mixin for a Wagtail search backend: a text query also matches its folded form, so "Thi
    đua" finds entries indexed as "thi dua", and unfolded entries still match as typed."""

    def _search(self, query_compiler_class: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query, str):
            folded = " ".join(query_words(query))
            if folded and folded != query.strip():
                operator = kwargs.get("operator") or "and"
                query = Or(
                    [PlainText(query, operator=operator), PlainText(folded, operator=operator)]
                )
            elif folded:
                query = folded
        return super()._search(query_compiler_class, query, *args, **kwargs)  # type: ignore[misc]


def SearchBackend(params: dict[str, Any]) -> Any:
    """Wagtail's database backend for this database (FTS5 on SQLite, full text on PostgreSQL),
    folding queries."""
    from wagtail.search.backends.database import SearchBackend as database_backend

    base = type(database_backend(params))
    folding = type(f"Folding{base.__name__}", (_FoldingQueries, base), {})
    return folding(params)


# --- Sources and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A kind of record in the one search.

    ``visible(user)`` is the queryset the user may see; ``user`` is None for the public site,
    which must then return only published records.
    """

    key: str
    label: str
    model: type[Model]
    visible: Callable[[Any], QuerySet]
    title: Callable[[Any], str]
    text: Callable[[Any], str]
    url: Callable[[Any], str]
    public: bool = True  # False: staff only (people, plans)
    order: int = 100


@dataclass
class Hit:
    source: Source
    obj: Any
    title: SafeString
    snippet: SafeString
    url: str


@dataclass
class Section:
    source: Source
    hits: list[Hit] = field(default_factory=list)
    total: int = 0


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add (or replace) a kind of record in the one search; call from ``AppConfig.ready``."""
    _SOURCES[source.key] = source


def sources(*, staff: bool) -> list[Source]:
    found = [s for s in _SOURCES.values() if staff or s.public]
    return sorted(found, key=lambda s: (s.order, s.key))


def title_tier(title: str, words: Sequence[str]) -> int:
    """0 when every query word is in the title, 1 when some are, 2 when none."""
    title_words = set(_WORD.findall(fold(title)))
    inside = sum(1 for w in words if w in title_words)
    if inside == len(words):
        return 0
    return 1 if inside else 2


def search_queryset(
    queryset: QuerySet, query: str | None, *, title: Callable[[Any], str] = str
) -> list[Any]:
    """The records of a (scoped) queryset that match the folded query, best first.

    The index is asked about the whole model (so scoped querysets need no FilterFields); the
    scope is applied afterwards in the database, and unpublished or out-of-scope records never
    come out.
    """
    words = query_words(query)
    if not words:
        return []
    model = queryset.model
    position: dict[Any, int] = {}
    if issubclass(model, index.Indexed):
        backend = get_search_backend()
        found = backend.search(" ".join(words), model, operator="and")[:CANDIDATES]
        position = {obj.pk: i for i, obj in enumerate(found)}
    rows = list(queryset.filter(pk__in=list(position))) if position else []
    if _has_folded_column(model):
        # Records the worker has not indexed yet (or models outside the index) are still found
        # through their folded column (ADR 0001), after the indexed matches.
        from thidua.core.search import search as search_folded_column

        missing = search_folded_column(queryset.exclude(pk__in=list(position)), query)
        for obj in missing[: max(CANDIDATES - len(rows), 0)]:
            position[obj.pk] = len(position)
            rows.append(obj)
    rows.sort(key=lambda obj: (title_tier(title(obj), words), position[obj.pk]))
    return rows


def _has_folded_column(model: type[Model]) -> bool:
    return any(f.name == "search_text" for f in model._meta.concrete_fields)


def search(
    query: str | None,
    *,
    user: Any = None,
    per_source: int = 10,
    only: Sequence[str] | None = None,
) -> list[Section]:
    """Every source's matches for ``query``. ``user`` None: the public site (published records
    of public sources only); a staff user also gets the staff-only sources, scoped to them."""
    words = query_words(query)
    if not words:
        return []
    staff = user is not None and getattr(user, "is_authenticated", False)
    sections = []
    for source in sources(staff=staff):
        if only and source.key not in only:
            continue
        visible = source.visible(user if staff else None)
        rows = search_queryset(visible, query, title=source.title)
        sections.append(
            Section(
                source=source,
                total=len(rows),
                hits=[
                    Hit(
                        source=source,
                        obj=obj,
                        title=highlight(source.title(obj), words, length=0),
                        snippet=highlight(source.text(obj), words),
                        url=source.url(obj),
                    )
                    for obj in rows[:per_source]
                ],
            )
        )
    return sections


# --- Snippets ------------------------------------------------------------------------------


def highlight(text: str | None, words: Sequence[str], *, length: int = 240) -> SafeString:
    """The text (or, with ``length``, a window of it around the first match) with every query
    word marked, in its original spelling: "dien hinh" marks "điển hình"."""
    text = " ".join(unicodedata.normalize("NFC", plain_text(text)).split())
    if not text:
        return mark_safe("")
    folded = fold_aligned(text)
    spans: list[tuple[int, int]] = []
    for word in set(words):
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            spans.append(match.span())
    spans.sort()
    start, end = 0, len(text)
    if length and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, first - length // 3)
        if start:
            start = text.find(" ", start) + 1 or start
        end = min(len(text), start + length)
        if end < len(text):
            end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 (every piece escaped above)
