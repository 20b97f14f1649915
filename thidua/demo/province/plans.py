"""Propaganda plans of departments and units, year by year: content, channels, phases,
assignments, the tasks they generate, progress reports, activities and meetings."""

from __future__ import annotations

import datetime as dt

from thidua.core.text import fold
from thidua.demo.province import vocab
from thidua.demo.province.common import World, bulk, chunks
from thidua.plans.models import (
    Activity,
    Assignment,
    ContentItem,
    Meeting,
    Phase,
    Plan,
    PlanChannel,
    ProgressReport,
    Task,
)

PLANS_PER_DEPARTMENT_YEAR = 2
UNIT_PLAN_SHARE = 0.3  # share of units that write a plan of their own each year
CHANNELS = ("portal", "monthly_briefing", "party_cell", "legal_day", "e_office", "conference")
MEETING_KINDS = ("monthly_briefing", "quarterly_briefing", "party_cell", "legal_day", "conference")


def generate(world: World) -> None:
    rng = world.rng("plans")
    children: dict[int, list] = {}
    for u in world.units:
        parent = int(u.path.strip("/").split("/")[-2])
        children.setdefault(parent, []).append(u)
    plans, parts = [], []
    for year in world.year_range:
        writers = []
        for d in world.departments:
            alive = (d.valid_to is None or d.valid_to.year >= year) and (
                d.valid_from is None or d.valid_from.year <= year
            )
            if alive:
                writers += [d] * PLANS_PER_DEPARTMENT_YEAR
        writers += [
            u
            for u in world.units
            if u.kind == "unit"
            and rng.random() < UNIT_PLAN_SHARE
            and (u.valid_to is None or u.valid_to.year >= year)
        ]
        for agency in writers:
            topic = rng.choice(vocab.TOPICS)
            title = rng.choice(vocab.PLAN_PATTERNS).format(topic=topic, year=year)
            issued = dt.date(year, 1, 5) + dt.timedelta(days=rng.randint(0, 80))
            if issued > world.today:
                status = "draft"
            elif year < world.today.year:
                status = "closed"
            else:
                status = rng.choice(("issued", "in_progress", "in_progress", "draft"))
            symbol = (
                f"{rng.randint(1, 150):02d}/KH-{agency.symbol or agency.code.rsplit('.', 1)[-1]}"
                if status != "draft"
                else ""
            )
            plan = Plan(
                agency=agency,
                title=title,
                number_symbol=symbol,
                issued_on=issued if status != "draft" else None,
                place="An Giang",
                parent_body=vocab.PROVINCE_NAME.upper() if agency.kind == "department" else "",
                issuer_name=agency.name,
                signer_authority="KT",
                signer_positions="PHÓ GIÁM ĐỐC",
                signer_name="Trần Minh Quang",
                purposes=f"Nâng cao nhận thức của cán bộ, công chức, viên chức về {topic}.",
                year_start=year,
                year_end=year,
                report_cadence="quarterly",
                status=status,
                created_by=world.office_users.get(agency.pk, world.admin),
                search_text=fold(f"{symbol} {title} {agency.name}"),
            )
            plans.append(plan)
            parts.append((agency, topic, year))
    plans = bulk(Plan, plans)
    world.plans = plans
    world.count("plans", len(plans))

    items, channels, phases, assignments = [], [], [], []
    for plan, (agency, topic, year) in zip(plans, parts, strict=True):
        for order, pattern in enumerate(rng.sample(vocab.CONTENT_ITEMS, 3)):
            items.append(ContentItem(plan=plan, order=order, title=pattern.format(topic=topic)))
        for order, channel in enumerate(rng.sample(CHANNELS, 3)):
            channels.append(
                PlanChannel(
                    plan=plan,
                    order=order,
                    channel=channel,
                    cadence="monthly" if channel == "portal" else "",
                )
            )
        phases.append(
            Phase(
                plan=plan,
                order=0,
                name="Đợt 1",
                start=dt.date(year, 2, 1),
                end=dt.date(year, 6, 30),
                content="Triển khai, quán triệt",
            )
        )
        phases.append(
            Phase(
                plan=plan,
                order=1,
                name="Đợt 2",
                start=dt.date(year, 7, 1),
                end=dt.date(year, 11, 30),
                content="Đẩy mạnh, sơ kết, tổng kết",
            )
        )
        units = children.get(agency.pk, [])
        targets = [units[0], *rng.sample(units[1:], min(2, len(units) - 1))] if units else [agency]
        for order, target in enumerate(targets):
            assignments.append(
                Assignment(
                    plan=plan,
                    order=order,
                    unit_text=target.name,
                    agency=target,
                    role="lead" if order == 0 else "support",
                    duties=f"Tổ chức tuyên truyền về {topic} trong đơn vị.",
                )
            )
    bulk(ContentItem, items, batch=5000)
    bulk(PlanChannel, channels, batch=5000)
    phases = bulk(Phase, phases, batch=5000)
    assignments = bulk(Assignment, assignments, batch=5000)
    phases_of: dict[int, list[Phase]] = {}
    for ph in phases:
        phases_of.setdefault(ph.plan_id, []).append(ph)
    assignments_of: dict[int, list[Assignment]] = {}
    for a in assignments:
        assignments_of.setdefault(a.plan_id, []).append(a)

    tasks = []
    for plan, (_agency, topic, year) in zip(plans, parts, strict=True):
        if plan.status == "draft":
            continue
        for a in assignments_of.get(plan.pk, []):
            for ph in phases_of[plan.pk]:
                tasks.append(
                    _task(world, rng, plan, a, ph, topic, ph.start, ph.end, f"a{a.pk}-p{ph.pk}")
                )
            if a.role == "lead":
                for month in range(2, 12):
                    start = dt.date(year, month, 1)
                    due = dt.date(year, month, 28)
                    tasks.append(
                        _task(
                            world,
                            rng,
                            plan,
                            a,
                            None,
                            topic,
                            start,
                            due,
                            f"a{a.pk}-m{month}",
                            verb="Đăng tin bài về",
                            kind="recurring",
                            channel="portal",
                        )
                    )
    done_tasks = []
    for batch in chunks(tasks, 5000):
        created = bulk(Task, list(batch), batch=5000)
        done_tasks += [t for t in created if t.status in ("done", "in_progress")]
    world.count("tasks", len(tasks))

    reports, activities, meetings = [], [], []
    for task in done_tasks:
        day = min(task.due_date - dt.timedelta(days=rng.randint(0, 10)), world.today)
        reports.append(
            ProgressReport(
                task=task,
                text="Đã triển khai thực hiện; kết quả như báo cáo kèm theo.",
                percent=task.percent,
                status="accepted" if task.status == "done" else "submitted",
            )
        )
        roll = rng.random()
        if roll < 0.55:
            title = f"{rng.choice(vocab.TASK_VERBS)} {rng.choice(vocab.TOPICS)}"
            activities.append(
                Activity(
                    date=day,
                    title=title,
                    search_text=fold(title),
                    plan_id=task.plan_id,
                    agency_id=task.agency_id,
                    fulfils=task,
                    channel=task.channel or "portal",
                    audience=rng.randint(20, 500),
                    description="Tổ chức theo kế hoạch.",
                )
            )
        elif roll < 0.8:
            kind = rng.choice(MEETING_KINDS)
            title = f"Hội nghị {rng.choice(vocab.TOPICS)} tháng {day.month}/{day.year}"
            meetings.append(
                Meeting(
                    date=day,
                    title=title,
                    search_text=fold(title),
                    plan_id=task.plan_id,
                    agency_id=task.agency_id,
                    fulfils=task,
                    kind=kind,
                    attendees=rng.randint(15, 120),
                    agenda="Quán triệt kế hoạch; trao đổi kinh nghiệm; phân công nhiệm vụ.",
                )
            )
    bulk(ProgressReport, reports, batch=5000)
    bulk(Activity, activities, batch=5000)
    bulk(Meeting, meetings, batch=5000)
    world.count("progress_reports", len(reports))
    world.count("activities", len(activities))
    world.count("meetings", len(meetings))


def _task(
    world,
    rng,
    plan,
    assignment,
    phase,
    topic,
    start,
    due,
    key,
    *,
    verb=None,
    kind="assignment",
    channel="",
) -> Task:
    title = f"{verb or rng.choice(vocab.TASK_VERBS)} {topic}"
    if due < world.today - dt.timedelta(days=15):
        status = "done" if rng.random() < 0.9 else rng.choice(("cancelled", "in_progress"))
    elif start <= world.today:
        status = rng.choice(("in_progress", "not_started", "done"))
    else:
        status = "not_started"
    percent = {"done": 100, "in_progress": rng.choice((20, 40, 60, 80))}.get(status, 0)
    return Task(
        plan=plan,
        agency_id=assignment.agency_id,
        role=assignment.role,
        kind=kind,
        title=title,
        description=assignment.duties,
        assignment=assignment,
        phase=phase,
        channel=channel,
        start_date=start,
        due_date=due,
        status=status,
        percent=percent,
        generation_key=key,
        cancel_reason="Gộp vào nhiệm vụ khác" if status == "cancelled" else "",
        search_text=fold(title),
    )
