"""Agencies (departments, divisions, units; the 2025 mergers with successors and end dates),
people with employment histories, accounts with roles, emulation blocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from thidua.core.text import fold, name_sort_key, slugify_vi
from thidua.demo.province import vocab
from thidua.demo.province.common import World, bulk, id_number, person_name
from thidua.org.models import Agency, Bloc, BlocMembership, BlocTerm, Employment, Person
from thidua.org.models.role import Role, RoleAssignment

UNUSABLE_PASSWORD = "!generated-province"  # noqa: S105  # "!" prefix: Django never accepts it as a password
STAFF_PER_DIVISION = 7
UNIT_SIZE = {"Trường": 55, "Bệnh viện": 90, "Trung tâm Y tế": 70}
DEFAULT_UNIT_SIZE = 22

BLOCS = (
    ("KHOI-KT", "Khối các sở quản lý kinh tế", ("STC", "SKHDT", "SCT", "SXD", "SGTVT", "BQLKKT")),
    ("KHOI-VHXH", "Khối các sở văn hóa – xã hội", ("SGDDT", "SYT", "SLDTBXH", "SVHTTDL", "SKHCN")),
    ("KHOI-TH", "Khối tổng hợp – nội chính", ("VPUBND", "SNV", "STP", "TTT", "BDT", "SDTTG")),
)


@dataclass
class Slot:
    """A post to fill: where the person works now, since when, and where before a merger."""

    agency: Agency
    position: str
    before: Agency | None = None  # the merged node the person worked in until the merger
    before_position: str = ""


def agency(code: str, name: str, kind: str, **fields: object) -> Agency:
    a = Agency(code=code, name=name, kind=kind, **fields)
    a.search_text = fold(" ".join([a.code, a.name, a.short_name, a.symbol]))
    return a


def set_paths(rows: list[Agency], parent: Agency | None) -> None:
    for row in rows:
        row.path = f"{parent.path if parent else '/'}{row.pk}/"
        row.depth = 0 if parent is None else parent.depth + 1


def generate(world: World) -> None:
    rng = world.rng("org")
    merged = world.today >= vocab.MERGE_DATE
    root = bulk(
        Agency,
        [
            agency(
                f"{vocab.CODE_PREFIX}",
                vocab.PROVINCE_NAME,
                Agency.Kind.PROVINCE,
                short_name=vocab.PROVINCE_SHORT,
                symbol="UBND",
                valid_from=dt.date(2025, 7, 1),
                address="Số 1 đường Trần Hưng Đạo, phường Rạch Giá, tỉnh An Giang",
                email=f"ubnd@{vocab.MAIL_DOMAIN}",
            )
        ],
    )[0]
    set_paths([root], None)
    Agency.objects.filter(pk=root.pk).update(path=root.path, depth=0)
    world.root = root

    specs = [d for d in vocab.DEPARTMENTS if merged or d.created_on is None]
    departments = bulk(
        Agency,
        [
            agency(
                f"{vocab.CODE_PREFIX}.{d.symbol}",
                d.name,
                Agency.Kind.DEPARTMENT,
                parent=root,
                short_name=d.name.replace("Sở ", "").strip(),
                symbol=f"S{d.symbol[1:]}" if d.symbol.startswith("S") else d.symbol,
                valid_from=d.created_on,
                valid_to=(vocab.MERGE_DATE - dt.timedelta(days=1))
                if merged and d.merged_into
                else None,
                address=f"Số {rng.randint(1, 300)} đường {rng.choice(vocab.STREETS)}, "
                f"phường {rng.choice(vocab.PLACES)}, tỉnh An Giang",
                phone=f"0297 38{rng.randint(10000, 99999)}",
                email=f"{d.symbol.lower()}@{vocab.MAIL_DOMAIN}",
            )
            for d in specs
        ],
    )
    set_paths(departments, root)
    by_symbol = {d.symbol: row for d, row in zip(specs, departments, strict=True)}
    if merged:
        for d in specs:
            if d.merged_into:
                by_symbol[d.symbol].successor_id = by_symbol[d.merged_into].pk
    Agency.objects.bulk_update(departments, ["path", "depth", "successor"])
    world.departments = departments

    # Headcount per department (merged ones: the staff who moved to their successor).
    headcounts = _headcounts(world.people, specs)
    slots: list[Slot] = []
    units: list[Agency] = []
    for d in specs:
        dept = by_symbol[d.symbol]
        headcount = headcounts[d.symbol]
        division_names = (*vocab.COMMON_DIVISIONS, *d.divisions)
        rows = [
            agency(
                f"{dept.code}.P{i + 1:02d}",
                name,
                Agency.Kind.DIVISION,
                parent=dept,
                short_name=name,
                valid_from=dept.valid_from,
                valid_to=dept.valid_to,
            )
            for i, name in enumerate(division_names)
        ]
        capacity = len(vocab.DEPARTMENT_BOARD) + len(rows) * STAFF_PER_DIVISION
        unit_rows: list[Agency] = []
        if d.unit_kinds and headcount > capacity:
            seen: dict[str, int] = {}
            left = headcount - capacity
            n = 0
            while left > 0:
                pattern = d.unit_kinds[n % len(d.unit_kinds)]
                place = vocab.PLACES[(n // len(d.unit_kinds)) % len(vocab.PLACES)]
                name = pattern.format(place=place, n=n + 1)
                seen[name] = seen.get(name, 0) + 1
                if seen[name] > 1:
                    name = f"{name} số {seen[name]}"
                size = next((s for k, s in UNIT_SIZE.items() if name.startswith(k)), None)
                size = size or DEFAULT_UNIT_SIZE
                unit_rows.append(
                    agency(
                        f"{dept.code}.U{n + 1:03d}",
                        name,
                        Agency.Kind.UNIT,
                        parent=dept,
                        short_name=name,
                        valid_from=dept.valid_from,
                        valid_to=dept.valid_to,
                        address=f"Đường {rng.choice(vocab.STREETS)}, {place}",
                    )
                )
                left -= size
                n += 1
        children = bulk(Agency, rows + unit_rows)
        set_paths(children, dept)
        units.extend(children)
        world.office_of[dept.pk] = children[0]
        slots.extend(_slots_for(rng, dept, children, headcount))
    world.units = units

    # Merged divisions point to their successor's division of the same name (else its Office);
    # units of a merged department carry on under the same name at the successor.
    if merged:
        _link_successors(world, units, by_symbol, specs)
    Agency.objects.bulk_update(units, ["parent", "path", "depth", "successor", "valid_to"])
    by_pk = {a.pk: a for a in [*departments, *units]}
    for slot in slots:
        if slot.agency.successor_id is not None:
            slot.before, slot.before_position = slot.agency, slot.position
            slot.agency = by_pk[slot.agency.successor_id]
            slot.position = slot.position.replace("Trưởng phòng", "Phó Trưởng phòng").replace(
                "Phó Phó", "Phó"
            )
            if slot.position == "Giám đốc":
                slot.position = "Phó Giám đốc"
    _people(world, rng, slots[: world.people])
    _accounts(world)
    _blocs(world, by_symbol)
    world.count("agencies", 1 + len(departments) + len(units))


def _headcounts(people: int, specs) -> dict[str, int]:
    """Staff per department by weight, at least its board, adding up to ``people`` (largest
    remainders get the people left over)."""
    total = sum(d.weight for d in specs)
    exact = {d.symbol: people * d.weight / total for d in specs}
    counts = {k: max(len(vocab.DEPARTMENT_BOARD), int(v)) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - int(exact[k]), reverse=True):
        if sum(counts.values()) >= people:
            break
        counts[k] += 1
    return counts


def _slots_for(rng, dept: Agency, children: list[Agency], headcount: int) -> list[Slot]:
    slots = [Slot(dept, p) for p in vocab.DEPARTMENT_BOARD]
    divisions = [c for c in children if c.kind == Agency.Kind.DIVISION]
    unit_nodes = [c for c in children if c.kind == Agency.Kind.UNIT]
    for div in divisions:
        slots += [Slot(div, p) for p in vocab.DIVISION_POSITIONS]
    for unit in unit_nodes:
        slots += [Slot(unit, p) for p in vocab.UNIT_POSITIONS]
    i = 0
    while len(slots) < headcount:
        if unit_nodes and i % 5:
            node = unit_nodes[i % len(unit_nodes)]
            pool = (
                vocab.SCHOOL_STAFF
                if node.name.startswith(("Trường", "Trung tâm Giáo dục"))
                else vocab.HOSPITAL_STAFF
                if node.name.startswith(("Bệnh viện", "Trung tâm Y tế"))
                else vocab.STAFF_POSITIONS
            )
        else:
            node = divisions[i % len(divisions)]
            pool = vocab.STAFF_POSITIONS
        slots.append(Slot(node, rng.choice(pool)))
        i += 1
    return slots[:headcount]  # the board and unit heads first


def _link_successors(world, units, by_symbol, specs) -> None:
    children_of: dict[int, list[Agency]] = {}
    for u in units:
        children_of.setdefault(int(u.path.strip("/").split("/")[-2]), []).append(u)
    for d in specs:
        if not d.merged_into:
            continue
        into = by_symbol[d.merged_into]
        targets = {u.name: u for u in children_of.get(into.pk, [])}
        for u in children_of.get(by_symbol[d.symbol].pk, []):
            if u.kind == Agency.Kind.UNIT:
                # Transferred whole: same unit, new parent.
                u.valid_to = None
                u.parent = into
                u.path = f"{into.path}{u.pk}/"
                continue
            u.successor_id = targets.get(u.name, world.office_of[into.pk]).pk


def _people(world: World, rng, slots: list[Slot]) -> None:
    today = world.today
    people, histories = [], []
    for serial, slot in enumerate(slots, start=1):
        full_name, gender = person_name(rng)
        born = dt.date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28))
        hired = dt.date(max(born.year + 22, today.year - rng.randint(0, 25)), rng.randint(1, 12), 1)
        hired = min(hired, today)
        if slot.before is not None and hired >= vocab.MERGE_DATE:
            hired = vocab.MERGE_DATE - dt.timedelta(days=rng.randint(200, 4000))
        if slot.agency.valid_from and hired < slot.agency.valid_from and slot.before is None:
            hired = slot.agency.valid_from
        person = Person(
            full_name=full_name,
            gender=gender,
            date_of_birth=born,
            id_number=id_number(rng, serial, born, gender) if rng.random() < 0.9 else None,
            position=slot.position,
            agency=slot.agency,
            email=f"{slugify_vi(full_name).replace('-', '')}{serial}@{vocab.MAIL_DOMAIN}",
            phone=f"09{rng.randint(10_000_000, 99_999_999)}",
            is_active=rng.random() > 0.02,
        )
        person.sort_name = name_sort_key(full_name)
        person.search_text = fold(
            " ".join([person.full_name, person.position, person.email, person.id_number or ""])
        )
        people.append(person)
        histories.append((slot, hired))
    people = bulk(Person, people)
    employments = []
    for person, (slot, hired) in zip(people, histories, strict=True):
        if slot.before is not None:
            employments.append(
                Employment(
                    person=person,
                    agency=slot.before,
                    position=slot.before_position,
                    start_date=hired,
                    end_date=vocab.MERGE_DATE - dt.timedelta(days=1),
                )
            )
            employments.append(
                Employment(
                    person=person,
                    agency=slot.agency,
                    position=slot.position,
                    start_date=vocab.MERGE_DATE,
                    note="Theo quyết định sắp xếp, hợp nhất cơ quan năm 2025",
                )
            )
            continue
        if hired.year < world.today.year - 4 and rng.random() < 0.25:
            # Transferred once from another unit of the province.
            moved = dt.date(rng.randint(hired.year + 1, world.today.year - 1), 1, 1)
            other = world.units[rng.randrange(len(world.units))]
            employments.append(
                Employment(
                    person=person,
                    agency=other,
                    position="Chuyên viên",
                    start_date=hired,
                    end_date=moved - dt.timedelta(days=1),
                )
            )
            hired = moved
        employments.append(
            Employment(
                person=person,
                agency=slot.agency,
                position=slot.position,
                start_date=hired,
                end_date=None if person.is_active else world.today - dt.timedelta(days=30),
            )
        )
    bulk(Employment, employments)
    world.people_rows = people
    world.count("people", len(people))
    world.count("employments", len(employments))


def _accounts(world: World) -> None:
    """Accounts of the province admin and of each live department's Office, leadership,
    editor and council secretary, and of each live division's head; linked to their person.
    No account has a usable password (set one with ``manage.py changepassword``)."""
    User = get_user_model()
    holders: dict[int, list[Person]] = {}
    for p in world.people_rows:
        holders.setdefault(p.agency_id, []).append(p)
    wanted: list[tuple[str, Role, Agency, Person | None]] = [
        ("gp.quantri", Role.PROVINCE_ADMIN, world.root, None)
    ]
    for dept in world.current_departments():
        sym = dept.code.rsplit(".", 1)[-1].lower()
        office = world.office_of[dept.pk]
        board = holders.get(dept.pk, [None])
        office_people = holders.get(office.pk, [None])
        wanted += [
            (f"gp.{sym}.vanphong", Role.OFFICE, dept, office_people[0]),
            (f"gp.{sym}.giamdoc", Role.LEADERSHIP, dept, board[0]),
            (f"gp.{sym}.bientap", Role.EDITOR, dept, office_people[-1]),
            (f"gp.{sym}.thuky", Role.COUNCIL_SECRETARY, dept, None),
            (f"gp.{sym}.hoidong", Role.COUNCIL_MEMBER, dept, board[-1]),
        ]
    for unit in world.live_units():
        staff = holders.get(unit.pk)
        if unit.kind == Agency.Kind.DIVISION and staff:
            wanted.append((f"gp.{unit.code.lower()}", Role.UNIT_HEAD, unit, staff[0]))
    users = []
    taken: set[int] = set()
    for username, _role, _agency, person in wanted:
        if person is not None and person.pk in taken:
            person = None
        family, _, given = person.full_name.rpartition(" ") if person else ("", "", username)
        users.append(
            User(
                username=username,
                email=f"{username}@{vocab.MAIL_DOMAIN}",
                password=UNUSABLE_PASSWORD,
                first_name=family,
                last_name=given,
            )
        )
        if person is not None:
            taken.add(person.pk)
    users = bulk(User, users)
    roles, linked = [], []
    for user, (username, role, where, person) in zip(users, wanted, strict=True):
        world.users[username] = user
        roles.append(RoleAssignment(user=user, agency=where, role=role))
        if role == Role.OFFICE:
            world.office_users[where.pk] = user
        if person is not None and person.user_id is None and person.pk in taken:
            person.user = user
            linked.append(person)
    bulk(RoleAssignment, roles)
    Person.objects.bulk_update(linked, ["user"], batch_size=1000)
    world.admin = world.users["gp.quantri"]
    world.count("users", len(users))


def _blocs(world: World, by_symbol: dict[str, Agency]) -> None:
    blocs = bulk(
        Bloc,
        [
            Bloc(code=f"{vocab.CODE_PREFIX}-{code}", name=name, search_text=fold(f"{code} {name}"))
            for code, name, _members in BLOCS
        ],
    )
    memberships, terms = [], []
    for bloc, (_code, _name, members) in zip(blocs, BLOCS, strict=True):
        rows = [by_symbol[s] for s in members if s in by_symbol]
        for a in rows:
            memberships.append(
                BlocMembership(
                    bloc=bloc,
                    agency=a,
                    since_year=world.first_year,
                    until_year=(a.valid_to.year if a.valid_to else None),
                )
            )
        for i, year in enumerate(world.year_range):
            active = [
                a
                for a in rows
                if (a.valid_to is None or a.valid_to.year >= year)
                and (a.valid_from is None or a.valid_from.year <= year)
            ]
            if len(active) >= 2:
                leader = active[i % len(active)]
                deputy = active[(i + 1) % len(active)]
                terms.append(BlocTerm(bloc=bloc, year=year, leader=leader, deputy=deputy))
    bulk(BlocMembership, memberships)
    bulk(BlocTerm, terms)
    world.count("blocs", len(blocs))
