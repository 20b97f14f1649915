"""The arithmetic of a vote (no database): quorum, threshold on all members or those present,
recusals leaving the base."""

from __future__ import annotations

import pytest

from thidua.awards.services.ballot import (
    ALL_MEMBERS,
    FAILED,
    NOT_QUORATE,
    PASSED,
    PRESENT,
    Counts,
    Rule,
    decide,
    quorum_met,
)


@pytest.mark.parametrize(
    ("present", "members", "percent", "met"),
    [
        (5, 9, 50, True),  # 55.6% ≥ 50%
        (4, 9, 50, False),  # 44.4%
        (6, 9, 67, False),  # 66.7% < 67%
        (7, 9, 67, True),
        (9, 9, 100, True),
        (0, 0, 50, False),  # no council, no meeting
    ],
)
def test_quorum(present, members, percent, met):
    assert quorum_met(present=present, members=members, percent=percent) is met


@pytest.mark.parametrize(
    ("rule", "counts", "members", "present", "outcome", "base"),
    [
        # 90% of all 10 members: 9 approvals pass, 8 fail even if everyone present approves.
        (Rule(50, 90, ALL_MEMBERS), Counts(9, 1), 10, 10, PASSED, 10),
        (Rule(50, 90, ALL_MEMBERS), Counts(8, 0), 10, 8, FAILED, 10),
        # The same 8 approvals among 8 present pass when the threshold is on those present.
        (Rule(50, 90, PRESENT), Counts(8, 0), 10, 8, PASSED, 8),
        # 50% is "at least half": 3 of 6 passes, 2 of 6 (with blanks) does not.
        (Rule(50, 50, PRESENT), Counts(3, 3), 7, 6, PASSED, 6),
        (Rule(50, 50, PRESENT), Counts(2, 1, 3), 7, 6, FAILED, 6),
        # Quorum missed: unanimous approval does not count.
        (Rule(67, 50, PRESENT), Counts(5, 0), 9, 5, NOT_QUORATE, 5),
    ],
)
def test_threshold(rule, counts, members, present, outcome, base):
    result = decide(rule, counts, members=members, present=present)
    assert (result.outcome, result.base) == (outcome, base)


def test_recused_members_leave_the_base_on_either_basis():
    # Given 5 members, all present, one recused (the nominee's head of unit)
    # When 3 of the 4 who may vote approve, with a 75% threshold
    # Then the item passes: the recusal is not a vote against
    for basis in (ALL_MEMBERS, PRESENT):
        result = decide(
            Rule(50, 75, basis), Counts(3, 1), members=5, present=5, recused=1, recused_present=1
        )
        assert (result.outcome, result.base, result.approve_percent) == (PASSED, 4, 75.0)


def test_an_absent_recused_member_still_leaves_the_all_members_base():
    result = decide(Rule(50, 60, ALL_MEMBERS), Counts(3, 0), members=6, present=4, recused=1)
    assert (result.outcome, result.base) == (PASSED, 5)


def test_more_ballots_than_members_able_to_vote_is_refused():
    with pytest.raises(ValueError):
        decide(Rule(50, 50), Counts(3, 1), members=5, present=4, recused=1, recused_present=1)
