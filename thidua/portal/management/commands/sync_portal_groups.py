"""Recreate the portal's groups and workflow if missing, and put every editor and leader in
their group (and nobody else)."""

from typing import Any

from django.core.management.base import BaseCommand

from thidua.portal.roles import sync_all
from thidua.portal.setup import ensure_portal_setup


class Command(BaseCommand):
    help = "Đồng bộ nhóm Biên tập viên / Lãnh đạo duyệt tin với vai trò của người dùng."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_portal_setup()
        count = sync_all()
        self.stdout.write(f"Đã đồng bộ nhóm của {count} tài khoản.")
