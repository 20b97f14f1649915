"""Emulation movements of the province and of each department, year by year: participants,
the work they owe (registration, interim, final) in every state, and registrations of
individuals (the last three years) and units."""

from __future__ import annotations

import datetime as dt

from thidua.core.text import fold
from thidua.demo.province import vocab
from thidua.demo.province.common import World, aware, bulk
from thidua.movements.models import Duty, Movement, Participation, Registration

REGISTRATION_YEARS = 3
INDIVIDUAL_TITLES = (("LDTT", "Lao động tiên tiến", 80), ("CSTDCS", "Chiến sĩ thi đua cơ sở", 20))


def _movement(
    world: World,
    *,
    name: str,
    launcher,
    year: int,
    kind: str,
    scope: str,
    rng,
    end_year: int | None = None,
) -> Movement:
    start = dt.date(year, 1, 15)
    end = dt.date(end_year or year, 12, 15)
    closed = end < world.today
    slogan = rng.choice(vocab.SLOGANS)
    return Movement(
        name=name,
        slogan=slogan,
        kind=kind,
        scope=scope,
        launched_by=launcher,
        start_date=start,
        end_date=end,
        goals=f"Hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ năm {year}; "
        f"đẩy mạnh {rng.choice(vocab.TOPICS)}.",
        targets="100% cơ quan, đơn vị đăng ký thi đua; 70% cán bộ đạt Lao động tiên tiến.",
        criteria="Theo Luật Thi đua, khen thưởng năm 2022 và quy định của tỉnh.",
        asks_registration=True,
        participants_mode="all_under",
        participants_root=launcher,
        registration_due=dt.date(year, 3, 15),
        interim_due=dt.date(year, 6, 30),
        final_due=dt.date(end_year or year, 11, 30),
        phase=5 if closed else min(4, 1 + (world.today.month - 1) // 3),
        status="closed" if closed else "launched",
        results="Các cơ quan, đơn vị hoàn thành tốt nhiệm vụ." if closed else "",
        results_published=closed,
        is_public=True,
        launched_at=aware(start),
        created_by=world.admin,
        search_text=fold(f"{name} {slogan}"),
    )


def generate(world: World) -> None:
    rng = world.rng("movements")
    movements, participants = [], []
    live_depts = world.current_departments()
    for year in world.year_range:
        depts = [
            d
            for d in world.departments
            if (d.valid_to is None or d.valid_to.year >= year)
            and (d.valid_from is None or d.valid_from.year <= year)
        ]
        movements.append(
            _movement(
                world,
                name=f"Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm {year} "
                "của tỉnh An Giang",
                launcher=world.root,
                year=year,
                kind="regular",
                scope="province",
                rng=rng,
            )
        )
        participants.append(depts)
        if year % 2 == 0:
            topic = rng.choice(vocab.TOPICS)
            movements.append(
                _movement(
                    world,
                    name=f"Thi đua đẩy mạnh {topic} giai đoạn {year}–{year + 1}",
                    launcher=world.root,
                    year=year,
                    end_year=min(year + 1, world.today.year),
                    kind="thematic",
                    scope="province",
                    rng=rng,
                )
            )
            participants.append(depts)
        for dept in depts:
            units = [
                u
                for u in world.units
                if u.path.startswith(dept.path) and (u.valid_to is None or u.valid_to.year >= year)
            ]
            movements.append(
                _movement(
                    world,
                    name=f"Phong trào thi đua năm {year} của {dept.name}",
                    launcher=dept,
                    year=year,
                    kind="regular",
                    scope="agency",
                    rng=rng,
                )
            )
            participants.append(units)
    movements = bulk(Movement, movements)
    world.movements = movements
    rows, duties = [], []
    for movement, agencies in zip(movements, participants, strict=True):
        for agency in agencies:
            rows.append(
                Participation(movement=movement, agency=agency, joined_at=movement.launched_at)
            )
            for kind, due in (
                ("registration", movement.registration_due),
                ("interim", movement.interim_due),
                ("final", movement.final_due),
            ):
                if due is None:
                    continue
                if due < world.today - dt.timedelta(days=30):
                    status = "accepted" if rng.random() < 0.97 else "returned"
                elif due < world.today:
                    status = rng.choice(("waiting", "accepted", "not_sent", "returned"))
                else:
                    status = "not_sent"
                duties.append(
                    Duty(
                        movement=movement,
                        agency=agency,
                        kind=kind,
                        due_date=due,
                        status=status,
                        summary="Đã tổ chức thực hiện theo kế hoạch."
                        if status != "not_sent"
                        else "",
                        submitted_at=aware(due) if status != "not_sent" else None,
                        return_reason="Báo cáo chưa đủ số liệu" if status == "returned" else "",
                    )
                )
    bulk(Participation, rows, batch=5000)
    bulk(Duty, duties, batch=5000)
    world.count("movements", len(movements))
    world.count("duties", len(duties))

    # Registrations: the department's own movement, individuals and units, recent years.
    own = {(m.launched_by_id, m.start_date.year): m for m in movements if m.scope == "agency"}
    dept_of_unit = {}
    for d in live_depts:
        for u in world.units:
            if u.path.startswith(d.path):
                dept_of_unit[u.pk] = d.pk
    registrations = []
    recent = [y for y in world.year_range][-REGISTRATION_YEARS:]
    codes = [c for c, _n, _w in INDIVIDUAL_TITLES]
    weights = [w for _c, _n, w in INDIVIDUAL_TITLES]
    names = {c: n for c, n, _w in INDIVIDUAL_TITLES}
    for year in recent:
        for person in world.people_rows:
            if not person.is_active or rng.random() > 0.85:
                continue
            dept_pk = dept_of_unit.get(person.agency_id, person.agency_id)
            movement = own.get((dept_pk, year))
            if movement is None:
                continue
            code = rng.choices(codes, weights)[0]
            registrations.append(
                Registration(
                    movement=movement,
                    year=year,
                    subject="individual",
                    agency_id=person.agency_id,
                    person=person,
                    title_code=code,
                    title_name=names[code],
                    signed_name=person.full_name,
                )
            )
        for unit in world.live_units():
            movement = own.get((dept_of_unit.get(unit.pk), year))
            if movement is not None:
                registrations.append(
                    Registration(
                        movement=movement,
                        year=year,
                        subject="collective",
                        agency=unit,
                        title_code="TTLDTT",
                        title_name="Tập thể lao động tiên tiến",
                        covenant_text="Đơn vị đăng ký phấn đấu hoàn thành xuất sắc nhiệm vụ.",
                    )
                )
    bulk(Registration, registrations, batch=5000)
    world.count("registrations", len(registrations))
