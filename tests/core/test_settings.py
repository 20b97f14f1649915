"""Production settings: `check --deploy` is clean, and insecure settings stop the process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-" + "x" * 30


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
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
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
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
        "check",
        env={"DEBUG": "0", "SECRET_KEY": "django-insecure-abc", "ALLOWED_HOSTS": "a.gov.vn"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_invalid_boolean_names_the_variable():
    result = run_manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_sqlite_runs_in_wal_mode_with_busy_timeout(tmp_path):
    """The embedded default: a file database in WAL mode with a busy timeout."""
    script = (
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])\n"
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])\n"
    )
    result = run_manage(
        "shell",
        "-c",
        script,
        env={"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode == 0, result.stderr
    mode, timeout = result.stdout.split()[-2:]
    assert mode == "wal"
    assert int(timeout) >= 5000


def test_passwords_are_hashed_with_argon2():
    from thidua import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_production_refuses_an_unencrypted_remote_database():
    result = run_manage(
        "check",
        env={
            "DEBUG": "0",
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "a.gov.vn",
            "DATABASE_URL": "postgres://thidua@db.angiang.gov.vn:5432/thidua?sslmode=disable",
        },
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
