"""Start the product's own processes (granian web servers, `db_worker`s, schedulers) against the
test database, as a province deployment runs them (docs/deployment.md), and talk HTTP to them.

The children read the data the test committed (use ``transactional_db``) through
``DATABASE_URL`` pointing at pytest-django's test database, and share one Redis database.
On SQLite the tests skip (CI runs them in its PostgreSQL pass); on PostgreSQL a missing Redis
fails them under ``CI=1`` and skips them elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.concurrency import require_postgresql

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("THIDUA_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def require_services() -> None:
    """PostgreSQL (the test database) and Redis. On SQLite the tests skip, like every
    concurrency test: CI's second pass runs the suite on PostgreSQL, and .ci/run fails when that
    server is unreachable. On PostgreSQL a missing Redis fails under CI and skips elsewhere."""
    require_postgresql()
    missing = []
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # any failure means "no Redis"
        missing.append(f"Redis at {REDIS_URL} ({error.__class__.__name__})")
    if missing:
        message = "several-process tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " (CI=1: required)")
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env(**extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) on the test database and the shared Redis."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = url.replace(f"{db['USER']}@", f"{db['USER']}:{db['PASSWORD']}@")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions the test signs must be valid there
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": url,
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@dataclass
class Fleet:
    """Web servers (their base URLs) and background processes, stopped together."""

    web: list[str] = field(default_factory=list)
    procs: list[subprocess.Popen] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def start(self, args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
        out = log.open("wb")
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        self.logs.append(log)
        return proc

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

    def tail(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.logs
        )


def collectstatic(static_root: Path, env: dict[str, str]) -> None:
    """The manifest that DEBUG-off templates need (as scripts/serve.sh prepares it)."""
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env={**env, "STATIC_ROOT": str(static_root)},
        check=True,
        timeout=300,
    )


def start_web(fleet: Fleet, env: dict[str, str], log_dir: Path, count: int = 2) -> None:
    for n in range(count):
        port = free_port()
        fleet.start(
            [
                str(BIN / "granian"),
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
                "thidua.wsgi:application",
            ],
            env,
            log_dir / f"web{n + 1}.log",
        )
        fleet.web.append(f"http://127.0.0.1:{port}")
    for base in fleet.web:
        wait_ready(base, fleet)


def start_workers(fleet: Fleet, env: dict[str, str], log_dir: Path, count: int = 2) -> None:
    for n in range(count):
        fleet.start(
            [str(BIN / "python"), "manage.py", "db_worker", "--interval", "0.2", "--no-reload"],
            env,
            log_dir / f"worker{n + 1}.log",
        )


def wait_ready(base: str, fleet: Fleet, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            status, _headers, _body = request(base + "/robots.txt")
            if status == 200:
                return
        if any(p.poll() is not None for p in fleet.procs):
            break
        time.sleep(0.3)
    raise AssertionError(f"{base} did not start:\n{fleet.tail()}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def request(
    url: str,
    *,
    data: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    host: str = "localhost",
) -> tuple[int, dict[str, str], str]:
    """GET (or POST ``data``) without following redirects: status, headers (lower-case
    names), body. Every server gets the same Host, as behind a load balancer (the page
    cache's key includes it)."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, method="POST" if data is not None else "GET")  # noqa: S310 (http URLs built by the test)
    req.add_header("Host", host)
    if cookies:
        req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with _opener.open(req, timeout=30) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            return response.status, headers, response.read().decode()
    except urllib.error.HTTPError as error:
        headers = {k.lower(): v for k, v in error.headers.items()}
        return error.code, headers, error.read().decode(errors="replace")


@contextlib.contextmanager
def running(fleet: Fleet) -> Iterator[Fleet]:
    try:
        yield fleet
    finally:
        fleet.stop()
