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
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import BigIntegerField, F, Model, QuerySet
from django.db.models.functions import Cast
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from thidua.admindoc.vntext import fold_aligned
from thidua.core.text import fold

# The GIN index on the index entries' ``title || body`` (migration core.0001, PostgreSQL).
COMBINED_VECTOR_INDEX = "thidua_search_title_body_gin"
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
        query = _folded_query(query, kwargs.get("operator"))
        return super()._search(query_compiler_class, query, *args, **kwargs)  # type: ignore[misc]

    def search_within(self, query: str, queryset: QuerySet, *, operator: str = "and") -> Any:
        """The index's matches inside ``queryset``, whatever it filters on, best first.

        Wagtail checks that a queryset passed to ``search()`` filters only on declared
        ``FilterField``s, because an external engine (OpenSearch) must copy those filters into
        its own query. The database backends do not copy them: they join the index to the
        queryset as written (SQL ``WHERE`` kept), so any scope (published rows, a user's
        agencies) is applied by the database in the same query, and the check does not apply.
        """
        compiler_class = self.query_compiler_class  # type: ignore[attr-defined]
        postgres = hasattr(compiler_class, "build_tsquery")
        text = _postgres_terms(query) if postgres else " ".join(query_words(query))
        rare = _rare_words(text) if postgres else None
        if rare is None:
            compiler = compiler_class(queryset, text, operator=operator)
        else:
            compiler = _candidates_first(compiler_class)(
                queryset.filter(pk__in=_entries_holding(rare, queryset.model)),
                text,
                operator=operator,
            )
        return self.results_class(self, compiler)  # type: ignore[attr-defined]


def _postgres_terms(query: str) -> str:
    """The folded query as PostgreSQL should read it: punctuation kept inside the terms.

    PostgreSQL's parser indexed "V/v", "2/SCT-VP" and "III/2024" as one word each, and reads each
    term of a query the same way ("phong," is "phong"); splitting them into letters and digits
    first ("v v") would look for words the index does not hold. (SQLite's FTS5 tokenizer splits
    them in the index too, so there the query is its words.)
    """
    return " ".join(fold((query or "")[:MAX_QUERY_LENGTH]).split())


def _candidates_first(compiler_class: type) -> type:
    """Wagtail's PostgreSQL compiler, matching ``body || title`` instead of ``title || body``.

    The same words match either way and the rank is a sum of the two columns' ranks, so the
    results are the same. What changes is the plan: only the candidates' subquery
    (``_entries_holding``) can use the GIN index on ``title || body``, and every word is then
    checked on those candidates. Otherwise PostgreSQL, which estimates that an AND of many
    words matches one row, walks the index for every word of the query.
    """

    class CandidatesFirst(compiler_class):  # type: ignore[valid-type,misc]
        def get_index_vectors(self, search_query: Any) -> list:
            return list(reversed(super().get_index_vectors(search_query)))

    return CandidatesFirst


def _entries_holding(words: list[str], model: type[Model]) -> QuerySet:
    """The primary keys of ``model``'s index entries holding every one of ``words``, as a
    subquery (the GIN index on ``title || body``, then the model's primary key).

    Wagtail joins the index to the model on ``object_id = id::varchar``, which PostgreSQL can
    only answer by reading the whole scoped table (47,000 published documents for a query that
    matches 30); starting from the candidates' primary keys it reads only them.
    """
    entries = (
        get_app_config()
        .get_model("IndexEntry")
        .objects.filter(content_type_id__in=get_descendants_content_types_pks(model))
        .annotate(_vector_=F("title")._combine(F("body"), "||", False))
        .filter(_vector_=SearchQuery(" ".join(words), config="simple", search_type="plain"))
    )
    return entries.annotate(_pk_=Cast("object_id", BigIntegerField())).values("_pk_")


# A word in more than this share of index entries never helps find the candidates.
COMMON_WORD_SHARE = 0.15
# Rare words are added, rarest first, while the index's lists they walk hold no more entries
# than this share of the index in all (words that go together, "chào mừng Quốc khánh", narrow
# less than their shares say, so every affordable word is used).
WALK_BUDGET = 0.4
_STATS_SECONDS = 3600


@dataclass
class _IndexStats:
    shares: dict[str, float] = field(default_factory=dict)  # the most common words only
    read_at: float = -_STATS_SECONDS


_stats = _IndexStats()


def _rare_words(query: str) -> list[str] | None:
    """PostgreSQL: a few rare words of a folded query, to find its candidates with, or None.

    The GIN index answers an AND query by walking every word's list of entries; a word held by
    a third of a million entries ("so", "ve", "nam") costs milliseconds and narrows nothing,
    and a dozen words held by 5–15 % each cost tens. PostgreSQL's own statistics of the indexed
    expression (``pg_stats``: the most common words and their shares, refreshed by ANALYZE)
    tell which words are rare: the rarest are taken while their lists hold no more than
    ``WALK_BUDGET`` of the index in all (at least two words; a word missing from the statistics
    is rarer than any listed). Every word is then matched on the candidates
    (Wagtail's filter). None — match every word through the index, as Wagtail does — when
    fewer than two of several words are rare, or before the statistics exist.
    """
    if not query or query != fold(query):
        return None
    stats = _index_stats()
    if not stats.shares:
        return None
    floor = min(stats.shares.values()) / 2
    # Only plain words: a term with punctuation ("v/v", "phong,") is one PostgreSQL reads
    # through its parser, and is matched with every word afterwards.
    words = [w for w in dict.fromkeys(query.split()) if w.isalnum() and w.isascii()]
    rare = sorted(
        (w for w in words if stats.shares.get(w, floor) <= COMMON_WORD_SHARE),
        key=lambda w: stats.shares.get(w, floor),
    )
    chosen, walked = [], 0.0
    for word in rare:
        walked += stats.shares.get(word, floor)
        if len(chosen) >= 2 and walked > WALK_BUDGET:
            break
        chosen.append(word)
    if len(chosen) >= 2 or (chosen and len(chosen) == len(set(query.split()))):
        return chosen
    return None


def _index_stats() -> _IndexStats:
    """The shares of the index's most common words (pg_stats), read once an hour per process."""
    global _stats
    now = time.monotonic()
    if now - _stats.read_at < _STATS_SECONDS:
        return _stats
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s",
            [COMBINED_VECTOR_INDEX],
        )
        row = cursor.fetchone()
    shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _stats = _IndexStats(shares, now)
    return _stats


def _folded_query(query: Any, operator: str | None) -> Any:
    if not isinstance(query, str):
        return query
    folded = " ".join(query_words(query))
    if folded and folded != query.strip():
        operator = operator or "and"
        return Or([PlainText(query, operator=operator), PlainText(folded, operator=operator)])
    return folded or query


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
    """0 when the title is the query (folded, word for word), 1 when every query word is in
    the title, 2 when some are, 3 when none."""
    title_words = _WORD.findall(fold(title))
    if title_words == list(words):
        return 0
    present = set(title_words)
    inside = sum(1 for w in words if w in present)
    if inside == len(words):
        return 1
    return 2 if inside else 3


def search_queryset(
    queryset: QuerySet,
    query: str | None,
    *,
    title: Callable[[Any], str] = str,
    pending: PendingIndexJobs | None = None,
) -> list[Any]:
    """The records of a (scoped) queryset that match the folded query, best first.

    With a database backend the index is searched inside the scoped queryset, in one query
    (``search_within``). With an external engine the index is asked about the whole model and
    the scope applied to its candidates afterwards in the database. Either way unpublished or
    out-of-scope records never come out. ``pending``: the index jobs still waiting, when one
    search reads several querysets (read once for all of them).
    """
    words = query_words(query)
    if not words:
        return []
    model = queryset.model
    rows: list[Any] = []
    indexed = issubclass(model, index.Indexed)
    if indexed:
        backend = get_search_backend()
        if hasattr(backend, "search_within"):
            rows = list(backend.search_within(query or "", queryset)[:CANDIDATES])
        else:
            found = backend.search(" ".join(words), model, operator="and")[:CANDIDATES]
            ranked = [obj.pk for obj in found]
            in_scope = {obj.pk: obj for obj in queryset.filter(pk__in=ranked)}
            rows = [in_scope[pk] for pk in ranked if pk in in_scope]
    position = {obj.pk: i for i, obj in enumerate(rows)}
    if _has_folded_column(model):
        waiting = pending or PendingIndexJobs()
        found = list(position)
        for obj in _not_yet_indexed(queryset, query, indexed=indexed, found=found, pending=waiting):
            if len(rows) >= CANDIDATES:
                break
            position[obj.pk] = len(position)
            rows.append(obj)
    rows.sort(key=lambda obj: (title_tier(title(obj), words), position[obj.pk]))
    return rows


# An index job for each save waits in the task queue until the worker runs it. Up to this many
# waiting jobs, the records they name are searched through their folded column; beyond it (a
# bulk change), the whole scoped queryset is.
PENDING_LIMIT = 500


def _not_yet_indexed(
    queryset: QuerySet, query: str | None, *, indexed: bool, found: list, pending: PendingIndexJobs
) -> list:
    """Matches, through the folded ``search_text`` column (ADR 0001), among records the index
    cannot answer for yet: those whose index job still waits for the worker (a model outside the
    index: all of them). Scanning the whole column instead would read every row of a large
    table on every search."""
    from thidua.core.search import search as search_folded_column

    candidates = queryset.exclude(pk__in=found)
    if indexed:
        waiting = pending.of(queryset.model)
        if waiting is not None:
            if not waiting:
                return []
            candidates = candidates.filter(pk__in=waiting)
    return list(search_folded_column(candidates, query)[:CANDIDATES])


class PendingIndexJobs:
    """The records whose index job has not run yet, read from the task queue once (on first
    use) for every model a search looks at."""

    def __init__(self) -> None:
        self._by_model: dict[tuple[str, str], list[str]] | None = None
        self._too_many = False

    def of(self, model: type[Model]) -> list[str] | None:
        """Primary keys of ``model``'s records with an index job not run yet; None if too many."""
        if self._by_model is None:
            self._read()
        if self._too_many:
            return None
        assert self._by_model is not None
        return self._by_model.get((model._meta.app_label, model._meta.model_name), [])

    def _read(self) -> None:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
        from modelsearch.tasks import insert_or_update_object_task

        jobs = list(
            DBTaskResult.objects.filter(
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
                task_path=insert_or_update_object_task.module_path,
            ).values_list("args_kwargs", flat=True)[: PENDING_LIMIT + 1]
        )
        self._too_many = len(jobs) > PENDING_LIMIT
        self._by_model = {}
        for job in jobs:
            args = job.get("args") or []
            if len(args) == 3:
                self._by_model.setdefault((args[0], args[1]), []).append(args[2])


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
    pending = PendingIndexJobs()
    for source in sources(staff=staff):
        if only and source.key not in only:
            continue
        visible = source.visible(user if staff else None)
        rows = search_queryset(visible, query, title=source.title, pending=pending)
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
