"""Which tasks a plan gives, each under a stable generation key.

- one per assignment × phase (an assignment to "all units" gives one per unit);
- a recurring channel (monthly or quarterly briefing) gives one per month or quarter of each
  phase, to the lead unit;
- "định kỳ tổng hợp báo cáo" gives report tasks at the plan's cadence, to the lead unit;
- a plan over several years gives a yearly review per year and a final review.

Keys are built from row ids and calendar periods, never from positions or text, so that editing
a plan and generating again finds the same tasks (see services.tasks.plan_tasks_regenerate).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.core.text import format_date
from thidua.org.models import Agency
from thidua.plans.models import AssignmentRole, Cadence, Plan, Task


@dataclass
class TaskSpec:
    key: str
    agency: Agency
    role: str
    kind: str
    title: str
    description: str
    start_date: dt.date | None
    due_date: dt.date
    assignment_id: int | None = None
    phase_id: int | None = None
    channel: str = ""


@dataclass
class Period:
    phase_id: int | None
    name: str
    start: dt.date
    end: dt.date


def plan_periods(plan: Plan) -> list[Period]:
    phases = list(plan.phases.all())
    if phases:
        return [Period(p.pk, p.name, p.start, p.end) for p in phases]
    start = dt.date(plan.year_start, 1, 1)
    if plan.issued_on and plan.issued_on.year == plan.year_start:
        start = plan.issued_on
    return [Period(None, _("Cả kỳ kế hoạch"), start, dt.date(plan.year_end, 12, 31))]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _slices(start: dt.date, end: dt.date, months: int) -> list[tuple[str, dt.date, dt.date]]:
    """Calendar months (1), quarters (3), halves (6) or years (12) that overlap [start, end]."""
    out = []
    year, month = start.year, ((start.month - 1) // months) * months + 1
    while dt.date(year, month, 1) <= end:
        last_month = month + months - 1
        slice_start, slice_end = dt.date(year, month, 1), _month_end(year, last_month)
        label = {
            1: f"{year}-{month:02d}",
            3: f"{year}Q{(month - 1) // 3 + 1}",
            6: f"{year}H{(month - 1) // 6 + 1}",
            12: f"{year}",
        }[months]
        out.append((label, max(slice_start, start), min(slice_end, end)))
        month += months
        if month > 12:
            year, month = year + 1, month - 12
    return out


CADENCE_MONTHS = {
    Cadence.MONTHLY: 1,
    Cadence.QUARTERLY: 3,
    Cadence.HALF_YEARLY: 6,
    Cadence.YEARLY: 12,
}


def _slice_label(label: str) -> str:
    if "Q" in label:
        year, quarter = label.split("Q")
        return _("quý %(q)s/%(y)s") % {"q": quarter, "y": year}
    if "H" in label:
        year, half = label.split("H")
        return _("6 tháng %(h)s/%(y)s") % {"h": "đầu" if half == "1" else "cuối", "y": year}
    if "-" in label:
        year, month = label.split("-")
        return _("tháng %(m)s/%(y)s") % {"m": int(month), "y": year}
    return _("năm %(y)s") % {"y": label}


def lead_agency(plan: Plan) -> Agency:
    for a in plan.assignments.all():
        if a.role == AssignmentRole.LEAD and a.agency_id:
            return a.agency
    return plan.agency


def _units(plan: Plan) -> list[Agency]:
    """Current units directly under the plan's agency, for "all units" assignments."""
    today = dt.date.today()
    return [
        a
        for a in Agency.objects.filter(parent=plan.agency, successor__isnull=True).order_by("path")
        if not (a.valid_to and a.valid_to < today)
    ]


def plan_task_specs(plan: Plan) -> list[TaskSpec]:
    periods = plan_periods(plan)
    assignments = list(plan.assignments.select_related("agency"))
    named = {a.agency_id for a in assignments if a.agency_id}
    lead = lead_agency(plan)
    specs: list[TaskSpec] = []
    for a in assignments:
        targets = [a.agency] if a.agency_id else [u for u in _units(plan) if u.pk not in named]
        for unit in targets:
            for period in periods:
                duties = a.duties.strip()
                first_line = duties.splitlines()[0] if duties else ""
                specs.append(
                    TaskSpec(
                        key=f"a{a.pk}:u{unit.pk}:p{period.phase_id or 0}",
                        agency=unit,
                        role=a.role,
                        kind=Task.Kind.ASSIGNMENT,
                        title=_shorten(
                            f"{period.name}: {first_line}" if first_line else period.name
                        ),
                        description=duties,
                        start_date=period.start,
                        due_date=period.end,
                        assignment_id=a.pk,
                        phase_id=period.phase_id,
                    )
                )
    for channel in plan.channels.all():
        months = CADENCE_MONTHS.get(channel.cadence)  # type: ignore[call-overload]
        if not months:
            continue
        for period in periods:
            for label, start, end in _slices(period.start, period.end, months):
                specs.append(
                    TaskSpec(
                        key=f"c:{channel.channel}:{label}",
                        agency=lead,
                        role=AssignmentRole.LEAD,
                        kind=Task.Kind.RECURRING,
                        title=f"{channel.get_channel_display()} – {_slice_label(label)}",
                        description=channel.note,
                        start_date=start,
                        due_date=end,
                        phase_id=period.phase_id,
                        channel=channel.channel,
                    )
                )
    months = CADENCE_MONTHS.get(plan.report_cadence)  # type: ignore[call-overload]
    if months:
        start = min(p.start for p in periods)
        end = max(p.end for p in periods)
        for label, s, e in _slices(start, end, months):
            specs.append(
                TaskSpec(
                    key=f"r:{label}",
                    agency=lead,
                    role=AssignmentRole.LEAD,
                    kind=Task.Kind.REPORT,
                    title=_("Tổng hợp, báo cáo kết quả thực hiện kế hoạch %(period)s")
                    % {"period": _slice_label(label)},
                    description="",
                    start_date=s,
                    due_date=e,
                )
            )
    if plan.year_end > plan.year_start:
        for year in range(plan.year_start, plan.year_end + 1):
            specs.append(
                TaskSpec(
                    key=f"y:{year}",
                    agency=lead,
                    role=AssignmentRole.LEAD,
                    kind=Task.Kind.YEARLY_REVIEW,
                    title=_("Sơ kết năm %(year)s việc thực hiện kế hoạch") % {"year": year},
                    description="",
                    start_date=dt.date(year, 12, 1),
                    due_date=dt.date(year, 12, 31),
                )
            )
        specs.append(
            TaskSpec(
                key="final",
                agency=lead,
                role=AssignmentRole.LEAD,
                kind=Task.Kind.FINAL_REVIEW,
                title=_("Tổng kết việc thực hiện kế hoạch giai đoạn %(period)s")
                % {"period": plan.period_label},
                description=_("Hạn: %(date)s")
                % {"date": format_date(dt.date(plan.year_end, 12, 31))},
                start_date=dt.date(plan.year_end, 11, 1),
                due_date=dt.date(plan.year_end, 12, 31),
            )
        )
    return specs


def _shorten(text: str, limit: int = 480) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
