"""The province's annual report at province scale: seconds and SQL statements to build the
2025 final review report ("Báo cáo tổng kết", ``Report.Kind.FINAL``) of the root (province)
agency, as the background worker builds it, split into compiling the figures (per part), writing
the .docx and writing the .xlsx. Target (issue 9): at most 2 s in all. The peer: the same
report's figures compiled a second time in the same process (warm caches), shown as run 2.

Run on a database filled by `manage.py generate_province` (it creates Report rows there, and
their files in a temporary folder that is removed afterwards):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_province \\
        .venv/bin/python bench/bench_report.py [--year 2025] [--kind final] [--repeat 2]

The report is asked for with ``report_request`` by the province admin (the queueing of the task
is skipped), then fetched as ``reports.tasks.generate_report`` fetches it and built by the
service that task calls, ``report_generate``, synchronously in this process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="thidua-bench-report-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.update(
    {
        "DEBUG": "0",
        "THIDUA_LOCAL_SECRET_KEY": "1",
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "0",
        "THIDUA_VAR_DIR": str(TMP),
        "LOG_LEVEL": "WARNING",
    }
)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from thidua.org.models import Agency  # noqa: E402
from thidua.reports import document, figures, services, workbook  # noqa: E402
from thidua.reports.models import Report  # noqa: E402

TARGET_SECONDS = 2.0


class Stage:
    """Seconds and SQL statements spent inside one function (nested stages count in both)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def wrap(self, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            count = [0]

            def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
                count[0] += 1
                return execute(sql, params, many, context)

            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                try:
                    return func(*args, **kwargs)
                finally:
                    self.seconds += time.perf_counter() - started
                    self.queries += count[0]

        return timed


def build(actor: Any, agency: Agency, kind: str, year: int) -> dict[str, Stage]:
    stages = {
        name: Stage()
        for name in ("total", "figures", *[key for key, _part in figures.PARTS], "docx", "xlsx")
    }
    with mock.patch.object(services, "_enqueue", lambda report_id: None):
        report = services.report_request(
            actor=actor,
            agency=agency,
            kind=kind,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            signer_name="Bench",
        )
    # Fetched as reports.tasks.generate_report fetches it.
    report = Report.objects.select_related("agency", "plan", "movement", "requested_by").get(
        pk=report.pk
    )
    parts = [(key, stages[key].wrap(part)) for key, part in figures.PARTS]
    with (
        mock.patch.object(figures, "PARTS", parts),
        mock.patch.object(
            figures, "compile_figures", stages["figures"].wrap(figures.compile_figures)
        ),
        mock.patch.object(document, "report_docx", stages["docx"].wrap(document.report_docx)),
        mock.patch.object(
            workbook, "report_workbook", stages["xlsx"].wrap(workbook.report_workbook)
        ),
    ):
        done = stages["total"].wrap(services.report_generate)(report)
    assert done.status == Report.Status.DONE, done.error
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument(
        "--kind", default=Report.Kind.FINAL, choices=[Report.Kind.FINAL, Report.Kind.INTERIM]
    )
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--user", default="gp.quantri", help="who asks (the province admin)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a database filled by manage.py generate_province.")
    actor = get_user_model().objects.get(username=args.user)
    agency = Agency.objects.filter(parent__isnull=True).order_by("depth", "pk").first()
    assert agency is not None
    print(
        f"{Report.Kind(args.kind).label} {args.year}, agency {agency.name} (the whole province), "
        f"asked by {args.user}; {connection.settings_dict['NAME']}"
    )
    runs = [build(actor, agency, args.kind, args.year) for _ in range(args.repeat)]
    names = list(runs[0])
    header = f"{'stage':22s}" + "".join(
        f" | run {i + 1}: {'s':>6s} {'queries':>7s}" for i in range(len(runs))
    )
    print(header)
    print("-" * len(header))
    for name in names:
        label = f"  part: {name}" if name not in ("total", "figures", "docx", "xlsx") else name
        label = {
            "total": "report_generate (all)",
            "figures": "compile figures",
            "docx": "write .docx",
            "xlsx": "write .xlsx",
        }.get(name, label)
        print(
            f"{label:22s}"
            + "".join(f" | {'':7s}{r[name].seconds:6.2f} {r[name].queries:7d}" for r in runs)
        )
    first = runs[0]["total"].seconds
    verdict = "met" if first <= TARGET_SECONDS else "NOT met"
    print(f"target: report_generate <= {TARGET_SECONDS:.0f} s (run 1: {first:.2f} s, {verdict})")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        shutil.rmtree(TMP, ignore_errors=True)
