"""The vote itself: secret ballots, paper tallies, and the chair closing the vote. One
transaction each, audited (actions registered in ``services/council.py``).

Secrecy (see models/council.py): ``ballot_cast`` writes the participation rows and the ballot
rows of one member in the same transaction (so a member votes once, even from two browsers at
the same instant: the unique participation makes the second transaction roll back whole), but
nothing ties one to the other; the audit entry says only that the member voted. When the chair
closes the vote, each item is counted once and its ballots are rewritten in a random order.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import council_access as access
from thidua.awards.models import (
    AgendaItem,
    Ballot,
    BallotMode,
    Choice,
    CouncilMember,
    Outcome,
    PaperTally,
    Participation,
    Proposal,
    ProposalStatus,
    Recusal,
    Session,
    SessionStatus,
)
from thidua.awards.services import ballot as rules
from thidua.awards.services.council import voting_members
from thidua.core import audit
from thidua.org.services.common import require

_RNG = random.SystemRandom()


def items_for_member(session: Session, member: CouncilMember) -> list[AgendaItem]:
    """The items this member votes on (all but those they are recused from)."""
    recused = set(Recusal.objects.filter(member=member).values_list("item_id", flat=True))
    return [i for i in session.items.all() if i.pk not in recused]


def has_voted(session: Session, member: CouncilMember) -> bool:
    return Participation.objects.filter(item__session=session, member=member).exists()


def ballot_cast(session: Session, *, choices: dict[int, str], actor: Any) -> None:
    """One member's ballot paper: a choice for every item they may vote on, all at once."""
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("council").get(pk=session.pk)
        if session.status != SessionStatus.VOTING:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        if session.mode != BallotMode.ELECTRONIC:
            raise ValidationError(
                _("Phiên họp này bỏ phiếu giấy; thư ký sẽ nhập kết quả kiểm phiếu.")
            )
        member = access.seat_of(actor, session.council)
        require(
            member is not None and member.votes,
            _("Bạn không phải thành viên có quyền biểu quyết của hội đồng này."),
        )
        if not session.attendance.filter(member=member, present=True).exists():
            raise ValidationError(
                _("Bạn không có tên trong danh sách có mặt; hãy báo thư ký điểm danh lại.")
            )
        items = items_for_member(session, member)
        if not items:
            raise ValidationError(
                _(
                    "Bạn không tham gia biểu quyết nội dung nào của phiên họp này "
                    "(xung đột lợi ích)."
                )
            )
        wanted = {item.pk for item in items}
        if set(choices) - wanted:
            raise ValidationError(_("Phiếu có nội dung bạn không được biểu quyết."))
        if wanted - set(choices):
            raise ValidationError(_("Hãy chọn ý kiến cho tất cả các nội dung trên phiếu."))
        if any(choice not in Choice.values for choice in choices.values()):
            raise ValidationError(_("Ý kiến không hợp lệ."))
        try:
            with transaction.atomic():
                Participation.objects.bulk_create(
                    Participation(item=item, member=member) for item in items
                )
        except IntegrityError:
            raise ValidationError(
                _("Bạn đã bỏ phiếu trong phiên họp này; mỗi thành viên chỉ bỏ phiếu một lần.")
            ) from None
        ballots = [Ballot(item=item, choice=choices[item.pk]) for item in items]
        _RNG.shuffle(ballots)
        Ballot.objects.bulk_create(ballots)
        audit.record(session, "thidua.ballot_cast", actor=actor)


def paper_tally_enter(
    item: AgendaItem, *, approve: int, reject: int, blank: int = 0, actor: Any
) -> PaperTally:
    """The secretary enters the counted paper ballots of one item (sealed until closing)."""
    with transaction.atomic():
        session = (
            Session.objects.select_for_update()
            .select_related("council__agency")
            .get(pk=item.session_id)
        )
        require(access.can_prepare_session(actor, session.council))
        if session.status != SessionStatus.VOTING or session.mode != BallotMode.PAPER:
            raise ValidationError(_("Chỉ nhập kết quả kiểm phiếu giấy khi phiên đang bỏ phiếu."))
        able = _able_to_vote(session, item)
        if min(approve, reject, blank) < 0 or approve + reject + blank > able:
            raise ValidationError(
                _("Tổng số phiếu (%(t)s) vượt số thành viên được biểu quyết có mặt (%(a)s).")
                % {"t": approve + reject + blank, "a": able}
            )
        tally, _created = PaperTally.objects.update_or_create(
            item=item,
            defaults={
                "approve": approve,
                "reject": reject,
                "blank": blank,
                "entered_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        audit.record(session, "thidua.paper_tally", actor=actor, note=item.label)
    return tally


def _attendance(session: Session) -> tuple[list[CouncilMember], set[int]]:
    members = voting_members(session.council)
    present = set(session.attendance.filter(present=True).values_list("member_id", flat=True))
    return members, {m.pk for m in members if m.pk in present}


def _able_to_vote(session: Session, item: AgendaItem) -> int:
    _members, present = _attendance(session)
    recused = set(item.recusals.values_list("member_id", flat=True))
    return len(present - recused)


def session_close(session: Session, *, actor: Any) -> Session:
    """The chair closes the vote: every item is counted and decided, the ballots reshuffled,
    and the dossiers move on (passed, or not passed)."""
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("council__agency").get(pk=session.pk)
        )
        require(
            access.can_close_session(actor, session.council),
            _("Chỉ Chủ tịch Hội đồng được kết thúc bỏ phiếu."),
        )
        if session.status != SessionStatus.VOTING:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        members, present = _attendance(session)
        items = list(
            session.items.select_related("proposal", "paper_tally").prefetch_related("recusals")
        )
        if session.mode == BallotMode.PAPER:
            missing = [i.label for i in items if not hasattr(i, "paper_tally")]
            if missing:
                raise ValidationError(
                    _("Thư ký chưa nhập kết quả kiểm phiếu cho: %(items)s.")
                    % {"items": "; ".join(missing)}
                )
            counts_of = {i.pk: _paper_counts(i.paper_tally) for i in items}
        else:
            counts_of = _ballot_counts(session, items)
        for item in items:
            counts = counts_of[item.pk]
            recused = {r.member_id for r in item.recusals.all()}
            result = rules.decide(
                rules.Rule(item.quorum_percent or 0, item.threshold_percent or 0, item.basis),
                counts,
                members=len(members),
                present=len(present),
                recused=len(recused),
                recused_present=len(recused & present),
            )
            item.outcome = result.outcome
            item.approve_count = counts.approve
            item.reject_count = counts.reject
            item.blank_count = counts.blank
            item.base_count = result.base
        AgendaItem.objects.bulk_update(
            items,
            ["outcome", "approve_count", "reject_count", "blank_count", "base_count"],
        )
        _reshuffle_ballots(session)
        session.status = SessionStatus.CLOSED
        session.closed_at = timezone.now()
        session.closed_by = actor
        session.save(update_fields=["status", "closed_at", "closed_by"])
        for item in items:
            if item.proposal is not None:
                _proposal_after_vote(item, actor)
        summary = "; ".join(f"{i.label}: {i.get_outcome_display()}" for i in items)
        audit.record(session, "thidua.session_close", actor=actor, note=summary[:2000])
        transaction.on_commit(lambda: _notify_closed(session))
    return session


def _paper_counts(tally: PaperTally) -> rules.Counts:
    return rules.Counts(tally.approve, tally.reject, tally.blank)


def _ballot_counts(session: Session, items: list[AgendaItem]) -> dict[int, rules.Counts]:
    """Each item's ballots counted by choice: two grouped queries for the whole session."""
    tallied: dict[int, Counter[str]] = {item.pk: Counter() for item in items}
    for item_id, choice, number in (
        Ballot.objects.filter(item__session=session)
        .values("item_id", "choice")
        .annotate(number=Count("id"))
        .values_list("item_id", "choice", "number")
    ):
        tallied[item_id][choice] = number
    voters = dict(
        Participation.objects.filter(item__session=session)
        .values("item_id")
        .annotate(number=Count("id"))
        .values_list("item_id", "number")
    )
    counts = {}
    for item_id, choices in tallied.items():
        if choices.total() != voters.get(item_id, 0):  # a broken box must never yield a result
            raise ValidationError(
                _("Số phiếu không khớp số thành viên đã bỏ phiếu; hãy báo quản trị.")
            )
        counts[item_id] = rules.Counts(
            choices[Choice.APPROVE], choices[Choice.REJECT], choices[Choice.BLANK]
        )
    return counts


def _reshuffle_ballots(session: Session) -> None:
    """Rewrite the session's ballots with new keys in a random order: row ids, physical order
    and transaction stamps of the rows no longer say when each ballot was cast."""
    rows = list(Ballot.objects.filter(item__session=session).values_list("item_id", "choice"))
    Ballot.objects.filter(item__session=session).delete()
    _RNG.shuffle(rows)
    Ballot.objects.bulk_create(
        Ballot(id=uuid.uuid4(), item_id=item_id, choice=choice) for item_id, choice in rows
    )


def _proposal_after_vote(item: AgendaItem, actor: Any) -> None:
    from thidua.awards.services.proposals import proposal_council_result

    proposal = Proposal.objects.get(pk=item.proposal_id)
    if proposal.status != ProposalStatus.AT_COUNCIL:
        return
    note = _("Kết quả bỏ phiếu: %(a)s/%(b)s phiếu đồng ý (%(o)s).") % {
        "a": item.approve_count,
        "b": item.base_count,
        "o": item.get_outcome_display(),
    }
    proposal_council_result(proposal, passed=item.outcome == Outcome.PASSED, actor=actor, note=note)


def _notify_closed(session: Session) -> None:
    from django.urls import reverse

    from thidua.notifications.services import notify

    users = [m.user_id for m in session.council.members.all()]
    notify(
        users,
        kind="awards.session_closed",
        title=_("Đã có kết quả bỏ phiếu: %(s)s") % {"s": session.name},
        url=reverse("awards:session_detail", args=[session.pk]),
        dedupe_key=f"awards.session_closed.{session.pk}",
    )
