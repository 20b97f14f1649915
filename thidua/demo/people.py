"""Deterministic staff of the demo province: the same names, dates and numbers on every run.

Pure Python (no database): ``demo_people()`` returns one PersonSpec per position listed in the
agency specs, the account holders in their own posts and generated people in the others.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from thidua.core.text import fold
from thidua.demo.data import names
from thidua.demo.data.accounts import ACCOUNTS, Account
from thidua.demo.data.agencies import MAIL_DOMAIN, AgencySpec, all_specs, department_of

SEED = 20250301  # the day Sở TT&TT merged into Sở KH&CN
LAST_HIRE = dt.date(2024, 12, 31)  # everyone was in post before the 2025 merger

# Posts held by leaders are filled by older people; clerical posts by any age.
_SENIOR = ("Giám đốc", "Chánh ", "Trưởng", "Chi cục trưởng")
_DEPUTY = ("Phó ",)
_MOBILE_PREFIXES = ("086", "088", "089", "090", "091", "093", "094", "096", "097", "098")


@dataclass(frozen=True)
class PersonSpec:
    email: str  # unique: the loader's key for "already created"
    full_name: str
    gender: str
    date_of_birth: dt.date
    id_number: str | None
    position: str
    agency: str  # agency code
    since: dt.date
    phone: str
    username: str = ""


class _Generator:
    def __init__(self, seed: int = SEED) -> None:
        # Reproducible demo data, not secrets: the same seed gives the same people every run.
        self.rng = random.Random(seed)  # noqa: S311
        self.ids: set[str] = set()
        self.emails: set[str] = set()
        # Generated people never share a name with an account holder: the demo reads better.
        self.taken_names = {a.full_name for a in ACCOUNTS}

    def name(self, gender: str) -> str:
        while True:
            full_name = self._any_name(gender)
            if full_name not in self.taken_names:
                return full_name

    def _any_name(self, gender: str) -> str:
        family = self.rng.choices(
            [n for n, _w in names.FAMILY_NAMES], [w for _n, w in names.FAMILY_NAMES]
        )[0]
        if gender == "female":
            middle, given = names.MIDDLE_FEMALE, names.GIVEN_FEMALE
        else:
            middle, given = names.MIDDLE_MALE, names.GIVEN_MALE
        return f"{family} {self.rng.choice(middle)} {self.rng.choice(given)}"

    def birth_date(self, position: str) -> dt.date:
        if position.startswith(_DEPUTY):
            first, last = 1970, 1988
        elif any(marker in position for marker in _SENIOR):
            first, last = 1966, 1982
        else:
            first, last = 1972, 2000
        start = dt.date(first, 1, 1)
        span = (dt.date(last, 12, 31) - start).days
        return start + dt.timedelta(days=self.rng.randrange(span + 1))

    def id_number(self, gender: str, born: dt.date, always: bool = False) -> str | None:
        """12 digits: province of registration, century and gender, year of birth, serial."""
        if not always and self.rng.random() >= names.ID_NUMBER_SHARE:
            return None
        codes = names.ID_PROVINCE_CODES
        province = self.rng.choices([c for c, _w in codes], [w for _c, w in codes])[0]
        century_gender = (0 if born.year < 2000 else 2) + (1 if gender == "female" else 0)
        while True:
            serial = self.rng.randrange(10**6)
            value = f"{province}{century_gender}{born.year % 100:02d}{serial:06d}"
            if value not in self.ids:
                self.ids.add(value)
                return value

    def email(self, full_name: str, agency_code: str) -> str:
        """Official addresses: initials of the family and middle names, then the given name."""
        parts = fold(full_name).split()
        local = "".join(p[0] for p in parts[:-1]) + parts[-1]
        domain_part = department_of(agency_code).lower()
        candidate, n = f"{local}.{domain_part}", 1
        while f"{candidate}@{MAIL_DOMAIN}" in self.emails:
            n += 1
            candidate = f"{local}{n}.{domain_part}"
        address = f"{candidate}@{MAIL_DOMAIN}"
        self.emails.add(address)
        return address

    def phone(self) -> str:
        digits = f"{self.rng.randrange(10**7):07d}"
        return f"{self.rng.choice(_MOBILE_PREFIXES)}{digits[0]} {digits[1:4]} {digits[4:]}"

    def since(self, born: dt.date) -> dt.date:
        first = max(dt.date(born.year + 23, 1, 1), dt.date(1995, 1, 1))
        first = min(first, LAST_HIRE - dt.timedelta(days=365))
        return first + dt.timedelta(days=self.rng.randrange((LAST_HIRE - first).days))

    def gender_for(self, position: str) -> str:
        if position == "Nhân viên lái xe":
            return "male"
        return "female" if self.rng.random() < 0.5 else "male"


def _slots(spec: AgencySpec) -> Iterator[str]:
    for position, count in spec.staffing:
        yield from [position] * count


def _account_person(gen: _Generator, account: Account) -> PersonSpec:
    return PersonSpec(
        email=gen.email(account.full_name, account.agency),
        full_name=account.full_name,
        gender=account.gender,
        date_of_birth=account.date_of_birth,
        id_number=gen.id_number(account.gender, account.date_of_birth, always=True),
        position=account.position,
        agency=account.agency,
        since=gen.since(account.date_of_birth),
        phone=gen.phone(),
        username=account.username,
    )


def _generated_person(gen: _Generator, position: str, agency_code: str) -> PersonSpec:
    gender = gen.gender_for(position)
    full_name = gen.name(gender)
    born = gen.birth_date(position)
    return PersonSpec(
        email=gen.email(full_name, agency_code),
        full_name=full_name,
        gender=gender,
        date_of_birth=born,
        id_number=gen.id_number(gender, born),
        position=position,
        agency=agency_code,
        since=gen.since(born),
        phone=gen.phone(),
    )


def demo_people(seed: int = SEED) -> list[PersonSpec]:
    """Everyone in the demo province, unit by unit, in order of rank within each unit."""
    gen = _Generator(seed)
    waiting = list(ACCOUNTS)
    people: list[PersonSpec] = []
    for spec in all_specs():
        for position in _slots(spec):
            holder = next(
                (a for a in waiting if a.agency == spec.code and a.position == position), None
            )
            if holder is not None:
                waiting.remove(holder)
                people.append(_account_person(gen, holder))
            else:
                people.append(_generated_person(gen, position, spec.code))
    if waiting:
        # A typo in accounts.py must fail loudly, not silently drop a demo account.
        raise ValueError(f"Accounts without a post in agencies.py: {[a.username for a in waiting]}")
    return people
