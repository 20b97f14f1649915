"""The eligibility engine: pure functions over structured rules and plain facts (no Django models,
no database). ``evaluate(rules, facts)`` answers eligible or not with each rule's result and the
legal basis it cites, e.g. "Điều 22 Luật TĐKT 2022: cần 3 lần liên tục CSTĐCS; có 2 (2024, 2025)".

A rule is a dict with a ``type``, a ``basis`` (the legal text it cites) and its parameters; see
``RULE_TYPES``. A rule passes (True), fails (False) or is left to the council's judgement (None).
The nominee is eligible when no rule fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

RATING_RANK = {"excellent": 3, "good": 2, "complete": 1, "incomplete": 0}
RATING_LABEL = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "complete": "Hoàn thành nhiệm vụ",
    "incomplete": "Không hoàn thành nhiệm vụ",
}
EFFECT_RANK = {"agency": 1, "province": 2, "national": 3}
EFFECT_LABEL = {"agency": "cấp cơ sở", "province": "cấp tỉnh", "national": "toàn quốc"}


@dataclass(frozen=True)
class AchievementFact:
    year: int
    kind: str  # "initiative" | "research"
    level: str  # "agency" | "province" | "national"
    applied: bool = True


@dataclass(frozen=True)
class DisciplineFact:
    kind: str  # "discipline" | "inspection" | "complaint"
    start: dt.date
    end: dt.date | None
    label: str = ""


@dataclass(frozen=True)
class MemberFacts:
    """What the engine needs of one member of a collective, for the evaluated year."""

    rating: str | None
    titles: frozenset[str]
    disciplined: bool = False


@dataclass(frozen=True)
class MembersSummary:
    """The members of a collective counted for the evaluated year: how many there are, how
    many have each rating and each title, how many are disciplined. What the member rules read;
    the database side builds it with a few aggregate queries instead of one fact per member."""

    count: int
    ratings: Mapping[str, int] = field(default_factory=dict)
    titles: Mapping[str, int] = field(default_factory=dict)
    disciplined: int = 0

    @classmethod
    def of(cls, members: Sequence[MemberFacts]) -> MembersSummary:
        ratings: dict[str, int] = {}
        titles: dict[str, int] = {}
        for member in members:
            if member.rating is not None:
                ratings[member.rating] = ratings.get(member.rating, 0) + 1
            for code in member.titles:
                titles[code] = titles.get(code, 0) + 1
        disciplined = sum(1 for member in members if member.disciplined)
        return cls(len(members), ratings, titles, disciplined)


@dataclass(frozen=True)
class QuotaFact:
    limit: int
    used: int


@dataclass(frozen=True)
class Facts:
    """Everything known about one nominee, as plain data built by ``eligibility.facts``."""

    year: int
    on: dt.date
    ratings: Mapping[int, str] = field(default_factory=dict)
    titles: Mapping[str, frozenset[int]] = field(default_factory=dict)
    achievements: Sequence[AchievementFact] = ()
    disciplines: Sequence[DisciplineFact] = ()
    members: Sequence[MemberFacts] | MembersSummary | None = None
    dissolved_on: dt.date | None = None
    quota: QuotaFact | None = None
    labels: Mapping[str, str] = field(default_factory=dict)  # title code -> short name


@dataclass(frozen=True)
class RuleResult:
    type: str
    passed: bool | None
    text: str
    basis: str
    children: tuple[RuleResult, ...] = ()

    @property
    def line(self) -> str:
        return f"{self.basis}: {self.text}" if self.basis else self.text

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "passed": self.passed,
            "text": self.text,
            "basis": self.basis,
            "line": self.line,
            "children": [child.as_dict() for child in self.children],
        }


@dataclass(frozen=True)
class Evaluation:
    eligible: bool
    results: tuple[RuleResult, ...]

    @property
    def failing(self) -> list[RuleResult]:
        return [result for result in self.results if result.passed is False]

    @property
    def to_judge(self) -> list[RuleResult]:
        return [result for result in self.results if result.passed is None]

    def as_dict(self) -> dict[str, Any]:
        return {"eligible": self.eligible, "results": [r.as_dict() for r in self.results]}


class RuleError(ValueError):
    """A rule that the engine cannot read; the message says which and how to fix it."""


# --- helpers -------------------------------------------------------------------------------


def _years(years: Sequence[int]) -> str:
    years = sorted(years)
    if not years:
        return ""
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(year) for year in years)


def _had(count: int, years: Sequence[int]) -> str:
    return f"có {count} ({_years(years)})" if years else f"có {count}"


def _cutoff_year(facts: Facts) -> int | None:
    """After a discipline, achievements count only from its end: years up to the year it ended
    do not count (Nghị định 152/2025/NĐ-CP)."""
    ended = [d.end.year for d in facts.disciplines if d.kind == "discipline" and d.end]
    ended = [year for year in ended if year < facts.year]
    return max(ended) if ended else None


def _counting(facts: Facts, years: frozenset[int] | set[int]) -> set[int]:
    cutoff = _cutoff_year(facts)
    return {year for year in years if year <= facts.year and (cutoff is None or year > cutoff)}


def _streak(held: set[int], year: int) -> list[int]:
    """Consecutive years ending at ``year`` (or the year before, when this year's title is not
    decided yet)."""
    end = year if year in held else year - 1
    run: list[int] = []
    while end in held:
        run.append(end)
        end -= 1
    return sorted(run)


def _label(facts: Facts, code: str) -> str:
    return facts.labels.get(code, code)


def _rating_ok(rating: str | None, minimum: str) -> bool:
    return rating is not None and RATING_RANK.get(rating, -1) >= RATING_RANK[minimum]


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({round(100 * part / whole)}%)" if whole else "0/0"


# --- rules ---------------------------------------------------------------------------------


def _rating(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    minimum = rule["min"]
    rating = facts.ratings.get(facts.year)
    need = f"cần xếp loại {RATING_LABEL[minimum]} trở lên năm {facts.year}"
    if rating is None:
        return False, f"{need}; chưa có xếp loại", ()
    return _rating_ok(rating, minimum), f"{need}; có: {RATING_LABEL[rating]}", ()


def _rating_streak(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    minimum, count = rule["min"], int(rule["count"])
    good = {year for year, rating in facts.ratings.items() if _rating_ok(rating, minimum)}
    run = _streak(_counting(facts, good), facts.year)
    text = f"cần {count} năm liên tục {RATING_LABEL[minimum]} trở lên; {_had(len(run), run)}"
    return len(run) >= count, text, ()


def _title_streak(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    code, count = rule["title"], int(rule["count"])
    run = _streak(_counting(facts, facts.titles.get(code, frozenset())), facts.year)
    text = f"cần {count} lần liên tục {_label(facts, code)}; {_had(len(run), run)}"
    return len(run) >= count, text, ()


def _title_held(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    code = rule["title"]
    held = sorted(_counting(facts, facts.titles.get(code, frozenset())))
    text = f"cần đã được tặng {_label(facts, code)}; {_had(len(held), held)}"
    return bool(held), text, ()


def _title_count(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    code, count, window = rule["title"], int(rule["count"]), int(rule["window"])
    first = facts.year - window + 1
    held = sorted(y for y in _counting(facts, facts.titles.get(code, frozenset())) if y >= first)
    text = (
        f"cần {count} lần {_label(facts, code)} trong {window} năm {first}–{facts.year}; "
        f"{_had(len(held), held)}"
    )
    return len(held) >= count, text, ()


def _initiative(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    level, count = rule.get("min_level", "agency"), int(rule.get("count", 1))
    span = int(rule.get("years", 1))
    first = facts.year - span + 1
    applied = bool(rule.get("applied", False))
    kinds = set(rule.get("kinds", ["initiative", "research"]))
    cutoff = _cutoff_year(facts)
    found = sorted(
        a.year
        for a in facts.achievements
        if first <= a.year <= facts.year
        and (cutoff is None or a.year > cutoff)
        and a.kind in kinds
        and EFFECT_RANK.get(a.level, 0) >= EFFECT_RANK[level]
        and (a.applied or not applied)
    )
    when = f"năm {facts.year}" if span == 1 else f"{first}–{facts.year}"
    what = "sáng kiến được áp dụng" if applied else "sáng kiến, đề tài"
    text = (
        f"cần {count} {what} có ảnh hưởng {EFFECT_LABEL[level]} trở lên ({when}); "
        f"{_had(len(found), found)}"
    )
    return len(found) >= count, text, ()


def _no_discipline(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    start, end = dt.date(facts.year, 1, 1), dt.date(facts.year, 12, 31)
    blocking = [
        d
        for d in facts.disciplines
        if (d.start <= end and (d.end is None or d.end >= start))
        or (d.start <= facts.on and (d.end is None or d.end >= facts.on))
    ]
    if not blocking:
        return True, f"không bị kỷ luật, thanh tra, khiếu nại trong năm {facts.year}", ()
    first = blocking[0]
    until = f" đến {first.end:%d/%m/%Y}" if first.end else " (chưa kết thúc)"
    label = first.label or "kỷ luật"
    return False, f"đang có {label} từ {first.start:%d/%m/%Y}{until}", ()


def _members(facts: Facts) -> MembersSummary:
    if facts.members is None:
        raise RuleError("Tiêu chuẩn theo thành viên chỉ áp dụng cho tập thể.")
    if isinstance(facts.members, MembersSummary):
        return facts.members
    return MembersSummary.of(facts.members)


def _members_ratio(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    members = _members(facts)
    code, need = rule["title"], float(rule["min_percent"])
    part = members.titles.get(code, 0)
    ok = members.count > 0 and 100 * part >= need * members.count
    text = (
        f"cần ít nhất {rule['min_percent']}% thành viên đạt {_label(facts, code)} "
        f"năm {facts.year}; có {_percent(part, members.count)}"
    )
    return ok, text, ()


def _members_count(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    code, need = rule["title"], int(rule["min"])
    part = _members(facts).titles.get(code, 0)
    text = f"cần ít nhất {need} thành viên đạt {_label(facts, code)} năm {facts.year}; có {part}"
    return part >= need, text, ()


def _members_rating(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    members = _members(facts)
    minimum, need = rule["min"], float(rule["min_percent"])
    part = sum(n for rating, n in members.ratings.items() if _rating_ok(rating, minimum))
    ok = members.count > 0 and 100 * part >= need * members.count
    text = (
        f"cần {rule['min_percent']}% thành viên {RATING_LABEL[minimum]} trở lên năm {facts.year}; "
        f"có {_percent(part, members.count)}"
    )
    return ok, text, ()


def _members_no_discipline(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    part = _members(facts).disciplined
    text = f"không có thành viên bị kỷ luật năm {facts.year}; có {part}"
    return part == 0, text, ()


def _collective_active(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    if facts.dissolved_on is None:
        return True, "tập thể không bị giải thể, sáp nhập", ()
    return False, f"tập thể đã giải thể, sáp nhập từ {facts.dissolved_on:%d/%m/%Y}", ()


def _quota(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    if facts.quota is None:
        return True, f"không có chỉ tiêu giới hạn năm {facts.year}", ()
    q = facts.quota
    text = f"chỉ tiêu năm {facts.year}: tối đa {q.limit}; đã đề nghị, khen {q.used}"
    return q.used < q.limit, text, ()


def _judgement(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    return None, f"Hội đồng xem xét: {rule.get('text', '')}", ()


def _any_of(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    children = tuple(evaluate_rule(child, facts) for child in rule["rules"])
    if any(child.passed for child in children):
        passed: bool | None = True
    elif any(child.passed is None for child in children):
        passed = None
    else:
        passed = False
    return passed, "đáp ứng một trong các điều kiện", children


def _all_of(rule: Mapping[str, Any], facts: Facts) -> tuple[bool | None, str, tuple]:
    children = tuple(evaluate_rule(child, facts) for child in rule["rules"])
    if any(child.passed is False for child in children):
        passed: bool | None = False
    elif any(child.passed is None for child in children):
        passed = None
    else:
        passed = True
    return passed, "đáp ứng đồng thời các điều kiện", children


Handler = Callable[[Mapping[str, Any], Facts], tuple[bool | None, str, tuple]]

# type -> (handler, required parameters, Vietnamese name for the rule editor)
RULE_TYPES: dict[str, tuple[Handler, tuple[str, ...], str]] = {
    "rating": (_rating, ("min",), "Xếp loại năm xét"),
    "rating_streak": (_rating_streak, ("min", "count"), "Số năm liên tục đạt xếp loại"),
    "title_streak": (_title_streak, ("title", "count"), "Số lần liên tục đạt danh hiệu"),
    "title_held": (_title_held, ("title",), "Đã được tặng danh hiệu, hình thức"),
    "title_count": (_title_count, ("title", "count", "window"), "Số lần đạt trong một số năm"),
    "initiative": (_initiative, (), "Sáng kiến, đề tài"),
    "no_discipline": (_no_discipline, (), "Không bị kỷ luật"),
    "members_ratio": (_members_ratio, ("title", "min_percent"), "Tỷ lệ thành viên đạt danh hiệu"),
    "members_count": (_members_count, ("title", "min"), "Số thành viên đạt danh hiệu"),
    "members_rating": (_members_rating, ("min", "min_percent"), "Tỷ lệ thành viên đạt xếp loại"),
    "members_no_discipline": (_members_no_discipline, (), "Không có thành viên bị kỷ luật"),
    "collective_active": (_collective_active, (), "Tập thể còn hoạt động"),
    "quota": (_quota, (), "Chỉ tiêu"),
    "judgement": (_judgement, (), "Hội đồng xem xét"),
    "any_of": (_any_of, ("rules",), "Một trong các điều kiện"),
    "all_of": (_all_of, ("rules",), "Đồng thời các điều kiện"),
}


def validate_rules(rules: Any, known_titles: set[str] | None = None) -> list[str]:
    """Problems in a list of rules, in Vietnamese; empty when the engine can read them all."""
    problems: list[str] = []
    if not isinstance(rules, list):
        return ["Tiêu chuẩn phải là một danh sách các điều kiện."]
    for index, rule in enumerate(rules, start=1):
        where = f"Điều kiện {index}"
        if not isinstance(rule, dict) or rule.get("type") not in RULE_TYPES:
            names = ", ".join(sorted(RULE_TYPES))
            problems.append(f"{where}: loại điều kiện không hợp lệ; dùng một trong: {names}.")
            continue
        _handler, required, _name = RULE_TYPES[rule["type"]]
        missing = [param for param in required if param not in rule]
        if missing:
            problems.append(f"{where}: thiếu tham số {', '.join(missing)}.")
        if not str(rule.get("basis", "")).strip():
            problems.append(f"{where}: cần ghi căn cứ pháp lý (basis).")
        for key in ("min",):
            if key in rule and rule["type"] != "members_count" and rule[key] not in RATING_RANK:
                problems.append(f"{where}: xếp loại '{rule[key]}' không hợp lệ.")
        if "min_level" in rule and rule["min_level"] not in EFFECT_RANK:
            problems.append(f"{where}: phạm vi ảnh hưởng '{rule['min_level']}' không hợp lệ.")
        if known_titles is not None and "title" in rule and rule["title"] not in known_titles:
            problems.append(f"{where}: không có danh hiệu mã '{rule['title']}'.")
        if "rules" in rule:
            problems.extend(f"{where} → {p}" for p in validate_rules(rule["rules"], known_titles))
    return problems


def evaluate_rule(rule: Mapping[str, Any], facts: Facts) -> RuleResult:
    try:
        handler = RULE_TYPES[rule["type"]][0]
    except KeyError as exc:
        raise RuleError(f"Loại điều kiện không hợp lệ: {rule.get('type')!r}") from exc
    passed, text, children = handler(rule, facts)
    return RuleResult(rule["type"], passed, text, str(rule.get("basis", "")), children)


def evaluate(rules: Sequence[Mapping[str, Any]], facts: Facts) -> Evaluation:
    results = tuple(evaluate_rule(rule, facts) for rule in rules)
    return Evaluation(all(r.passed is not False for r in results), results)


def needs_members(rules: Sequence[Mapping[str, Any]]) -> bool:
    for rule in rules:
        if str(rule.get("type", "")).startswith("members_"):
            return True
        if "rules" in rule and needs_members(rule["rules"]):
            return True
    return False


def needs_quota(rules: Sequence[Mapping[str, Any]]) -> bool:
    return any(rule.get("type") == "quota" for rule in rules)
