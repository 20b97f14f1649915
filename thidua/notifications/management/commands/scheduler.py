"""`python manage.py scheduler`: enqueue periodic jobs (reminders, digests, publishing)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.notifications import schedule


class Command(BaseCommand):
    help = (
        "Đưa các việc định kỳ (nhắc hạn, thư tổng hợp, xuất bản theo lịch) vào hàng đợi đúng một "
        "lần cho mỗi kỳ, dù chạy nhiều tiến trình. Dùng --once để chạy một lượt rồi thoát (cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy một lượt rồi thoát.")
        parser.add_argument(
            "--interval", type=float, default=15.0, help="Số giây giữa hai lượt (mặc định 15)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            for name in schedule.run_due():
                if int(options["verbosity"]) >= 1:
                    self.stdout.write(f"Đã đưa vào hàng đợi: {name}")
            if options["once"]:
                return
            time.sleep(max(1.0, float(options["interval"])))
