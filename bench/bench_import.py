"""Excel import of 30,000 people: rows per second of validation and of apply, and SQL statements,
as the product runs a large import (the background task ``org.tasks.run_import``), against a
plain ``bulk_create`` of the same 30,000 Person rows (the floor: no validation, no history, no
audit).

    .venv/bin/python bench/bench_import.py [--people 30000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything .venv/bin/python bench/bench_import.py

A fresh database: a temporary SQLite file by default; with DATABASE_URL pointing at PostgreSQL,
a database named ``bench_import`` on that server, dropped and created again. It is migrated, then
given a province with departments and units and a province admin, who imports a workbook built
from the download template (thidua/org/importing/template.py): 30,000 rows of "Cán bộ" with
Vietnamese names (weighted family names, gendered middle names), dates of birth, 12-digit ID
numbers, positions, e-mails and phone numbers, spread over the existing agencies.

Steps timed: upload (``import_start``: checks, row count, job), validate (``run_import`` on the
uploaded job: read every row, plan), confirm (``import_confirm``), apply (``run_import`` on the
confirmed job: re-read, re-validate, write every row through ``person_create``). The peer runs
first, inside a transaction rolled back afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="thidua-bench-import-"))


def database_url() -> str:
    """A fresh database: SQLite in TMP, or ``bench_import`` on DATABASE_URL's PostgreSQL."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{TMP / 'bench.sqlite3'}"
    import psycopg

    parts = urlsplit(given)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_import")
        conn.execute("CREATE DATABASE bench_import")
    return urlunsplit(parts._replace(path="/bench_import"))


os.environ["DATABASE_URL"] = database_url()
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "DEBUG": "0",
        "THIDUA_LOCAL_SECRET_KEY": "1",
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "0",
        "THIDUA_VAR_DIR": str(TMP),
        "LOG_LEVEL": "WARNING",
    }
)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from thidua.core.text import fold, name_sort_key  # noqa: E402
from thidua.demo.province.common import id_number, person_name  # noqa: E402
from thidua.org.importing.layout import PERSON_SPEC  # noqa: E402
from thidua.org.importing.template import build_template  # noqa: E402
from thidua.org.models import Agency, ImportJob, Person  # noqa: E402
from thidua.org.models.role import Role, RoleAssignment  # noqa: E402
from thidua.org.services.imports import import_confirm, import_start  # noqa: E402
from thidua.org.tasks import run_import  # noqa: E402

POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Cán sự", "Phó Trưởng phòng", "Trưởng phòng"]
POSITIONS += ["Giáo viên", "Bác sĩ", "Điều dưỡng", "Kế toán", "Nhân viên"]


class Counter:
    """Counts SQL statements without keeping them (a whole import runs hundreds of thousands)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.n += 1
        return execute(sql, params, many, context)


@contextmanager
def timed(label: str, rows: int, results: list[tuple[str, float, int, int]]) -> Iterator[None]:
    counter = Counter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        yield
    results.append((label, time.perf_counter() - started, counter.n, rows))


def make_agencies(departments: int, units: int) -> list[Agency]:
    """The province, its departments and their units (paths set as agency_create sets them)."""

    def make(parent: Agency | None, code: str, name: str, kind: str) -> Agency:
        agency = Agency.objects.create(parent=parent, code=code, name=name, kind=kind)
        agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
        agency.depth = parent.depth + 1 if parent else 0
        agency.save(update_fields=["path", "depth"])
        return agency

    root = make(None, "AG", "Ủy ban nhân dân tỉnh An Giang", Agency.Kind.PROVINCE)
    agencies = [root]
    for d in range(1, departments + 1):
        dept = make(root, f"AG.S{d:02d}", f"Sở số {d}", Agency.Kind.DEPARTMENT)
        agencies.append(dept)
        for u in range(1, units + 1):
            agencies.append(
                make(dept, f"AG.S{d:02d}.P{u}", f"Phòng {u} – Sở số {d}", Agency.Kind.UNIT)
            )
    return agencies


def person_rows(n: int, agencies: list[Agency], seed: int) -> list[list[object]]:
    """Rows in the template's column order (layout.PERSON_COLUMNS)."""
    rng = random.Random(seed)
    rows = []
    for serial in range(1, n + 1):
        name, gender = person_name(rng)
        born = dt.date(rng.randint(1965, 2001), rng.randint(1, 12), rng.randint(1, 28))
        values = {
            "full_name": name,
            "gender": "Nam" if gender == "male" else "Nữ",
            "date_of_birth": born.strftime("%d/%m/%Y"),
            "id_number": id_number(rng, serial, born, gender),
            "position": rng.choice(POSITIONS),
            "agency_code": rng.choice(agencies).code,
            "email": f"canbo{serial}@angiang.gov.vn",
            "phone": f"09{rng.randint(0, 99_999_999):08d}",
        }
        rows.append([values[c.key] for c in PERSON_SPEC.columns])
    return rows


def workbook(rows: list[list[object]]) -> bytes:
    """The download template with the rows written under the "Cán bộ" header."""
    book = load_workbook(io.BytesIO(build_template()))
    sheet = book[PERSON_SPEC.title]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bulk_peer(rows: list[list[object]], by_code: dict[str, Agency]) -> tuple[float, int]:
    """The same rows as Person objects, bulk_create in one transaction, then rolled back."""
    keys = [c.key for c in PERSON_SPEC.columns]
    counter = Counter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        try:
            with transaction.atomic():
                people = []
                for row in rows:
                    v = dict(zip(keys, row, strict=True))
                    day, month, year = (int(x) for x in str(v["date_of_birth"]).split("/"))
                    p = Person(
                        agency=by_code[str(v["agency_code"])],
                        full_name=v["full_name"],
                        gender="male" if v["gender"] == "Nam" else "female",
                        date_of_birth=dt.date(year, month, day),
                        id_number=v["id_number"],
                        position=v["position"],
                        email=v["email"],
                        phone=v["phone"],
                    )
                    p.sort_name = name_sort_key(p.full_name)
                    p.search_text = fold(f"{p.full_name} {p.position} {p.email} {p.id_number}")
                    people.append(p)
                Person.objects.bulk_create(people, batch_size=2000)
                elapsed = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            pass
    return elapsed, counter.n


class _Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--units", type=int, default=4, help="units per department")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    vendor = "PostgreSQL bench_import" if "postgres" in os.environ["DATABASE_URL"] else "SQLite"
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    agencies = make_agencies(args.departments, args.units)
    admin = get_user_model().objects.create_user("bench.admin", "admin@angiang.gov.vn")
    RoleAssignment.objects.create(user=admin, agency=agencies[0], role=Role.PROVINCE_ADMIN)
    rows = person_rows(args.people, agencies, args.seed)
    content = workbook(rows)
    print(
        f"{vendor}, fresh database; {args.people} people rows into {len(agencies)} agencies; "
        f".xlsx {len(content) / 1e6:.1f} MB; set-up {time.perf_counter() - started:.0f} s"
    )

    peer_seconds, peer_queries = bulk_peer(rows, {a.code: a for a in agencies})

    results: list[tuple[str, float, int, int]] = []
    upload = SimpleUploadedFile("danh-sach-can-bo.xlsx", content)
    with timed("upload (checks, row count, job)", args.people, results):
        job = import_start(upload, actor=admin, agency=agencies[0])
    with timed("validate (run_import: read, plan)", args.people, results):
        run_import.func(job.pk)
    job = ImportJob.objects.get(pk=job.pk)
    if job.status != ImportJob.Status.VALID:
        raise SystemExit(f"validation: {job.status} {job.errors[:3]}")
    with timed("confirm", args.people, results):
        job = import_confirm(job, actor=admin, only_valid_rows=False)
    with timed("apply (run_import: re-validate, write)", args.people, results):
        run_import.func(job.pk, admin.pk)
    job = ImportJob.objects.get(pk=job.pk)
    created = Person.objects.count()
    if job.status != ImportJob.Status.DONE or created < args.people:
        raise SystemExit(f"apply: {job.status} {job.errors[:3]}; {created} people")

    print(f"{'step':42s} {'seconds':>8s} {'rows/s':>9s} {'queries':>9s} {'queries/row':>12s}")
    for label, seconds, queries, n in results:
        rate = f"{n / seconds:9.0f}" if label != "confirm" else f"{'':9s}"
        print(f"{label:42s} {seconds:8.2f} {rate} {queries:9d} {queries / n:12.2f}")
    total = sum(r[1] for r in results)
    total_queries = sum(r[2] for r in results)
    print(
        f"{'import, all steps':42s} {total:8.2f} {args.people / total:9.0f} {total_queries:9d} "
        f"{total_queries / args.people:12.2f}"
    )
    print(
        f"{'peer: bulk_create of the same Person rows':42s} {peer_seconds:8.2f} "
        f"{args.people / peer_seconds:9.0f} {peer_queries:9d} {peer_queries / args.people:12.2f}"
    )
    print(f"import / bulk_create floor: {total / peer_seconds:.1f}x the time (no target)")


if __name__ == "__main__":
    try:
        main()
    finally:
        import shutil

        connection.close()
        shutil.rmtree(TMP, ignore_errors=True)
