"""The document registry of every agency over the years (công văn, kế hoạch, quyết định, báo
cáo …), a few percent published to the portal's library. This is the bulk of the searchable
items: its size is chosen so that the search index holds about a million entries for a
province of 30,000 people (``INDEX_ENTRIES_PER_PERSON``).

Every row points to one of a few sample files written once to the private storage (the files
are the same; numbers, dates and summaries differ)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone, translation
from modelsearch.index import AutocompleteField, SearchField

from thidua.core.storage import private_storage
from thidua.core.text import fold
from thidua.demo.province import vocab
from thidua.demo.province.common import Distinct, World, aware, bulk, period
from thidua.demo.province.pgload import DeferredIndexes
from thidua.demo.province.searchindex import BulkIndexer
from thidua.documents.models import Document

INDEX_ENTRIES_PER_PERSON = 1_000_000 / 30_000
PUBLISHED_SHARE = 0.05
BATCH = 5000
SAMPLE_FILES = 4

# The smallest well-formed PDF with one empty page, so a download opens in a reader.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def document_count(world: World, others: int) -> int:
    """Documents needed for the index to reach its size, given the other indexed rows."""
    return max(50, round(world.people * INDEX_ENTRIES_PER_PERSON) - others)


def sample_files() -> list[str]:
    names = []
    storage = private_storage()
    for n in range(1, SAMPLE_FILES + 1):
        name = f"library/generated/van-ban-mau-{n}.pdf"
        if not storage.exists(name):
            name = storage.save(name, ContentFile(_PDF))
        names.append(name)
    return names


def generate(world: World, index: BulkIndexer, total: int) -> None:
    rng = world.rng("documents")
    files = sample_files()
    issuers = [world.root, *world.departments, *[u for u in world.units if u.kind == "unit"]]
    weights = [12 if a.kind == "province" else 6 if a.kind == "department" else 1 for a in issuers]
    words = Words(world)
    counters: dict[tuple[int, str, int], int] = {}
    first_day = dt.date(world.first_year, 1, 1)
    span = (world.today - first_day).days + 1
    # One moment for every row's auto_now column, as one bulk_create per batch would stamp.
    now = timezone.now()
    write = _copy if index.postgres else _bulk
    deferred = DeferredIndexes(Document._meta.db_table)
    if index.postgres:
        deferred.drop()
    made = 0
    while made < total:
        rows: list[tuple[dict[str, Any], str]] = []
        for i in range(made, min(total, made + BATCH)):
            issuer = rng.choices(issuers, weights)[0]
            day = first_day + dt.timedelta(days=span * i // total)
            if issuer.valid_to and day > issuer.valid_to:
                issuer = next(
                    (d for d in world.departments if d.pk == issuer.successor_id), world.root
                )
            doc_type, abbr, patterns = rng.choice(vocab.DOCUMENT_KINDS)
            key = (issuer.pk, abbr, day.year)
            n = counters[key] = counters.get(key, 0) + 1
            symbol = issuer.symbol or issuer.code.rsplit(".", 1)[-1]
            number_symbol = f"{n}/{abbr}-{symbol}" if abbr else f"{n}/{symbol}-VP"
            summary, folded = words.summary(rng, patterns, issuer, day)
            published = rng.random() < PUBLISHED_SHARE
            folded_number = fold(number_symbol)
            values = {
                "agency_id": issuer.pk,
                "doc_type": doc_type,
                "number_symbol": number_symbol,
                "issuer": issuer.name,
                "date": day,
                "effective_date": day if doc_type in ("quyet_dinh", "ke_hoach") else None,
                "summary": summary,
                "file": files[i % len(files)],
                "published": published,
                "published_at": aware(day, 15) if published else None,
                "created_by_id": getattr(world.office_users.get(issuer.pk), "pk", None),
                "created_at": aware(day, 10),
                "updated_at": now,
                # Document.save()'s search_text, folded piece by piece: fold() maps characters
                # one by one and collapses spaces, so folding the parts joined by a space is
                # folding the whole (issuer names and type labels are folded once each).
                "search_text": " ".join(
                    [folded_number, words.folded_label(doc_type), words.fold(issuer.name), folded]
                ),
            }
            # Document.title: the folded number and summary (the index entry's title).
            rows.append((values, f"{folded_number} {folded}"))
        write(rows, index)
        made += len(rows)
    deferred.restore()
    world.count("documents", made)


class Words:
    """Summaries (trích yếu) that name the subject, the unit or place and the period, distinct
    after folding across the whole registry (the search benchmark looks each one up by its
    whole title), and the folded forms the rows repeat."""

    ATTEMPTS = 20

    def __init__(self, world: World) -> None:
        with translation.override("vi"):
            labels = {value: str(label) for value, label in Document.Type.choices}
        self.labels = {value: fold(label) for value, label in labels.items()}
        self.unit_names = [u.name for u in world.units] or [world.root.name]
        self.distinct = Distinct()
        self.folded: dict[str, str] = {}

    def fold(self, text: str) -> str:
        found = self.folded.get(text)
        if found is None:
            found = self.folded[text] = fold(text)
        return found

    def folded_label(self, doc_type: str) -> str:
        return self.labels[doc_type]

    def summary(
        self, rng: random.Random, patterns: tuple[str, ...], issuer: Any, day: dt.date
    ) -> tuple[str, str]:
        """A new summary for a document of ``issuer`` dated ``day``, and its folded form."""
        text = ""
        for _attempt in range(self.ATTEMPTS):
            text = self._draw(rng, patterns, issuer, day)
            folded = fold(text)
            if self.distinct.add(folded):
                return text, folded
        # Rare (a small registry's last draws): the same work done again, "lần 2", "lần 3" …
        for again in range(2, 1_000_000):
            numbered = f"{text} (lần {again})"
            folded = fold(numbered)
            if self.distinct.add(folded):
                return numbered, folded
        raise AssertionError("unreachable")

    def _draw(
        self, rng: random.Random, patterns: tuple[str, ...], issuer: Any, day: dt.date
    ) -> str:
        pattern = rng.choice(patterns)
        unit = issuer.name if rng.random() < 0.4 else rng.choice(self.unit_names)
        roll = rng.random()
        if roll < 0.4:
            where = f"tại {rng.choice(self.unit_names)}"
        elif roll < 0.7:
            where = f"trên địa bàn {rng.choice(vocab.COMMUNES)}"
        else:
            where = f"tại {rng.choice(vocab.COMMUNES)}"
        return pattern.format(
            subject=rng.choice(vocab.DOCUMENT_SUBJECTS),
            unit=unit,
            where=where,
            period=period(rng, day),
            day=f"{day:%d/%m/%Y}",
        )


# --- Writing ---------------------------------------------------------------------------------


def _bulk(rows: list[tuple[dict[str, Any], str]], index: BulkIndexer) -> None:
    """SQLite: ``bulk_create`` (ids come back), then Wagtail's backend indexes the rows."""
    created = bulk(Document, [Document(**values) for values, _title in rows], batch=BATCH)
    index(Document, created)


def _copy(rows: list[tuple[dict[str, Any], str]], index: BulkIndexer) -> None:
    """PostgreSQL: ids reserved from the table's sequence, the rows written with COPY, their
    index entries built from the texts already at hand (no model instances, no ObjectIndexer
    per row; tests/demo/test_generate_province.py checks they equal what Wagtail writes)."""
    fields = list(Document._meta.concrete_fields)
    table = Document._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = sorted(pk for (pk,) in cursor.fetchall())
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for pk, (values, _title) in zip(ids, rows, strict=True):
                copy.write_row([_value(f, values, pk) for f in fields])
    index.add_texts(
        Document,
        _layout(index),
        [
            (pk, [title, values["search_text"]])
            for pk, (values, title) in zip(ids, rows, strict=True)
        ],
    )


def _layout(index: BulkIndexer) -> list[tuple[str, str]]:
    """Document.search_fields as index slots; the texts ``_copy`` gives follow this order."""
    names = [
        f.field_name
        for f in Document.get_search_fields()
        if isinstance(f, SearchField | AutocompleteField)
    ]
    if names != ["title", "search_text"]:
        raise ValueError(f"Document's search fields changed ({names}): update _copy")
    return index.layout(Document)


def _value(field: Any, values: dict[str, Any], pk: int) -> Any:
    """The database value of ``field``: the pk, the generated value, or the field's default."""
    if field.primary_key:
        return pk
    if field.attname in values:
        return values[field.attname]
    return field.get_db_prep_save(field.get_default(), connection)
