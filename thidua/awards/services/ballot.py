"""The arithmetic of a vote, without the database: quorum, the base a threshold is taken on, and
the outcome of one item. Used for electronic ballots, paper tallies and bloc leader votes alike.

Recused members neither vote nor count: they leave the base whether it is all members or those
present, so a recusal never works as a vote against.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_MEMBERS = "all_members"
PRESENT = "present"

PASSED = "passed"
FAILED = "failed"
NOT_QUORATE = "not_quorate"


@dataclass(frozen=True)
class Rule:
    """Quorum (present members, % of all voting members), threshold (% approvals) and basis."""

    quorum_percent: int
    threshold_percent: int
    basis: str = ALL_MEMBERS


@dataclass(frozen=True)
class Counts:
    approve: int = 0
    reject: int = 0
    blank: int = 0

    @property
    def total(self) -> int:
        return self.approve + self.reject + self.blank


@dataclass(frozen=True)
class Result:
    outcome: str
    counts: Counts
    base: int  # the number the threshold is taken on

    @property
    def approve_percent(self) -> float | None:
        return round(self.counts.approve * 100 / self.base, 1) if self.base else None


def quorum_met(*, present: int, members: int, percent: int) -> bool:
    """At least ``percent`` % of the voting members are present (and at least one is)."""
    return members > 0 and present > 0 and present * 100 >= percent * members


def threshold_base(
    rule: Rule, *, members: int, present: int, recused: int, recused_present: int
) -> int:
    if rule.basis == PRESENT:
        return max(present - recused_present, 0)
    return max(members - recused, 0)


def decide(
    rule: Rule,
    counts: Counts,
    *,
    members: int,
    present: int,
    recused: int = 0,
    recused_present: int = 0,
) -> Result:
    """The outcome of one item.

    ``members`` voting members of the council, ``present`` of them present, ``recused`` of them
    recused from this item (``recused_present`` of those present). Raises ``ValueError`` when
    the counts cannot be right (more ballots than members able to vote).
    """
    if not 0 <= present <= members or not 0 <= recused_present <= min(recused, present):
        raise ValueError("inconsistent attendance")
    able = present - recused_present
    if counts.total > able:
        raise ValueError(f"{counts.total} ballots for {able} members able to vote")
    base = threshold_base(
        rule, members=members, present=present, recused=recused, recused_present=recused_present
    )
    if not quorum_met(present=present, members=members, percent=rule.quorum_percent):
        return Result(NOT_QUORATE, counts, base)
    if base == 0:
        return Result(FAILED, counts, base)
    passed = counts.approve * 100 >= rule.threshold_percent * base
    return Result(PASSED if passed else FAILED, counts, base)
