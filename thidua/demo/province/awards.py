"""The award ledger over the years: yearly ratings, initiatives, award decisions with their
register numbers, awardees and ledger entries, dossiers (issued ones and this year's in every
state), councils with closed sessions."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from thidua.awards.models import (
    Achievement,
    AgendaItem,
    Awardee,
    AwardEntry,
    BaseSalary,
    Council,
    CouncilMember,
    Decision,
    Discipline,
    Proposal,
    ProposalStatus,
    ProposalStep,
    Session,
    Title,
    YearRating,
)
from thidua.core.text import fold
from thidua.demo.province import vocab
from thidua.demo.province.common import World, aware, bulk, chunks
from thidua.documents.models import OutgoingNumber, RegisterCounter
from thidua.org.models import Agency

RATINGS = (("excellent", 15), ("good", 68), ("complete", 15), ("incomplete", 2))
OPEN_STATES = (
    ProposalStatus.DRAFT,
    ProposalStatus.SUBMITTED,
    ProposalStatus.CHECKED,
    ProposalStatus.PUBLICISED,
    ProposalStatus.AT_COUNCIL,
    ProposalStatus.RETURNED,
    ProposalStatus.DECIDED,
)


def generate(world: World) -> None:
    rng = world.rng("awards")
    world.titles = {t.code: t for t in Title.objects.all()}
    salaries = sorted(BaseSalary.objects.values_list("valid_from", "amount"))

    def base_salary(day: dt.date) -> int:
        found = [amount for since, amount in salaries if since <= day]
        return found[-1] if found else 1_490_000

    # Where each person worked each year (the employment in force on 1 July).
    spans: dict[int, list[tuple[dt.date, dt.date | None, int]]] = {}
    from thidua.org.models import Employment

    for pid, start, end, agency_id in Employment.objects.filter(
        person__in=[p.pk for p in world.people_rows]
    ).values_list("person_id", "start_date", "end_date", "agency_id"):
        spans.setdefault(pid, []).append((start, end, agency_id))
    dept_of = _department_of(world)

    ratings: list[YearRating] = []
    wins: list[tuple[int, str, int, int]] = []  # (year, title code, person pk, agency pk)
    streak: dict[int, int] = {}
    done_years = [y for y in world.year_range if y < world.today.year]
    for person in world.people_rows:
        for year in done_years:
            mid = dt.date(year, 7, 1)
            where = next(
                (a for s, e, a in spans.get(person.pk, []) if s <= mid and (e is None or e >= mid)),
                None,
            )
            if where is None:
                streak[person.pk] = 0
                continue
            rating = rng.choices([r for r, _w in RATINGS], [w for _r, w in RATINGS])[0]
            ratings.append(
                YearRating(
                    person=person,
                    agency_at_time_id=where,
                    year=year,
                    rating=rating,
                    source="decision",
                )
            )
            if rating in ("excellent", "good") and rng.random() < 0.92:
                wins.append((year, "LDTT", person.pk, where))
                if rating == "excellent" and rng.random() < 0.55:
                    wins.append((year, "CSTDCS", person.pk, where))
                    streak[person.pk] = streak.get(person.pk, 0) + 1
                    if streak[person.pk] >= 2 and rng.random() < 0.35:
                        wins.append((year, "BK_TINH", person.pk, where))
                    if streak[person.pk] >= 3 and rng.random() < 0.2:
                        wins.append((year, "CSTD_TINH", person.pk, where))
                else:
                    streak[person.pk] = 0
            if rng.random() < 0.04:
                wins.append((year, "GIAY_KHEN", person.pk, where))
    bulk(YearRating, ratings, batch=5000)
    world.count("year_ratings", len(ratings))

    collective: list[tuple[int, str, int, int]] = []
    unit_ratings = []
    for unit in world.units:
        for year in done_years:
            if unit.valid_to and unit.valid_to.year < year:
                continue
            if unit.valid_from and unit.valid_from.year > year:
                continue
            roll = rng.random()
            unit_ratings.append(
                YearRating(
                    agency=unit,
                    agency_at_time=unit,
                    year=year,
                    rating="excellent" if roll < 0.2 else "good",
                    source="decision",
                )
            )
            collective.append((year, "TTLDTT", 0, unit.pk))
            if roll < 0.15:
                collective.append((year, "TTLDXS", 0, unit.pk))
    bulk(YearRating, unit_ratings, batch=5000)
    world.count("year_ratings", len(unit_ratings))

    achievements = [
        Achievement(
            person_id=pid,
            agency_at_time_id=aid,
            year=year,
            kind="initiative",
            name=f"Sáng kiến {rng.choice(vocab.TOPICS)} tại đơn vị",
            effect_level="province" if code == "CSTD_TINH" else "agency",
            recognised_by="Hội đồng sáng kiến cơ sở",
            applied=True,
            source="decision",
        )
        for year, code, pid, aid in wins
        if code in ("CSTDCS", "CSTD_TINH")
    ]
    bulk(Achievement, achievements, batch=5000)
    world.count("achievements", len(achievements))
    disciplines = [
        Discipline(
            person=p,
            agency_at_time=p.agency,
            kind="discipline",
            form="Khiển trách",
            start_date=dt.date(y, 5, 1),
            end_date=dt.date(y + 1, 4, 30),
            reference=f"{rng.randint(1, 300)}/QĐ-KL",
            source="manual",
        )
        for p in world.people_rows
        if rng.random() < 0.003
        for y in [rng.choice(done_years or [world.today.year])]
    ]
    bulk(Discipline, disciplines)

    _decisions(world, rng, wins + collective, dept_of, base_salary)
    _open_proposals(world, rng, dept_of)
    _councils(world, rng)


def _department_of(world: World) -> dict[int, Agency]:
    by_pk = {d.pk: d for d in world.departments}
    found = {d.pk: d for d in world.departments}
    for unit in world.units:
        parts = [int(x) for x in unit.path.strip("/").split("/")]
        found[unit.pk] = by_pk.get(parts[1], world.departments[0])
    return found


def _decisions(world, rng, wins, dept_of, base_salary) -> None:
    """One decision per (issuer, year, title): departments decide LĐTT, CSTĐCS, Giấy khen and
    the collective titles; the province decides Bằng khen and CSTĐ cấp tỉnh."""
    provincial = {"BK_TINH", "CSTD_TINH", "TTLDXS"}
    groups: dict[tuple[int, int, str], list[tuple[int, int]]] = {}
    for year, code, pid, aid in wins:
        dept = dept_of.get(aid, world.departments[0])
        issuer = world.root if code in provincial else dept
        if issuer.successor_id and year >= vocab.MERGE_DATE.year:
            issuer = next(d for d in world.departments if d.pk == issuer.successor_id)
        groups.setdefault((issuer.pk, year, code), []).append((pid, aid))
    agencies = {a.pk: a for a in [world.root, *world.departments, *world.units]}
    names = {p.pk: p.full_name for p in world.people_rows}
    numbers, decisions, keys = [], [], []
    counters: dict[tuple[int, int], int] = {}
    for (issuer_pk, year, code), _rows in sorted(groups.items()):
        issuer = agencies[issuer_pk]
        title = world.titles[code]
        n = counters[(issuer_pk, year + 1)] = counters.get((issuer_pk, year + 1), 0) + 1
        n += rng.randint(0, 3)
        counters[(issuer_pk, year + 1)] = n
        date = dt.date(year + 1, 1, 10) + dt.timedelta(days=rng.randint(0, 40))
        symbol = f"{n:02d}/QĐ-{issuer.symbol or 'UBND'}"
        summary = f"Quyết định về việc tặng danh hiệu {title.name} năm {year}"
        if date > world.today:
            continue
        numbers.append(
            OutgoingNumber(
                agency=issuer,
                type_abbr="QĐ",
                year=date.year,
                number=n,
                symbol=symbol,
                date=date,
                summary=summary,
                created_by=world.admin,
            )
        )
        decisions.append(
            Decision(
                agency=issuer,
                summary=summary,
                year=year,
                status="issued",
                date=date,
                symbol=symbol,
                signer_authority="KT" if issuer.kind != "province" else "TM",
                signer_position="Phó Giám đốc" if issuer.kind != "province" else "Chủ tịch",
                signer_name="Nguyễn Văn Thành",
                base_salary=base_salary(date),
                issued_at=aware(date),
                search_text=fold(f"{symbol} {summary}"),
            )
        )
        keys.append((issuer_pk, year, code))
    numbers = bulk(OutgoingNumber, numbers)
    for decision, number in zip(decisions, numbers, strict=True):
        decision.number = number
    decisions = bulk(Decision, decisions)
    bulk(
        RegisterCounter,
        [
            RegisterCounter(agency_id=pk, type_abbr="QĐ", year=year, last_number=n)
            for (pk, year), n in sorted(counters.items())
            if year <= world.today.year
        ],
    )
    world.count("decisions", len(decisions))

    proposals, entries, awardees = [], [], []
    for decision, key in zip(decisions, keys, strict=True):
        _issuer, year, code = key
        title = world.titles[code]
        coefficient = Decimal(str(title.money_coefficient or 0))
        amount = _round_up(coefficient * decision.base_salary)
        for position, (pid, aid) in enumerate(groups[key], start=1):
            person_id = pid or None
            agency_id = None if pid else aid
            entries.append(
                AwardEntry(
                    person_id=person_id,
                    agency_id=agency_id,
                    agency_at_time_id=aid,
                    title=title,
                    year=year,
                    decision_number=decision.symbol,
                    decision_date=decision.date,
                    issuer_name=agencies[decision.agency_id].name,
                    source="decision",
                )
            )
            awardees.append(
                Awardee(
                    decision=decision,
                    position=position,
                    title=title,
                    person_id=person_id,
                    agency_id=agency_id,
                    name=names.get(pid, "") if pid else agencies[aid].name,
                    unit_name=agencies[aid].name,
                    coefficient=coefficient,
                    amount=amount,
                )
            )
            if code in ("CSTDCS", "BK_TINH", "CSTD_TINH"):
                proposals.append(
                    Proposal(
                        title=title,
                        person_id=person_id,
                        year=year,
                        proposing_agency_id=aid,
                        achievements="Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được công nhận.",
                        status=ProposalStatus.ISSUED,
                        eligible=True,
                        search_text=fold(
                            f"{names.get(pid, '')} {title.name} {title.short_name} {year} "
                            f"{agencies[aid].name}"
                        ),
                    )
                )
    for batch_entries, batch_awardees in zip(
        chunks(entries, 5000), chunks(awardees, 5000), strict=True
    ):
        created = bulk(AwardEntry, list(batch_entries), batch=5000)
        for awardee, entry in zip(batch_awardees, created, strict=True):
            awardee.ledger_entry = entry
        bulk(Awardee, list(batch_awardees), batch=5000)
    bulk(Proposal, proposals, batch=5000)
    world.count("award_entries", len(entries))
    world.count("proposals", len(proposals))


def _round_up(value: Decimal) -> int:
    return int(math.ceil(value / 10_000) * 10_000)


def _open_proposals(world, rng, dept_of) -> None:
    """This year's dossiers, in every state of the workflow, with their steps."""
    year = world.today.year
    codes = ("CSTDCS", "BK_TINH", "GIAY_KHEN", "LDTT")
    active = [p for p in world.people_rows if p.is_active]
    chosen = rng.sample(active, k=max(10, len(active) // 25)) if active else []
    proposals, states = [], []
    for i, person in enumerate(chosen):
        title = world.titles[rng.choice(codes)]
        # Every state at least once, then at random.
        status = OPEN_STATES[i] if i < len(OPEN_STATES) else rng.choice(OPEN_STATES)
        proposals.append(
            Proposal(
                title=title,
                person=person,
                year=year,
                proposing_agency_id=person.agency_id,
                achievements="Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia phong "
                f"trào thi đua về {rng.choice(vocab.TOPICS)}.",
                status=status,
                return_reason="Thiếu biên bản bình xét" if status == "returned" else "",
                returned_from="checked" if status == "returned" else "",
                due_date=world.today + dt.timedelta(days=rng.randint(-10, 30)),
                search_text=fold(f"{person.full_name} {title.name} {title.short_name} {year}"),
            )
        )
        states.append(status)
    proposals = bulk(Proposal, proposals)
    path = [s for s in OPEN_STATES if s not in (ProposalStatus.RETURNED, ProposalStatus.DRAFT)]
    steps = []
    for proposal, status in zip(proposals, states, strict=True):
        if status == ProposalStatus.DRAFT:
            continue
        reached = (
            ["submitted", "returned"] if status == "returned" else path[: path.index(status) + 1]
        )
        previous = "draft"
        for i, state in enumerate(reached):
            steps.append(
                ProposalStep(
                    proposal=proposal,
                    from_status=previous,
                    to_status=state,
                    actor=world.office_users.get(dept_of[proposal.proposing_agency_id].pk),
                    note="",
                    at=aware(world.today - dt.timedelta(days=20 - i)),
                )
            )
            previous = state
    bulk(ProposalStep, steps)
    world.count("proposals", len(proposals))


def _councils(world, rng) -> None:
    councils, members = [], []
    depts = world.current_departments()
    for dept in depts:
        name = f"Hội đồng Thi đua – Khen thưởng {dept.name}"
        councils.append(
            Council(
                agency=dept,
                name=name,
                term_start=dt.date(world.first_year, 1, 1),
                search_text=fold(name),
            )
        )
    councils = bulk(Council, councils)
    sessions = []
    for council, dept in zip(councils, depts, strict=True):
        sym = dept.code.rsplit(".", 1)[-1].lower()
        for suffix, position in (
            ("giamdoc", "chair"),
            ("hoidong", "member"),
            ("thuky", "secretary"),
        ):
            user = world.users.get(f"gp.{sym}.{suffix}")
            if user is not None:
                members.append(
                    CouncilMember(
                        council=council,
                        user=user,
                        position=position,
                        display_name=f"{user.first_name} {user.last_name}".strip(),
                    )
                )
        for year in world.year_range:
            if year >= world.today.year:
                continue
            name = f"Phiên họp xét khen thưởng năm {year}"
            day = dt.date(year, 12, 20)
            sessions.append(
                Session(
                    council=council,
                    name=name,
                    year=year,
                    date=day,
                    place=f"Hội trường {dept.name}",
                    status="closed",
                    opened_at=aware(day, 8),
                    closed_at=aware(day, 11),
                    search_text=fold(name),
                )
            )
    bulk(CouncilMember, members)
    sessions = bulk(Session, sessions)
    items = []
    for session in sessions:
        for position in range(1, 4):
            approve = rng.randint(2, 3)
            items.append(
                AgendaItem(
                    session=session,
                    position=position,
                    kind="proposal",
                    title=world.titles["CSTDCS"],
                    label=f"Đề nghị công nhận Chiến sĩ thi đua cơ sở, hồ sơ số {position}",
                    quorum_percent=50,
                    threshold_percent=50,
                    outcome="passed" if approve >= 2 else "failed",
                    approve_count=approve,
                    reject_count=3 - approve,
                    blank_count=0,
                    base_count=3,
                )
            )
    bulk(AgendaItem, items)
    world.count("council_sessions", len(sessions))
