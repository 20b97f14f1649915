"""`python manage.py load_demo`: the demo province, its people, accounts, bloc and portal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from thidua.demo import credentials
from thidua.demo.data.accounts import PROVINCE_ADMIN_USERNAME
from thidua.demo.loader import DemoLoader, LoadReport

DEFAULT_CREDENTIALS = Path(settings.BASE_DIR) / "demo-credentials.txt"


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu trình diễn: tỉnh An Giang sau sắp xếp năm 2025, khoảng 200 cán bộ, tài "
        "khoản theo từng vai trò, khối thi đua và trang chủ cổng thông tin. Chạy lại không tạo "
        "trùng dữ liệu và không đổi mật khẩu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--credentials",
            type=Path,
            default=DEFAULT_CREDENTIALS,
            help="Tệp ghi tên đăng nhập và mật khẩu (mặc định: demo-credentials.txt ở gốc kho).",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Đặt mật khẩu mới cho mọi tài khoản trình diễn và ghi lại tệp mật khẩu.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["credentials"]).resolve()
        reset: bool = options["reset_passwords"]
        self.verbosity = int(options["verbosity"])
        loader = DemoLoader(reset_passwords=reset)
        try:
            loader.run(progress=self._progress)
        finally:
            # Stages commit one by one: if a later one fails, the accounts already created
            # must still get their passwords written, or they could never log in.
            self._save_credentials(path, loader.report, reset=reset)
        self._summary(path, loader.report)

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(f"  {message}")

    def _save_credentials(self, path: Path, report: LoadReport, *, reset: bool) -> None:
        passwords = report.new_passwords
        if not passwords:
            if path.exists():
                self.stdout.write(f"Dữ liệu trình diễn đã có; giữ nguyên mật khẩu trong {path}.")
            else:
                self.stderr.write(
                    self.style.WARNING(
                        f"Các tài khoản trình diễn đã có nhưng không thấy tệp mật khẩu {path}; "
                        "mật khẩu chỉ được ghi ở lần tạo. Chạy lại với --reset-passwords để "
                        "đặt mật khẩu mới và ghi lại tệp."
                    )
                )
            return
        rows = credentials.rows_for(passwords)
        append = path.exists() and not reset
        credentials.write(path, credentials.render(rows, appended=append), append=append)
        verb = "Đã ghi thêm" if append else "Đã ghi"
        self.stdout.write(f"{verb} {len(rows)} tài khoản vào {path} (chỉ chủ tệp đọc được).")

    def _summary(self, path: Path, report: LoadReport) -> None:
        created = sum(report.created.values())
        if created:
            details = ", ".join(f"{k} {v}" for k, v in report.created.items() if v)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp dữ liệu trình diễn trong {report.total_seconds:.1f} giây ({details})."
                )
            )
        else:
            self.stdout.write(
                f"Không có gì mới để nạp ({report.total_seconds:.1f} giây): dữ liệu đã đầy đủ."
            )
        self.stdout.write(f"Đăng nhập tại: {credentials.login_url()}")
        self.stdout.write(f"Tên đăng nhập và mật khẩu: {path}")
        self.stdout.write(
            f"Lưu ý: {PROVINCE_ADMIN_USERNAME} phải thiết lập xác thực hai lớp (ứng dụng TOTP) "
            "ở lần đăng nhập đầu tiên."
        )
