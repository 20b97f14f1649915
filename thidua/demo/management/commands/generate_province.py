"""`python manage.py generate_province --people 30000 --years 10 --seed 1`: a province-scale
dataset for load tests and benchmarks (thidua/demo/province/, docs/deployment.md)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from thidua.demo import province


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu quy mô tỉnh (cơ quan, cán bộ, xếp loại, khen thưởng, phong trào, điển "
        "hình, kế hoạch, tin bài, văn bản, chỉ mục tìm kiếm) để thử tải và đo hiệu năng. Cùng "
        "--seed, --people, --years và --today cho cùng dữ liệu. Từ chối chạy trên cơ sở dữ liệu "
        "đã có dữ liệu, trừ khi có --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--people", type=int, default=30_000, help="Số cán bộ (mặc định 30000)."
        )
        parser.add_argument("--years", type=int, default=10, help="Số năm lịch sử (mặc định 10).")
        parser.add_argument(
            "--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (mặc định 1)."
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Ngày tham chiếu YYYY-MM-DD (mặc định hôm nay): năm cuối và trạng thái việc.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Chạy cả khi cơ sở dữ liệu đã có dữ liệu khác (thêm tỉnh sinh ra bên cạnh).",
        )
        parser.add_argument(
            "--digest", action="store_true", help="In mã băm SHA-256 của dữ liệu đã sinh."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["people"] < 50 or options["years"] < 1:
            raise CommandError(
                _(
                    "Cần --people từ 50 trở lên và --years từ 1 trở lên "
                    "(ví dụ: --people 300 --years 3)."
                )
            )
        started = time.perf_counter()
        try:
            world = province.generate(
                people=options["people"],
                years=options["years"],
                seed=options["seed"],
                today=options["today"],
                force=options["force"],
                progress=lambda msg: self.stdout.write(f"  {msg}"),
            )
        except province.NotEmpty as error:
            raise CommandError(
                _("%(error)s Thêm --force để vẫn sinh tỉnh bên cạnh dữ liệu đang có.")
                % {"error": error}
            ) from error
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner and for the search's rare words (ADR 0003), and
            # a visibility map so that counts read indexes only: autovacuum would get there,
            # minutes later. VACUUM runs outside a transaction (the load has committed).
            # (Inside a caller's transaction, a test's, only ANALYZE can run.)
            statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            analyzed = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(statement)
            self.stdout.write(f"  {statement}: {time.perf_counter() - analyzed:.1f} s")
        rows = ", ".join(f"{k} {v}" for k, v in world.counts.items())
        self.stdout.write(_("Số dòng: %(rows)s") % {"rows": rows})
        elapsed = f"{time.perf_counter() - started:.1f}"
        self.stdout.write(self.style.SUCCESS(_("Sinh xong trong %(s)s giây.") % {"s": elapsed}))
        if options["digest"]:
            self.stdout.write(f"Digest: {province.digest()}")
