"""The demo credentials file: usernames, passwords and roles, readable by its owner only.

Passwords are generated at random on the first run and exist nowhere else (the database keeps
only their hashes), so the file is written once and then kept: a later run that creates no
account leaves it untouched, one that creates accounts appends them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from thidua.demo.data.accounts import ACCOUNTS, PROVINCE_ADMIN_USERNAME
from thidua.org.models import Agency
from thidua.org.models.role import RoleAssignment

FILE_MODE = 0o600


@dataclass(frozen=True)
class CredentialRow:
    username: str
    password: str
    full_name: str
    roles: str


def login_url() -> str:
    return f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}/admin/"


def rows_for(passwords: dict[str, str]) -> list[CredentialRow]:
    """One row per demo account with a new password, in the order of accounts.py."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=list(passwords))}
    roles: dict[str, list[str]] = {}
    for assignment in RoleAssignment.objects.filter(user__in=users.values()).select_related(
        "agency__parent", "user"
    ):
        label = f"{assignment.get_role_display()} – {_agency_label(assignment.agency)}"
        roles.setdefault(assignment.user.username, []).append(label)
    return [
        CredentialRow(
            username=account.username,
            password=passwords[account.username],
            full_name=users[account.username].get_full_name(),
            roles="; ".join(roles.get(account.username, [])),
        )
        for account in ACCOUNTS
        if account.username in passwords
    ]


def _agency_label(agency: Agency) -> str:
    """Division names repeat across departments ("Văn phòng Sở"): add the department."""
    parent = agency.parent
    if parent is not None and agency.kind in {Agency.Kind.DIVISION, Agency.Kind.UNIT}:
        return f"{agency.name}, {parent.short_name or parent.name}"
    return agency.name


def _table(rows: list[CredentialRow]) -> list[str]:
    width = max(len(r.username) for r in rows) + 2
    pw_width = max(len(r.password) for r in rows) + 2
    lines = [f"{'Tên đăng nhập':<{width}}{'Mật khẩu':<{pw_width}}Họ và tên — vai trò"]
    for row in rows:
        who = f"{row.full_name} — {row.roles}"
        lines.append(f"{row.username:<{width}}{row.password:<{pw_width}}{who}")
    return lines


def render(rows: list[CredentialRow], *, appended: bool = False) -> str:
    stamp = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
    if appended:
        head = ["", f"Tài khoản tạo thêm lúc {stamp}:"]
        return "\n".join([*head, *_table(rows), ""])
    lines = [
        "Tài khoản trình diễn – Thi đua – Khen thưởng tỉnh An Giang",
        f"Tạo lúc: {stamp}",
        f"Đăng nhập tại: {login_url()}",
        "",
        *_table(rows),
        "",
        f"Lưu ý: tài khoản {PROVINCE_ADMIN_USERNAME} (quản trị cấp tỉnh) phải thiết lập xác thực "
        "hai lớp bằng ứng dụng TOTP (Google Authenticator, Microsoft Authenticator, FreeOTP…) "
        "ngay ở lần đăng nhập đầu tiên.",
        "Tệp này chứa mật khẩu: chỉ dùng cho bản trình diễn, không chia sẻ, không đưa vào git.",
        "Đặt lại mật khẩu: python manage.py load_demo --reset-passwords",
        "",
    ]
    return "\n".join(lines)


def write(path: Path, text: str, *, append: bool = False) -> None:
    """Write (or append to) the file, created with mode 600 so no other user can read it."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(FILE_MODE)  # an existing file keeps its old mode through os.open
