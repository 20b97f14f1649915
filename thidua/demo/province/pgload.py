"""PostgreSQL bulk loads: a table's secondary indexes and its unique and foreign-key
constraints dropped for the load and made again once at the end, in the same transaction.

Building a btree or GIN index once over a full table is many times faster than growing it row
by row, and adding a foreign key checks every row with one join instead of queueing a deferred
trigger event per inserted row (millions of them for the documents and their index entries).
The primary key stays: other tables may reference it, and growing it with increasing ids is
cheap.
"""

from __future__ import annotations

from django.db import connection


class DeferredIndexes:
    def __init__(self, table: str) -> None:
        self.table = table
        self.constraints: list[tuple[str, str]] = []  # (name, definition)
        self.indexes: list[str] = []  # CREATE INDEX statements

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
                "ORDER BY i.relname",
                [self.table],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY conname",
                [self.table],
            )
            constraints = cursor.fetchall()
            # Dropping a foreign key alters the table it references too, which PostgreSQL
            # refuses while that table has pending trigger events: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name, definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
                self.indexes.append(definition)
            for name, definition in constraints:
                cursor.execute(f'ALTER TABLE "{self.table}" DROP CONSTRAINT "{name}"')
                self.constraints.append((name, definition))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def restore(self) -> None:
        if not (self.indexes or self.constraints):
            return
        with connection.cursor() as cursor:
            # PostgreSQL alters no table with pending trigger events (the deferred foreign-key
            # checks of the rows inserted so far): run them now, defer again afterwards.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for name, definition in self.constraints:
                cursor.execute(f'ALTER TABLE "{self.table}" ADD CONSTRAINT "{name}" {definition}')
            for definition in self.indexes:
                cursor.execute(definition)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        self.constraints, self.indexes = [], []
