"""Production settings: `check --deploy` is clean, and insecure settings stop the process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-" + "x" * 30


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    base["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env={"DEBUG": "0", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "thidua.angiang.gov.vn"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env={"DEBUG": "0", "ALLOWED_HOSTS": "thidua.angiang.gov.vn"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_wildcard_allowed_hosts():
    result = run_manage("check", env={"DEBUG": "0", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage(
        "check", env={"DEBUG": "0", "SECRET_KEY": "django-insecure-abc", "ALLOWED_HOSTS": "a.gov.vn"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_invalid_boolean_names_the_variable():
    result = run_manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_sqlite_runs_in_wal_mode_with_busy_timeout(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
