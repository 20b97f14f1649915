"""The province-scale database the search, back-office and report benchmarks run on: print its
URL, building it first when it does not exist yet.

Which database:

- ``PROVINCE_DATABASE_URL`` when set (reused as it is if it already holds a generated province);
- otherwise PostgreSQL's ``bench_province`` on 127.0.0.1:5432 when a server answers there (the
  deployment the figures are about);
- otherwise an SQLite file, ``var/bench-province.sqlite3``.

Building it runs ``migrate`` and ``generate_province --people 30000 --years 10 --seed 1`` (about
6 minutes on PostgreSQL on a 2-core machine; docs/benchmarks.md), then sets the planner's
costs for SSD storage on PostgreSQL (docs/deployment.md, "PostgreSQL settings"). Progress goes to
standard error; standard output is the URL only, for ``make bench``:

    url=$(.venv/bin/python bench/province_database.py)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_province"
SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench-province.sqlite3'}"
GENERATE = ["--people", "30000", "--years", "10", "--seed", "1", "--today", "2026-12-01"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def postgres_answers() -> bool:
    import psycopg

    try:
        psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def manage(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        stdout=sys.stderr,
        stderr=sys.stderr,
        check=True,
    )


def holds_a_province(url: str) -> bool:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    check = "from thidua.documents.models import Document; print(Document.objects.exists())"
    found = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", check],
        env=env,
        capture_output=True,
        text=True,
    )
    return found.returncode == 0 and found.stdout.strip().endswith("True")


def create_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        for setting, value in (("random_page_cost", "1.1"), ("effective_cache_size", "4GB")):
            connection.execute(
                sql.SQL("ALTER DATABASE {} SET {} = {}").format(
                    sql.Identifier(name), sql.Identifier(setting), sql.Literal(value)
                )
            )


def main() -> None:
    url = os.environ.get("PROVINCE_DATABASE_URL") or (
        POSTGRES_URL if postgres_answers() else SQLITE_URL
    )
    if holds_a_province(url):
        log(f"Province database: {url} (already generated)")
    else:
        log(f"Province database: {url}: generating 30,000 people (several minutes)")
        if url.startswith("postgres"):
            create_postgres_database(url)
        else:
            (ROOT / "var").mkdir(exist_ok=True)
        manage(url, "migrate", "--no-input", "-v", "0")
        manage(url, "generate_province", *GENERATE)
    print(url)


if __name__ == "__main__":
    main()
