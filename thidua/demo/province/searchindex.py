"""Entries of Wagtail's database search index, written in bulk for rows inserted in bulk.

The text of each entry comes from Wagtail's own ``ObjectIndexer`` (the model's
``search_fields``: folded fields, boosts as weights A–D), so an entry is what ``update_index``
would write. What differs is how it is written:

- PostgreSQL: the texts are COPied into a temporary table and one ``INSERT … SELECT`` per
  batch builds the entries, the ``tsvector`` made by the server
  (``setweight(to_tsvector(config, text), weight)`` per field, as Wagtail's ``SearchVector``
  does); the title norms are computed once at the end (``finish``) instead of after every
  batch over the whole table. The table's secondary indexes and constraints are dropped for
  the load and made again at the end, in the same transaction (``pgload.DeferredIndexes``).
  Callers that already hold the texts (the documents) give them to ``add_texts``, without an
  ``ObjectIndexer`` per row; tests/demo/test_generate_province.py checks that the entries
  equal what Wagtail's backend writes.
- SQLite (tests, a laptop): Wagtail's backend ``add_items`` (FTS5 rows through its triggers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.conf import get_app_config
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backend

from thidua.demo.province.pgload import DeferredIndexes

BATCH = 1000
COPY_BATCH = 10_000


class BulkIndexer:
    def __init__(self) -> None:
        self.backend = get_search_backend()
        self.count = 0
        self.postgres = connection.vendor == "postgresql"
        self.deferred = DeferredIndexes(get_app_config().get_model("IndexEntry")._meta.db_table)
        self.stages: set[str] = set()  # temporary tables made in this transaction

    def start(self) -> None:
        """PostgreSQL: drop the index table's indexes and constraints until ``finish``."""
        if self.postgres:
            self.deferred.drop()

    def __call__(self, model: type[Model], objs: Sequence[Model]) -> None:
        for start in range(0, len(objs), BATCH):
            batch = list(objs[start : start + BATCH])
            if self.postgres:
                self._postgres(model, batch)
            else:
                self.backend.get_index_for_model(model).add_items(model, batch)
            self.count += len(batch)

    def finish(self) -> None:
        if self.postgres and self.count:
            from wagtail.models import Page

            # Before the indexes are back: the update rewrites every row.
            self.backend.get_index_for_model(Page)._refresh_title_norms(full=True)
        if self.postgres:
            self.deferred.restore()

    # --- PostgreSQL ------------------------------------------------------------------------

    def layout(self, model: type[Model]) -> list[tuple[str, str]]:
        """(column, weight) of the model's indexed fields, in search_fields order: the slots
        ``add_texts`` expects. Related fields have a variable number of slots: not supported."""
        slots = []
        for field in model.get_search_fields():
            if isinstance(field, AutocompleteField):
                slots.append(("autocomplete", "D"))
            elif isinstance(field, SearchField):
                column = "title" if field.field_name == "title" else "body"
                slots.append((column, get_weight(field.boost)))
            elif isinstance(field, RelatedFields):
                raise ValueError(f"{model.__name__}: related search fields have no fixed layout")
        return slots

    def add_texts(
        self,
        model: type[Model],
        layout: list[tuple[str, str]],
        rows: Sequence[tuple[Any, Sequence[str]]],
    ) -> None:
        """PostgreSQL: index entries of ``rows`` ((pk, one text per slot of ``layout``)) without
        an ObjectIndexer per row, for callers that know the texts (the documents)."""
        for start in range(0, len(rows), COPY_BATCH):
            self._write(model, layout, rows[start : start + COPY_BATCH])
            self.count += len(rows[start : start + COPY_BATCH])

    def _slots(self, model: type[Model], obj: Model) -> list[tuple[str, str, str]]:
        """(column, weight, text) of every indexed field of ``obj``, in search_fields order."""
        from modelsearch.backends.database.postgres.postgres import ObjectIndexer

        indexer = ObjectIndexer(obj, self.backend)
        slots = []
        for field in indexer.search_fields:
            for current, weight, value in indexer.prepare_field(obj, field):
                if isinstance(current, AutocompleteField):
                    slots.append(("autocomplete", "D", value))
                elif isinstance(current, SearchField):
                    column = "title" if current.field_name == "title" else "body"
                    slots.append((column, weight, value))
        return slots

    def _postgres(self, model: type[Model], objs: list[Model]) -> None:
        if not objs:
            return
        shapes = [self._slots(model, obj) for obj in objs]
        layout = [(column, weight) for column, weight, _text in shapes[0]]
        if any([(c, w) for c, w, _t in shape] != layout for shape in shapes):
            raise ValueError(f"{model.__name__}: indexed fields differ between rows")
        self._write(
            model,
            layout,
            [
                (obj.pk, [text for _c, _w, text in shape])
                for obj, shape in zip(objs, shapes, strict=True)
            ],
        )

    def _write(
        self,
        model: type[Model],
        layout: list[tuple[str, str]],
        rows: Sequence[tuple[Any, Sequence[str]]],
    ) -> None:
        """COPY the texts into a temporary table, then one ``INSERT … SELECT`` builds the
        entries: the tsvectors are made by the server as Wagtail's ``SearchVector`` makes
        them (``setweight(to_tsvector(config, text), weight)`` per non-empty text, joined with
        ``||``), the plain texts as ``ObjectIndexer.title_text``/``body_text`` (stripped, empty
        ones left out, joined with a space). COPY is several times faster than a multi-row
        INSERT with parameters, whose statement PostgreSQL must parse and plan per batch."""
        if not rows:
            return
        stage = self._stage(len(layout))
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {stage}")
            with cursor.cursor.copy(f"COPY {stage} FROM STDIN") as copy:
                for pk, texts in rows:
                    # Stripped here as ObjectIndexer.as_vector strips (Python's notion of
                    # whitespace, which btrim() does not share).
                    copy.write_row([str(pk), *[text.strip() for text in texts]])
            cursor.execute(self._insert_sql(model, layout, stage))

    def _stage(self, slots: int) -> str:
        """A temporary table (object id, one text per slot), made once per transaction."""
        name = f"province_index_stage_{slots}"
        if name not in self.stages:
            columns = ", ".join(["oid text", *[f"s{i} text" for i in range(slots)]])
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns}) ON COMMIT DROP")
            self.stages.add(name)
        return name

    def _insert_sql(self, model: type[Model], layout: list[tuple[str, str]], stage: str) -> str:
        def vector(column: str) -> str:
            config = (
                self.backend.autocomplete_config
                if column == "autocomplete"
                else self.backend.config
            )
            parts = [
                f"setweight(to_tsvector('{config}'::regconfig, v.s{i}), '{weight}')"
                for i, (col, weight) in enumerate(layout)
                if col == column
            ]
            return " || ".join(parts) if parts else "''::tsvector"

        def plain(column: str) -> str:
            # concat_ws skips NULLs: NULLIF drops the empty texts as title_text does.
            parts = [f"NULLIF(v.s{i}, '')" for i, (col, _w) in enumerate(layout) if col == column]
            return f"concat_ws(' ', {', '.join(parts)})" if parts else "''"

        content_type = get_content_type_pk(model)
        entries_table = get_app_config().get_model("IndexEntry")._meta.db_table
        return (
            f"INSERT INTO {entries_table} (content_type_id, object_id, title, "  # noqa: S608 (names from the model; values are copied)
            "autocomplete, body, title_norm, title_text, body_text) "
            f"SELECT {int(content_type)}, v.oid, {vector('title')}, "
            f"{vector('autocomplete')}, {vector('body')}, 1.0, {plain('title')}, "
            f"{plain('body')} FROM {stage} AS v"
        )
