"""Reading configuration from the environment, failing loudly with the variable's name.

Used by settings.py only. Kept free of Django settings access so it can run before they exist.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"Biến môi trường {name}={raw!r} không hợp lệ: dùng 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"Biến môi trường {name}={raw!r} phải là một số nguyên."
        ) from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def local_secret_key(path: Path) -> str:
    """A secret key generated once into a git-ignored file, for production-style local runs."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(64)
    path.write_text(key + "\n", encoding="utf-8")
    path.chmod(0o600)
    return key


class InsecureConfiguration(ImproperlyConfigured):
    """Raised at start-up when DEBUG is off and a setting would leave the site unsafe."""


def refuse_insecure(*, secret_key: str, allowed_hosts: list[str], database_url: str) -> None:
    """Check production settings; each message names the variable to set and how."""
    problems: list[str] = []
    if not secret_key or len(secret_key) < 50 or secret_key.startswith("django-insecure"):
        problems.append(
            "SECRET_KEY: đặt một khóa bí mật ngẫu nhiên dài ít nhất 50 ký tự "
            "(ví dụ: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
    if not allowed_hosts or "*" in allowed_hosts:
        problems.append(
            "ALLOWED_HOSTS: liệt kê tên miền được phục vụ, cách nhau bởi dấu phẩy "
            "(ví dụ: thidua.sonv.gov.vn); không dùng '*'."
        )
    if (
        database_url.startswith(("postgres://", "postgresql://"))
        and "sslmode=disable" in database_url
    ):
        host = database_url.split("@")[-1].split("/")[0].split(":")[0]
        if host not in {"127.0.0.1", "localhost", ""}:
            problems.append("DATABASE_URL: không tắt SSL (sslmode=disable) với máy chủ từ xa.")
    if problems:
        raise InsecureConfiguration(
            "Cấu hình không an toàn khi DEBUG tắt / insecure production configuration:\n- "
            + "\n- ".join(problems)
        )
