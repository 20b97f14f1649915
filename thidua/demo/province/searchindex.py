"""Entries of Wagtail's database search index, written in bulk for rows inserted in bulk.

The text of each entry comes from Wagtail's own ``ObjectIndexer`` (the model's
``search_fields``: folded fields, boosts as weights A–D), so an entry is what ``update_index``
would write. What differs is how it is written:

- PostgreSQL: one multi-row ``INSERT … SELECT … FROM (VALUES …)`` per batch, the ``tsvector``
  built by the server (``setweight(to_tsvector(config, text), weight)`` per field, as
  Wagtail's ``SearchVector`` does), and the title norms computed once at the end
  (``finish``) instead of after every batch over the whole table.
  Its GIN indexes are dropped for the load and built again at the end, in the same
  transaction (building a GIN index once is many times faster than growing it row by row).
- SQLite (tests, a laptop): Wagtail's backend ``add_items`` (FTS5 rows through its triggers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from modelsearch.conf import get_app_config
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backend

BATCH = 1000


class BulkIndexer:
    def __init__(self) -> None:
        self.backend = get_search_backend()
        self.count = 0
        self.postgres = connection.vendor == "postgresql"
        self.dropped: list[str] = []

    def start(self) -> None:
        """PostgreSQL: drop the index table's GIN indexes until ``finish`` (same transaction)."""
        if not self.postgres:
            return
        table = get_app_config().get_model("IndexEntry")._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexdef ILIKE '%%USING gin%%'",
                [table],
            )
            found = cursor.fetchall()
            for name, definition in found:
                cursor.execute(f'DROP INDEX "{name}"')
                self.dropped.append(definition)

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

            self.backend.get_index_for_model(Page)._refresh_title_norms(full=True)
        if self.dropped:
            with connection.cursor() as cursor:
                # Deferred foreign-key checks must run first: PostgreSQL builds no index on a
                # table with pending trigger events.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for definition in self.dropped:
                    cursor.execute(definition)
            self.dropped = []

    # --- PostgreSQL ------------------------------------------------------------------------

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
        names = [f"s{i}" for i in range(len(layout))]

        def vector(column: str) -> str:
            config = (
                self.backend.autocomplete_config
                if column == "autocomplete"
                else self.backend.config
            )
            parts = [
                f"setweight(to_tsvector('{config}'::regconfig, v.{name}::text), '{weight}')"
                for name, (col, weight) in zip(names, layout, strict=True)
                if col == column
            ]
            return " || ".join(parts) if parts else "''::tsvector"

        params: list[Any] = []
        rows = []
        for obj, shape in zip(objs, shapes, strict=True):
            texts = [text.strip() for _c, _w, text in shape]
            title_text = " ".join(
                t for (c, _w, _x), t in zip(shape, texts, strict=True) if c == "title" and t
            )
            body_text = " ".join(
                t for (c, _w, _x), t in zip(shape, texts, strict=True) if c == "body" and t
            )
            params += [str(obj.pk), title_text, body_text, *texts]
            rows.append("(" + ", ".join(["%s"] * (3 + len(texts))) + ")")
        content_type = get_content_type_pk(model)
        columns = ", ".join(["oid", "tt", "bt", *names])
        entries_table = get_app_config().get_model("IndexEntry")._meta.db_table
        sql = (
            f"INSERT INTO {entries_table} (content_type_id, object_id, title, "  # noqa: S608 (names from the model; values are parameters)
            "autocomplete, body, title_norm, title_text, body_text) "
            f"SELECT {int(content_type)}, v.oid::text, {vector('title')}, "
            f"{vector('autocomplete')}, {vector('body')}, 1.0, v.tt::text, v.bt::text "
            f"FROM (VALUES {', '.join(rows)}) AS v({columns})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
