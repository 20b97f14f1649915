"""Search over the province dataset: p50/p95 latency and recall@10 of queries typed without
diacritics, through the product's search (thidua.core.searchindex: folded queries, titles
ranked first, scoped) and through Wagtail's default database backend on the same index.

Run on a database filled by `manage.py generate_province` (docs/deployment.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_province \\
        .venv/bin/python bench/bench_search.py --queries 200

Queries: the whole titles of articles and published documents sampled with a fixed seed,
folded (lower case, no diacritics, đ -> d) as a user types them. A query is recalled when the
item it came from is among the first 10 results. A second, smaller set of short queries made of
the most common title words ("ke hoach", "thi dua") measures the worst case of a full-text
index: a query that matches a large share of the items, all of which are ranked.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from wagtail.search.backends.database import SearchBackend as DatabaseBackend  # noqa: E402

from thidua.core import searchindex  # noqa: E402
from thidua.core.text import fold  # noqa: E402
from thidua.documents.models import Document  # noqa: E402
from thidua.portal.models import ArticlePage  # noqa: E402

WORDS = 40  # the whole title (generated titles share their first words)


def sample(n: int, seed: int) -> list[tuple[type, int, str, str]]:
    rng = random.Random(seed)
    article_ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    document_ids = list(Document.objects.filter(published=True).values_list("pk", flat=True))
    picks = []
    for pk in rng.sample(article_ids, min(n // 2, len(article_ids))):
        title = ArticlePage.objects.get(pk=pk).title
        picks.append((ArticlePage, pk, title, " ".join(fold(title).split()[:WORDS])))
    for pk in rng.sample(document_ids, min(n - len(picks), len(document_ids))):
        doc = Document.objects.get(pk=pk)
        picks.append((Document, pk, doc.summary, " ".join(fold(doc.summary).split()[:WORDS])))
    return picks


def product(model: type, query: str) -> list[int]:
    if model is ArticlePage:
        qs, title = ArticlePage.objects.live().public(), (lambda p: p.title)
    else:
        qs, title = Document.objects.filter(published=True), (lambda d: d.summary)
    return [obj.pk for obj in searchindex.search_queryset(qs, query, title=title)[:10]]


def wagtail_default(backend: DatabaseBackend, model: type, query: str) -> list[int]:
    qs = (
        ArticlePage.objects.live()
        if model is ArticlePage
        else Document.objects.filter(published=True)
    )
    return [obj.pk for obj in backend.search(query, qs)[:10]]


def run(name: str, func, picks) -> None:  # type: ignore[no-untyped-def]
    times, hits, by_kind = [], 0, {}
    for model, pk, _title, query in picks:
        started = time.perf_counter()
        found = func(model, query)
        times.append(time.perf_counter() - started)
        hits += pk in found
        kind = by_kind.setdefault(model.__name__, [0, 0])
        kind[0] += pk in found
        kind[1] += 1
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    kinds = ", ".join(f"{k} {h / n:.0%}" for k, (h, n) in by_kind.items())
    print(
        f"{name:<26} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
        f"recall@10 {hits / len(picks):.0%} ({kinds})"
    )


COMMON = [
    "ke hoach",
    "thi dua",
    "bao cao",
    "chuyen doi so",
    "khen thuong",
    "quyet dinh",
    "cong van",
    "tuyen truyen",
    "dien hinh tien tien",
    "nam 2024",
]


def run_common(name: str, func) -> None:  # type: ignore[no-untyped-def]
    times = []
    for query in COMMON:
        for model in (ArticlePage, Document):
            started = time.perf_counter()
            func(model, query)
            times.append(time.perf_counter() - started)
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    print(f"{name:<26} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({len(times)} short common queries)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry").objects.count()
    picks = sample(args.queries, args.seed)
    print(
        f"{len(picks)} queries, {entries:,} index entries, {connection.vendor}; "
        f"e.g. {picks[0][3]!r}"
    )
    default = DatabaseBackend({"SEARCH_CONFIG": "simple"})
    for model, _pk, _t, query in picks[:5]:  # warm caches
        product(model, query)
        wagtail_default(default, model, query)
    run("thidua one search", product, picks)
    run("Wagtail database backend", lambda m, q: wagtail_default(default, m, q), picks)
    run_common("thidua one search", product)
    run_common("Wagtail database backend", lambda m, q: wagtail_default(default, m, q))


if __name__ == "__main__":
    main()
