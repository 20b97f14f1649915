"""Demo stage "plans": the five seed plans imported through the same path as the review screen
(admindoc extract + parse → draft → plan_create), issued, with some work recorded.

- 000 (giai đoạn 2022–2025) and 004 (Sở TT&TT Kiên Giang, 2022; the Sở merged into Sở KH&CN,
  which now holds its records) go to Sở Khoa học và Công nghệ;
- 001 (2023–2025) to Sở Nội vụ; 003 (a damaged scan) to Sở Văn hóa, Thể thao và Du lịch;
- 002 (Tây Ninh, 2020) to Sở Tài chính, re-dated to the current year as an Office re-using last
  year's plan would, so that a newcomer sees a plan in mid-flight.

Idempotent: a plan whose source file is already imported for its agency is skipped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from thidua.org.models import Agency
from thidua.plans import services
from thidua.plans.importing.draft import build_draft, read_upload
from thidua.plans.models import Plan, Task

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
PLACEMENT = (
    ("000", "AG.SKHCN"),
    ("001", "AG.SNV"),
    ("002", "AG.STC"),
    ("003", "AG.SVHTTDL"),
    ("004", "AG.SKHCN"),
)


def _redate(draft: dict[str, Any], year: int) -> None:
    """Seed 002 moved to ``year``: phases, period and title."""
    old = int(draft["year_start"])
    for phase in draft["phases"]:
        for key in ("start", "end"):
            if phase[key]:
                phase[key] = dt.date.fromisoformat(phase[key]).replace(year=year).isoformat()
    draft["phases"][0]["start"] = f"{year}-01-01"
    draft["year_start"] = draft["year_end"] = year
    draft["title"] = draft["title"].replace(str(old), str(year))
    draft["issued_on"] = f"{year}-01-15"


def _record_work(plan: Plan, actor: Any, today: dt.date) -> int:
    created = 0
    lead_tasks = list(
        plan.tasks.filter(status__in=Task.OPEN, start_date__lte=today).order_by("due_date", "pk")[
            :3
        ]
    )
    for i, task in enumerate(lead_tasks):
        report = services.progress_report_submit(
            task,
            actor=actor,
            text="Đã phổ biến kế hoạch tới công chức, viên chức; đăng tin trên trang thông tin "
            "điện tử của Sở.",
            percent=[100, 60, 30][i],
            problems="Chưa có kinh phí in tài liệu." if i == 2 else "",
            links="https://angiang.gov.vn/tin-tuc/thi-dua" if i == 0 else "",
        )
        if i < 2:
            services.progress_report_accept(report, actor=actor)
        created += 1
    items = list(plan.content_items.all())
    office = plan.assignments.filter(role="lead", agency__isnull=False).first()
    agency = office.agency if office else plan.agency
    fulfils = lead_tasks[0] if lead_tasks else None
    when = min(today, dt.date(plan.year_end, 12, 31))
    services.activity_record(
        actor=actor,
        agency=agency,
        plan=plan,
        channel="portal",
        date=when,
        title="Tin bài về phong trào thi đua trên trang thông tin điện tử",
        audience=250,
        topics=items[:2],
        fulfils=fulfils,
        link="https://angiang.gov.vn/tin-tuc/thi-dua",
    )
    services.meeting_record(
        actor=actor,
        agency=agency,
        plan=plan,
        kind="monthly_briefing",
        date=when,
        title="Giao ban cơ quan có nội dung tuyên truyền thi đua",
        attendees=42,
        agenda="1. Quán triệt kế hoạch tuyên truyền.\n2. Biểu dương điển hình tiên tiến.",
        topics=items[:1],
        fulfils=fulfils,
    )
    return created + 2


def load(loader: DemoLoader) -> int:
    actor = loader.admin
    today = timezone.localdate()
    created = 0
    for number, code in PLACEMENT:
        agency = Agency.objects.filter(code=code).first()
        path = next(SEEDS.glob(f"{number}_*.txt"), None)
        if agency is None or path is None:
            continue
        if Plan.objects.filter(agency=agency, source_name=path.name).exists():
            continue
        doc, text, fmt = read_upload(path.read_bytes(), path.name)
        draft = build_draft(
            doc, agency=agency, source_text=text, source_name=path.name, source_format=fmt
        )
        for row in draft["assignments"]:
            if not (row["agency_id"] or row["all_units"]):
                row["all_units"] = True  # what the reviewer picks for an unreadable unit name
        if number == "002":
            _redate(draft, today.year)
        plan = services.plan_create(draft=draft, agency=agency, actor=actor)
        plan = services.plan_issue(plan, actor=actor)
        created += 1 + plan.tasks.count()
        created += _record_work(plan, actor, today)
    return created
