"""The eligibility rules of DOMAIN.md, table-driven, without a database: for each title's
criteria as loaded by the catalogue migration, one nominee who passes and one who fails each
rule, with the article the result cites."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from thidua.awards.eligibility.engine import (
    AchievementFact,
    DisciplineFact,
    Facts,
    MemberFacts,
    QuotaFact,
    RuleError,
    evaluate,
    validate_rules,
)

CATALOGUE = importlib.import_module("thidua.awards.migrations.0002_catalogue")
RULES = {t["code"]: t["rules"] for t in CATALOGUE.TITLES}
LABELS = {t["code"]: t["short_name"] for t in CATALOGUE.TITLES}
YEAR = 2025
ON = dt.date(2025, 12, 1)


def facts(**kw) -> Facts:
    kw.setdefault("year", YEAR)
    kw.setdefault("on", ON)
    kw.setdefault("labels", LABELS)
    titles = kw.pop("titles", {})
    return Facts(titles={k: frozenset(v) for k, v in titles.items()}, **kw)


def initiative(year: int = YEAR, level: str = "agency", applied: bool = True) -> AchievementFact:
    return AchievementFact(year, "initiative", level, applied)


def member(rating="good", titles=(), disciplined=False) -> MemberFacts:
    return MemberFacts(rating, frozenset(titles), disciplined)


def results_by_type(code: str, f: Facts) -> dict[str, object]:
    evaluation = evaluate(RULES[code], f)
    return {r.type: r for r in evaluation.results}, evaluation


# (title, rule type, facts that pass it, facts that fail it, cited article, text on failure)
CASES = [
    (
        "LDTT",
        "rating",
        facts(ratings={YEAR: "good"}),
        facts(ratings={YEAR: "complete"}),
        "Điều 24 Luật TĐKT 2022",
        "cần xếp loại Hoàn thành tốt nhiệm vụ trở lên năm 2025; có: Hoàn thành nhiệm vụ",
    ),
    (
        "LDTT",
        "no_discipline",
        facts(ratings={YEAR: "good"}),
        facts(
            ratings={YEAR: "good"},
            disciplines=[
                DisciplineFact("discipline", dt.date(2025, 3, 1), dt.date(2026, 3, 1), "kỷ luật")
            ],
        ),
        "Nghị định 152/2025/NĐ-CP",
        "đang có kỷ luật từ 01/03/2025 đến 01/03/2026",
    ),
    (
        "LDTT",
        "quota",
        facts(ratings={YEAR: "good"}, quota=QuotaFact(limit=3, used=2)),
        facts(ratings={YEAR: "good"}, quota=QuotaFact(limit=3, used=3)),
        "Quy định của tỉnh, ngành (cấu hình theo năm)",
        "chỉ tiêu năm 2025: tối đa 3; đã đề nghị, khen 3",
    ),
    (
        "CSTDCS",
        "any_of",
        facts(ratings={YEAR: "good"}, achievements=[initiative()]),
        facts(ratings={YEAR: "good"}),
        "Điều 23 Luật TĐKT 2022",
        "đáp ứng một trong các điều kiện",
    ),
    (
        "CSTD_TINH",
        "title_streak",
        facts(titles={"CSTDCS": {2023, 2024, 2025}}, achievements=[initiative(2024, "province")]),
        facts(titles={"CSTDCS": {2022, 2024, 2025}}, achievements=[initiative(2024, "province")]),
        "Điều 22 Luật TĐKT 2022",
        "cần 3 lần liên tục CSTĐCS; có 2 (2024, 2025)",
    ),
    (
        "CSTD_TINH",
        "initiative",
        facts(titles={"CSTDCS": {2023, 2024, 2025}}, achievements=[initiative(2023, "province")]),
        facts(titles={"CSTDCS": {2023, 2024, 2025}}, achievements=[initiative(2025, "agency")]),
        "Điều 22 Luật TĐKT 2022",
        "cần 1 sáng kiến, đề tài có ảnh hưởng cấp tỉnh trở lên (2023–2025); có 0",
    ),
    (
        "CSTD_TQ",
        "title_streak",
        facts(titles={"CSTD_TINH": {2024, 2025}}, achievements=[initiative(2025, "national")]),
        facts(titles={"CSTD_TINH": {2021, 2025}}, achievements=[initiative(2025, "national")]),
        "Điều 21 Luật TĐKT 2022",
        "cần 2 lần liên tục CSTĐ tỉnh; có 1 (2025)",
    ),
    (
        "TTLDXS",
        "members_ratio",
        facts(
            ratings={YEAR: "excellent"},
            members=[member(titles={"LDTT", "CSTDCS"})]
            + [member(titles={"LDTT"})] * 6
            + [member()] * 3,
        ),
        facts(
            ratings={YEAR: "excellent"},
            members=[member(titles={"LDTT", "CSTDCS"})]
            + [member(titles={"LDTT"})] * 5
            + [member()] * 4,
        ),
        "Điều 27 Luật TĐKT 2022",
        "cần ít nhất 70% thành viên đạt LĐTT năm 2025; có 6/10 (60%)",
    ),
    (
        "TTLDXS",
        "members_count",
        facts(ratings={YEAR: "excellent"}, members=[member(titles={"LDTT", "CSTDCS"})]),
        facts(ratings={YEAR: "excellent"}, members=[member(titles={"LDTT"})]),
        "Điều 27 Luật TĐKT 2022",
        "cần ít nhất 1 thành viên đạt CSTĐCS năm 2025; có 0",
    ),
    (
        "TTLDXS",
        "members_rating",
        facts(ratings={YEAR: "excellent"}, members=[member(titles={"LDTT", "CSTDCS"})]),
        facts(
            ratings={YEAR: "excellent"},
            members=[member(titles={"LDTT", "CSTDCS"}), member(rating="incomplete")],
        ),
        "Điều 27 Luật TĐKT 2022",
        "cần 100% thành viên Hoàn thành nhiệm vụ trở lên năm 2025; có 1/2 (50%)",
    ),
    (
        "TTLDXS",
        "members_no_discipline",
        facts(ratings={YEAR: "excellent"}, members=[member(titles={"LDTT", "CSTDCS"})]),
        facts(
            ratings={YEAR: "excellent"},
            members=[member(titles={"LDTT", "CSTDCS"}), member(disciplined=True)],
        ),
        "Điều 27 Luật TĐKT 2022",
        "không có thành viên bị kỷ luật năm 2025; có 1",
    ),
    (
        "TTLDXS",
        "collective_active",
        facts(ratings={YEAR: "excellent"}, members=[member(titles={"LDTT", "CSTDCS"})]),
        facts(
            ratings={YEAR: "excellent"},
            members=[member(titles={"LDTT", "CSTDCS"})],
            dissolved_on=dt.date(2025, 7, 1),
        ),
        "TT 15/2025",
        "tập thể đã giải thể, sáp nhập từ 01/07/2025",
    ),
    (
        "TTLDTT",
        "rating",
        facts(ratings={YEAR: "good"}),
        facts(ratings={YEAR: "incomplete"}),
        "Điều 28 Luật TĐKT 2022; quy định của tỉnh",
        "cần xếp loại Hoàn thành tốt nhiệm vụ trở lên năm 2025; có: Không hoàn thành nhiệm vụ",
    ),
    (
        "BK_TTG",
        "title_held",
        facts(
            titles={"BK_TINH": {2022}, "CSTDCS": {2021, 2023, 2025}},
            ratings={y: "good" for y in range(2021, 2026)},
        ),
        facts(
            titles={"CSTDCS": {2021, 2023, 2025}}, ratings={y: "good" for y in range(2021, 2026)}
        ),
        "Điều 73 Luật TĐKT 2022",
        "cần đã được tặng Bằng khen tỉnh; có 0",
    ),
    (
        "BK_TTG",
        "rating_streak",
        facts(
            titles={"BK_TINH": {2022}, "CSTDCS": {2021, 2023, 2025}},
            ratings={y: "good" for y in range(2021, 2026)},
        ),
        facts(
            titles={"BK_TINH": {2022}, "CSTDCS": {2021, 2023, 2025}},
            ratings={**{y: "good" for y in range(2021, 2026)}, 2022: "complete"},
        ),
        "Điều 73 Luật TĐKT 2022",
        "cần 5 năm liên tục Hoàn thành tốt nhiệm vụ trở lên; có 3 (2023–2025)",
    ),
    (
        "BK_TTG",
        "title_count",
        facts(
            titles={"BK_TINH": {2022}, "CSTDCS": {2021, 2023, 2025}},
            ratings={y: "good" for y in range(2021, 2026)},
        ),
        facts(
            titles={"BK_TINH": {2022}, "CSTDCS": {2020, 2023, 2025}},
            ratings={y: "good" for y in range(2021, 2026)},
        ),
        "Điều 73 Luật TĐKT 2022",
        "cần 3 lần CSTĐCS trong 5 năm 2021–2025; có 2 (2023, 2025)",
    ),
]


@pytest.mark.parametrize(
    ("code", "rule", "passing", "failing", "basis", "text"),
    CASES,
    ids=[f"{c[0]}-{c[1]}" for c in CASES],
)
def test_each_rule_passes_and_fails_citing_its_article(code, rule, passing, failing, basis, text):
    # Given the catalogue criteria of a title
    # When a nominee who meets the rule is judged
    passed, evaluation = results_by_type(code, passing)
    # Then the rule passes
    assert passed[rule].passed is True, passed[rule].line
    # When a nominee who misses it is judged
    failed, evaluation = results_by_type(code, failing)
    # Then it fails, the nominee is not eligible, and the line cites the article
    assert failed[rule].passed is False
    assert evaluation.eligible is False
    assert failed[rule].basis == basis
    assert failed[rule].line == f"{basis}: {text}"
    assert failed[rule] in evaluation.failing


def test_cstdcs_needs_excellence_or_an_initiative():
    # Excellent completion alone is enough
    _r, evaluation = results_by_type("CSTDCS", facts(ratings={YEAR: "excellent"}))
    assert evaluation.eligible
    # Good completion with an initiative recognised at grassroots level is enough too
    _r, evaluation = results_by_type(
        "CSTDCS", facts(ratings={YEAR: "good"}, achievements=[initiative()])
    )
    assert evaluation.eligible
    # Good completion without an initiative is not; both alternatives are shown as failed
    results, evaluation = results_by_type("CSTDCS", facts(ratings={YEAR: "good"}))
    assert not evaluation.eligible
    assert [child.passed for child in results["any_of"].children] == [False, False]


def test_a_discipline_resets_the_streak_until_it_ends():
    # Given three consecutive CSTĐCS but a discipline that ended in 2023
    f = facts(
        titles={"CSTDCS": {2023, 2024, 2025}},
        achievements=[initiative(2025, "province")],
        disciplines=[DisciplineFact("discipline", dt.date(2022, 6, 1), dt.date(2023, 6, 1))],
    )
    results, evaluation = results_by_type("CSTD_TINH", f)
    # Then only the years after it count
    assert results["title_streak"].text == "cần 3 lần liên tục CSTĐCS; có 2 (2024, 2025)"
    assert not evaluation.eligible
    # And the discipline itself no longer blocks this year
    assert results["no_discipline"].passed is True


def test_a_pending_complaint_blocks_an_award():
    f = facts(
        ratings={YEAR: "good"},
        disciplines=[DisciplineFact("complaint", dt.date(2025, 11, 20), None, "khiếu nại")],
    )
    results, _evaluation = results_by_type("LDTT", f)
    assert results["no_discipline"].passed is False
    assert "chưa kết thúc" in results["no_discipline"].text


def test_judgement_rules_are_left_to_the_council_not_failed():
    # CSTĐ tỉnh: the objective rules pass; "tiêu biểu xuất sắc" is for the council
    f = facts(titles={"CSTDCS": {2023, 2024, 2025}}, achievements=[initiative(2024, "province")])
    results, evaluation = results_by_type("CSTD_TINH", f)
    assert evaluation.eligible
    assert results["judgement"].passed is None
    assert evaluation.to_judge == [results["judgement"]]


def test_streak_counts_up_to_last_year_while_this_years_title_is_pending():
    f = facts(titles={"CSTDCS": {2022, 2023, 2024}}, achievements=[initiative(2024, "province")])
    results, _e = results_by_type("CSTD_TINH", f)
    assert results["title_streak"].text == "cần 3 lần liên tục CSTĐCS; có 3 (2022–2024)"


def test_bk_tinh_twice_cstdcs_passes_otherwise_the_council_judges():
    # CSTĐCS twice in a row: the objective path of Art. 74 passes
    results, evaluation = results_by_type("BK_TINH", facts(titles={"CSTDCS": {2024, 2025}}))
    assert results["any_of"].passed is True
    assert results["any_of"].children[0].line == (
        "Điều 74 Luật TĐKT 2022: cần 2 lần liên tục CSTĐCS; có 2 (2024, 2025)"
    )
    # Not twice in a row: that path fails and the remaining one is the council's judgement
    results, evaluation = results_by_type("BK_TINH", facts(titles={"CSTDCS": {2023, 2025}}))
    assert results["any_of"].children[0].passed is False
    assert results["any_of"].passed is None
    assert evaluation.eligible  # not refused by the system; left to the council


def test_bk_tinh_second_path_two_excellent_years_and_two_applied_initiatives():
    f = facts(
        ratings={2024: "excellent", 2025: "excellent"},
        achievements=[initiative(2024), initiative(2025)],
    )
    results, evaluation = results_by_type("BK_TINH", f)
    assert results["any_of"].children[1].passed is True
    assert evaluation.eligible
    f = facts(
        ratings={2024: "excellent", 2025: "excellent"},
        achievements=[initiative(2024), initiative(2025, applied=False)],
    )
    results, _e = results_by_type("BK_TINH", f)
    assert results["any_of"].children[1].passed is False


def test_catalogue_rules_are_valid_and_bad_rules_are_explained():
    for code, rules in RULES.items():
        assert validate_rules(rules, set(RULES)) == [], code
    problems = validate_rules(
        [{"type": "title_streak", "title": "XYZ", "basis": ""}, {"type": "magic"}], set(RULES)
    )
    assert any("thiếu tham số count" in p for p in problems)
    assert any("căn cứ pháp lý" in p for p in problems)
    assert any("không có danh hiệu mã 'XYZ'" in p for p in problems)
    assert any("loại điều kiện không hợp lệ" in p for p in problems)


def test_member_rules_on_an_individual_are_an_error():
    with pytest.raises(RuleError):
        evaluate([{"type": "members_count", "title": "LDTT", "min": 1, "basis": "x"}], facts())
