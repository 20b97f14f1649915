"""Demo reports: the interim review of this year's plan (seed 002, re-dated to the current year
by demo/plans.py), compiled at once so that "Báo cáo định kỳ" is not empty on a new demo. The
dashboards need nothing of their own: they read the plans, movements, exemplars and awards the
other stages load."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from thidua.plans.models import Plan
from thidua.reports.models import Report
from thidua.reports.services import report_generate, report_request

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader


def load(loader: DemoLoader) -> int:
    today = timezone.localdate()
    plan = Plan.objects.filter(source_name__startswith="002_", year_start=today.year).first()
    if plan is None or Report.objects.filter(plan=plan).exists():
        return 0
    report = report_request(
        actor=loader.admin,
        agency=plan.agency,
        kind=Report.Kind.INTERIM,
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
        plan=plan,
        limitations=(
            "Một số phòng, đơn vị gửi báo cáo tiến độ chậm so với thời hạn.\n"
            "Tin, bài về điển hình tiên tiến còn ít."
        ),
        next_tasks=(
            "Tiếp tục tuyên truyền trên Cổng thông tin điện tử và các cuộc họp giao ban.\n"
            "Đôn đốc các đơn vị hoàn thành nhiệm vụ quá hạn."
        ),
        recipients_text="Ban Thi đua – Khen thưởng tỉnh\nBan Giám đốc\nLưu: VT",
        signer_authority="KT.",
        signer_positions="GIÁM ĐỐC/PHÓ GIÁM ĐỐC",
    )
    # Compiled here rather than by the worker, which may not be running yet; the queued task
    # then finds it done and does nothing.
    report_generate(report)
    return 1
