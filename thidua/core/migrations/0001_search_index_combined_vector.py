"""A GIN index on the search index's combined vector (PostgreSQL only).

Wagtail's database backend matches a query against ``title || body`` of an index entry. The
table has a GIN index on each column, which that expression cannot use, so every search read
the whole index (1,000,000 entries at province scale: about half a second a query). An
expression index on exactly that expression lets PostgreSQL find the matching entries directly
(docs/benchmarks.md, "Search at province scale"). SQLite's FTS5 table needs nothing.
"""

from django.db import migrations

NAME = "thidua_search_title_body_gin"  # searchindex.COMBINED_VECTOR_INDEX


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {NAME} ON "{table}" USING gin (("title" || "body"))'
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop)]
