"""The document registry of every agency over the years (công văn, kế hoạch, quyết định, báo
cáo …), a few percent published to the portal's library. This is the bulk of the searchable
items: its size is chosen so that the search index holds about a million entries for a
province of 30,000 people (``INDEX_ENTRIES_PER_PERSON``).

Every row points to one of a few sample files written once to the private storage (the files
are the same; numbers, dates and summaries differ)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import translation

from thidua.core.storage import private_storage
from thidua.core.text import fold
from thidua.demo.province import vocab
from thidua.demo.province.common import World, aware, bulk
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


def generate(world: World, index, total: int) -> None:
    rng = world.rng("documents")
    files = sample_files()
    issuers = [world.root, *world.departments, *[u for u in world.units if u.kind == "unit"]]
    weights = [12 if a.kind == "province" else 6 if a.kind == "department" else 1 for a in issuers]
    with translation.override("vi"):
        labels = {value: str(label) for value, label in Document.Type.choices}
    counters: dict[tuple[int, str, int], int] = {}
    first_day = dt.date(world.first_year, 1, 1)
    span = (world.today - first_day).days + 1
    made = 0
    while made < total:
        rows = []
        for i in range(made, min(total, made + BATCH)):
            issuer = rng.choices(issuers, weights)[0]
            day = first_day + dt.timedelta(days=span * i // total)
            if issuer.valid_to and day > issuer.valid_to:
                issuer = next(
                    (d for d in world.departments if d.pk == issuer.successor_id), world.root
                )
            doc_type, abbr, pattern = rng.choice(vocab.DOCUMENT_KINDS)
            key = (issuer.pk, abbr, day.year)
            n = counters[key] = counters.get(key, 0) + 1
            symbol = issuer.symbol or issuer.code.rsplit(".", 1)[-1]
            number_symbol = f"{n}/{abbr}-{symbol}" if abbr else f"{n}/{symbol}-VP"
            summary = pattern.format(topic=rng.choice(vocab.TOPICS), year=day.year)
            published = rng.random() < PUBLISHED_SHARE
            doc = Document(
                agency=issuer,
                doc_type=doc_type,
                number_symbol=number_symbol,
                issuer=issuer.name,
                date=day,
                effective_date=day if doc_type in ("quyet_dinh", "ke_hoach") else None,
                summary=summary,
                file=files[i % len(files)],
                published=published,
                published_at=aware(day, 15) if published else None,
                created_by=world.office_users.get(issuer.pk),
                created_at=aware(day, 10),
            )
            doc.search_text = fold(
                " ".join([number_symbol, labels[doc_type], issuer.name, summary])
            )
            rows.append(doc)
        rows = bulk(Document, rows, batch=BATCH)
        index(Document, rows)
        made += len(rows)
    world.count("documents", made)
