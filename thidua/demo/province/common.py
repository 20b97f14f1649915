"""What every area of the generator shares: the world being built, seeded random streams,
batched inserts, Vietnamese names.

Determinism: each area draws from its own ``random.Random`` seeded with the seed and the area's
name, and rows are inserted in a fixed order, so the same seed, sizes and reference date give
the same rows (compared by natural keys in ``digest``; database ids and ``auto_now`` stamps
may differ between databases).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils import timezone

from thidua.demo.data import names
from thidua.demo.province.vocab import QUARTERS

BATCH = 2000


@dataclass
class World:
    """The province being generated and what its areas need from each other."""

    seed: int
    people: int
    years: int
    today: dt.date
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    # Filled by the areas, in order (org first).
    root: Any = None
    departments: list[Any] = field(default_factory=list)  # current and merged
    units: list[Any] = field(default_factory=list)  # divisions and units, every one
    office_of: dict[int, Any] = field(default_factory=dict)  # department id -> its Văn phòng
    people_rows: list[Any] = field(default_factory=list)
    users: dict[str, Any] = field(default_factory=dict)  # username -> user
    office_users: dict[int, Any] = field(default_factory=dict)  # department id -> office user
    admin: Any = None
    titles: dict[str, Any] = field(default_factory=dict)
    plans: list[Any] = field(default_factory=list)
    exemplars: list[Any] = field(default_factory=list)
    movements: list[Any] = field(default_factory=list)

    @property
    def first_year(self) -> int:
        return self.today.year - self.years + 1

    @property
    def year_range(self) -> range:
        return range(self.first_year, self.today.year + 1)

    def rng(self, area: str) -> random.Random:
        """A random stream of its own per area: adding draws to one area changes no other."""
        return random.Random(f"{self.seed}/{area}")  # noqa: S311 (test data, not secrets)

    def count(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def current_departments(self) -> list[Any]:
        return [d for d in self.departments if d.successor_id is None]

    def live_units(self) -> list[Any]:
        return [u for u in self.units if u.successor_id is None]


def bulk(model: type[Model], objs: Sequence[Model], *, batch: int = BATCH) -> list[Any]:
    """Insert rows in batches, without save(), signals or index tasks; returns them with pks."""
    if not objs:
        return []
    created = model._default_manager.bulk_create(objs, batch_size=batch)
    return list(created)


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment of a day in the project's time zone."""
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


def day_in(rng: random.Random, year: int, *, start_month: int = 1, end_month: int = 12) -> dt.date:
    start = dt.date(year, start_month, 1)
    end = dt.date(year, end_month, 28)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def clamp(day: dt.date, limit: dt.date) -> dt.date:
    return min(day, limit)


def person_name(rng: random.Random) -> tuple[str, str]:
    """A Vietnamese full name and the gender its middle name suggests."""
    families = [n for n, _w in names.FAMILY_NAMES]
    weights = [w for _n, w in names.FAMILY_NAMES]
    family = rng.choices(families, weights)[0]
    if rng.random() < 0.5:
        return f"{family} {rng.choice(names.MIDDLE_MALE)} {rng.choice(names.GIVEN_MALE)}", "male"
    return (
        f"{family} {rng.choice(names.MIDDLE_FEMALE)} {rng.choice(names.GIVEN_FEMALE)}",
        "female",
    )


def id_number(rng: random.Random, serial: int, born: dt.date, gender: str) -> str:
    """A 12-digit citizen ID: province code, century-and-gender digit, year, serial (unique)."""
    codes = [c for c, _w in names.ID_PROVINCE_CODES]
    weights = [w for _c, w in names.ID_PROVINCE_CODES]
    province = rng.choices(codes, weights)[0]
    century = (0 if born.year < 2000 else 2) + (1 if gender == "female" else 0)
    return f"{province}{century}{born.year % 100:02d}{serial:06d}"


def period(rng: random.Random, day: dt.date) -> str:
    """The period a document or an article of ``day`` speaks of, as Vietnamese writes it:
    "năm 2024", "quý III năm 2024", "tháng 5 năm 2024", "6 tháng đầu năm 2024", "giai đoạn
    2021–2025" (the five-year term that holds the year)."""
    year = day.year
    roll = rng.random()
    if roll < 0.35:
        return f"năm {year}"
    if roll < 0.55:
        return f"quý {QUARTERS[(day.month - 1) // 3]} năm {year}"
    if roll < 0.75:
        return f"tháng {day.month} năm {year}"
    if roll < 0.88:
        return f"6 tháng {'đầu' if day.month <= 6 else 'cuối'} năm {year}"
    first = year - (year - 1) % 5
    return f"giai đoạn {first}–{first + 4}"


class Distinct:
    """Remembers the folded texts already used, as 8-byte digests (a million titles in tens of
    megabytes, not the texts themselves), so a generator can draw again on a repeat."""

    def __init__(self) -> None:
        self.seen: set[bytes] = set()

    def add(self, folded: str) -> bool:
        """True when ``folded`` is new (and remembers it)."""
        key = hashlib.blake2b(folded.encode(), digest_size=8).digest()
        if key in self.seen:
            return False
        self.seen.add(key)
        return True
