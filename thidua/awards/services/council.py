"""Writes of councils and their sessions: members, agenda, attendance, opening the vote, secret
ballots, paper tallies and closing the vote. One transaction each, audited.

Secrecy (see models/council.py): ``ballot_cast`` writes the participation rows and the ballot
rows of one member in the same transaction (so a member votes once, even from two browsers at
the same instant: the unique participation makes the second transaction roll back whole), but
nothing ties one to the other; the audit entry says only that the member voted. When the chair
closes the vote, each item is counted once and its ballots are rewritten in a random order.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.awards import council_access as access
from thidua.awards.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotMode,
    Choice,
    Council,
    CouncilKind,
    CouncilMember,
    ItemKind,
    MemberPosition,
    Outcome,
    PaperTally,
    Participation,
    Proposal,
    ProposalStatus,
    Recusal,
    Session,
    SessionStatus,
)
from thidua.awards.models.council import VOTING_POSITIONS
from thidua.awards.services import ballot as rules
from thidua.core import audit
from thidua.org.models import Agency, Person, RoleAssignment
from thidua.org.models.role import Role

audit.register_actions(
    {
        "thidua.council_create": (N_("Lập hội đồng"), N_("Đã lập hội đồng")),
        "thidua.council_member_add": (N_("Thêm thành viên hội đồng"), N_("Đã thêm thành viên")),
        "thidua.council_member_remove": (N_("Bớt thành viên hội đồng"), N_("Đã bớt thành viên")),
        "thidua.session_create": (N_("Tạo phiên họp"), N_("Đã tạo phiên họp")),
        "thidua.session_agenda": (N_("Sửa chương trình phiên họp"), N_("Đã sửa chương trình")),
        "thidua.session_attendance": (N_("Điểm danh"), N_("Đã điểm danh")),
        "thidua.session_open": (N_("Mở bỏ phiếu"), N_("Đã mở bỏ phiếu")),
        "thidua.ballot_cast": (N_("Bỏ phiếu"), N_("Một thành viên đã bỏ phiếu")),
        "thidua.paper_tally": (N_("Nhập kết quả kiểm phiếu"), N_("Đã nhập kết quả kiểm phiếu")),
        "thidua.session_close": (N_("Kết thúc bỏ phiếu"), N_("Đã kết thúc bỏ phiếu")),
        "thidua.minutes_generate": (N_("Lập biên bản"), N_("Đã lập biên bản")),
    }
)

# Who may sit on a council, by seat: the role the user must hold at (or above) its agency.
SEAT_ROLES = {
    CouncilKind.COUNCIL: {
        MemberPosition.SECRETARY: {Role.COUNCIL_SECRETARY},
        MemberPosition.CHAIR: {Role.COUNCIL_MEMBER, Role.LEADERSHIP},
        MemberPosition.VICE_CHAIR: {Role.COUNCIL_MEMBER, Role.LEADERSHIP},
        MemberPosition.MEMBER: {Role.COUNCIL_MEMBER, Role.LEADERSHIP},
    },
}
BLOC_SEAT_ROLES = {Role.LEADERSHIP, Role.UNIT_HEAD, Role.OFFICE, Role.COUNCIL_MEMBER}
_RNG = random.SystemRandom()


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


# --- Councils ------------------------------------------------------------------------------------
def council_create(
    *,
    agency: Agency,
    name: str,
    term_start: dt.date,
    term_end: dt.date | None = None,
    kind: str = CouncilKind.COUNCIL,
    bloc: Any = None,
    quorum_percent: int = 50,
    threshold_percent: int = 50,
    actor: Any,
) -> Council:
    _require(access.can_manage_councils_of(actor, agency.path))
    if term_end and term_end < term_start:
        raise ValidationError(_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."))
    if kind == CouncilKind.BLOC and bloc is None:
        raise ValidationError(_("Hãy chọn khối thi đua sẽ bầu khối trưởng."))
    for value in (quorum_percent, threshold_percent):
        if not 1 <= value <= 100:
            raise ValidationError(_("Tỷ lệ phải từ 1 đến 100%."))
    with transaction.atomic():
        council = Council.objects.create(
            agency=agency,
            name=name.strip(),
            term_start=term_start,
            term_end=term_end,
            kind=kind,
            bloc=bloc,
            quorum_percent=quorum_percent,
            threshold_percent=threshold_percent,
        )
        audit.record(council, "thidua.council_create", actor=actor)
    return council


def _holds_role(user: Any, agency: Agency, roles: set[str]) -> bool:
    """A role held at the agency, above it, or in one of its units (a council member may work
    in a division of the agency whose council it is)."""
    ancestors = [*agency.ancestor_ids(), agency.pk]
    return (
        RoleAssignment.objects.filter(user_id=user.pk, role__in=roles)
        .filter(Q(agency_id__in=ancestors) | Q(agency__path__startswith=agency.path))
        .exists()
    )


def _may_sit(council: Council, user: Any, position: str) -> bool:
    if council.kind == CouncilKind.BLOC:
        if position == MemberPosition.SECRETARY:
            return _holds_role(user, council.agency, {Role.OFFICE, Role.COUNCIL_SECRETARY})
        member_agencies = council.bloc.members.all() if council.bloc else Agency.objects.none()
        return any(_holds_role(user, a, BLOC_SEAT_ROLES) for a in member_agencies)
    return _holds_role(user, council.agency, SEAT_ROLES[CouncilKind.COUNCIL][position])


def council_member_add(
    council: Council, *, user: Any, position: str = MemberPosition.MEMBER, actor: Any
) -> CouncilMember:
    """Seat a user: members need the council_member (or leadership) role at the agency, the
    secretary the council_secretary role; one chair per council."""
    _require(access.can_manage_councils_of(actor, council.agency.path))
    if position not in MemberPosition.values:
        raise ValidationError(_("Chức danh trong Hội đồng không hợp lệ."))
    if not _may_sit(council, user, position):
        raise ValidationError(
            _(
                "Tài khoản %(user)s chưa có vai trò phù hợp tại %(agency)s. Thành viên cần vai "
                "trò «Thành viên Hội đồng TĐKT» (hoặc «Lãnh đạo»); thư ký cần vai trò «Thư ký "
                "Hội đồng TĐKT». Hãy giao vai trò trước (Tổ chức → Vai trò)."
            )
            % {"user": user.get_username(), "agency": council.agency.name}
        )
    person = Person.objects.filter(user_id=user.pk).first()
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)
        if CouncilMember.objects.filter(council=council, user_id=user.pk).exists():
            raise ValidationError(_("Người này đã là thành viên của hội đồng."))
        if (
            position == MemberPosition.CHAIR
            and CouncilMember.objects.filter(council=council, position=position).exists()
        ):
            raise ValidationError(_("Hội đồng đã có Chủ tịch; hãy bớt người cũ trước."))
        member = CouncilMember.objects.create(
            council=council,
            user=user,
            position=position,
            display_name=person.full_name if person else user.get_username(),
            job_title=person.position if person else "",
        )
        audit.record(council, "thidua.council_member_add", actor=actor, note=str(member))
    return member


def council_member_remove(member: CouncilMember, *, actor: Any) -> None:
    council = member.council
    _require(access.can_manage_councils_of(actor, council.agency.path))
    with transaction.atomic():
        if Attendance.objects.filter(member=member).exists():
            raise ValidationError(
                _("Thành viên đã dự phiên họp của hội đồng; hồ sơ phiên họp phải giữ nguyên.")
            )
        audit.record(council, "thidua.council_member_remove", actor=actor, note=str(member))
        member.delete()


def voting_members(council: Council) -> list[CouncilMember]:
    return list(council.members.filter(position__in=VOTING_POSITIONS))


# --- Sessions and agenda -------------------------------------------------------------------------
def session_create(
    council: Council,
    *,
    name: str,
    year: int,
    date: dt.date,
    place: str = "",
    mode: str = BallotMode.ELECTRONIC,
    actor: Any,
) -> Session:
    _require(access.can_prepare_session(actor, council))
    if mode not in BallotMode.values:
        raise ValidationError(_("Hình thức bỏ phiếu không hợp lệ."))
    with transaction.atomic():
        session = Session.objects.create(
            council=council,
            name=name.strip(),
            year=year,
            date=date,
            place=place.strip(),
            mode=mode,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        # Everyone present until the secretary says otherwise.
        Attendance.objects.bulk_create(
            Attendance(session=session, member=m, present=True) for m in council.members.all()
        )
        audit.record(session, "thidua.session_create", actor=actor)
    return session


def _locked_draft(session: Session, actor: Any) -> Session:
    session = (
        Session.objects.select_for_update().select_related("council__agency").get(pk=session.pk)
    )
    _require(access.can_prepare_session(actor, session.council))
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(
            _("Phiên họp đã mở bỏ phiếu; không thể sửa chương trình hay điểm danh.")
        )
    return session


def session_item_add(
    session: Session,
    *,
    proposal: Proposal | None = None,
    nominee_agency: Agency | None = None,
    label: str = "",
    actor: Any,
) -> AgendaItem:
    """Put a dossier (at the council step) or, for a bloc, a candidate leader on the agenda."""
    with transaction.atomic():
        session = _locked_draft(session, actor)
        position = session.items.count() + 1
        if proposal is not None:
            proposal = Proposal.objects.select_related("title", "person", "nominee_agency").get(
                pk=proposal.pk
            )
            if proposal.status != ProposalStatus.AT_COUNCIL:
                raise ValidationError(
                    _("Hồ sơ «%(p)s» chưa được trình Hội đồng (trạng thái: %(s)s).")
                    % {"p": proposal, "s": proposal.get_status_display()}
                )
            if session.items.filter(proposal=proposal).exists():
                raise ValidationError(_("Hồ sơ này đã có trong chương trình phiên họp."))
            item = AgendaItem.objects.create(
                session=session,
                position=position,
                kind=ItemKind.PROPOSAL,
                proposal=proposal,
                title=proposal.title,
                nominee_person=proposal.person,
                nominee_agency=proposal.nominee_agency,
                label=label or f"{proposal.title.name}: {proposal.nominee_name}",
            )
        elif nominee_agency is not None:
            council = session.council
            if council.kind != CouncilKind.BLOC or not (
                council.bloc and council.bloc.members.filter(pk=nominee_agency.pk).exists()
            ):
                raise ValidationError(_("Chỉ bầu khối trưởng trong số thành viên của khối."))
            item = AgendaItem.objects.create(
                session=session,
                position=position,
                kind=ItemKind.BLOC_LEADER,
                nominee_agency=nominee_agency,
                label=label
                or _("Khối trưởng năm %(y)s: %(a)s")
                % {"y": session.year, "a": nominee_agency.name},
            )
        else:
            raise ValidationError(_("Hãy chọn hồ sơ hoặc đơn vị để đưa ra biểu quyết."))
        audit.record(session, "thidua.session_agenda", actor=actor, note=item.label)
    return item


def session_item_remove(item: AgendaItem, *, actor: Any) -> None:
    with transaction.atomic():
        session = _locked_draft(item.session, actor)
        audit.record(session, "thidua.session_agenda", actor=actor, note=f"- {item.label}")
        item.delete()


def session_attendance_set(session: Session, *, present: list[int], actor: Any) -> None:
    """``present``: ids of the council members present; everyone else is absent."""
    with transaction.atomic():
        session = _locked_draft(session, actor)
        rows = list(session.attendance.select_related("member"))
        for row in rows:
            row.present = row.member_id in set(present)
        Attendance.objects.bulk_update(rows, ["present"])
        names = ", ".join(r.member.display_name for r in rows if r.present)
        audit.record(session, "thidua.session_attendance", actor=actor, note=names)


def recusals_for(item: AgendaItem, members: list[CouncilMember]) -> dict[int, str]:
    """member id -> reason, for members who may not vote on the item: the nominee (or, for a
    collective, someone working in it), and the head of the nominee's unit (unit_head, or
    leadership for a collective, held at that very agency)."""
    person = item.nominee_person
    collective = None if person else item.nominee_agency
    unit_id = person.agency_id if person else (collective.pk if collective else None)
    if unit_id is None:
        return {}
    head_roles = [Role.UNIT_HEAD] if person else [Role.UNIT_HEAD, Role.LEADERSHIP]
    heads = set(
        RoleAssignment.objects.filter(agency_id=unit_id, role__in=head_roles).values_list(
            "user_id", flat=True
        )
    )
    workplace = dict(
        Person.objects.filter(user_id__in=[m.user_id for m in members]).values_list(
            "user_id", "agency_id"
        )
    )
    recused: dict[int, str] = {}
    for member in members:
        is_nominee = person is not None and person.user_id == member.user_id
        in_collective = collective is not None and workplace.get(member.user_id) == collective.pk
        if is_nominee or in_collective:
            recused[member.pk] = Recusal.Reason.NOMINEE
        elif member.user_id in heads:
            recused[member.pk] = Recusal.Reason.SUPERIOR
    return recused


def session_open(session: Session, *, actor: Any) -> Session:
    """Open the vote: the agenda is fixed, the council quorate, each item's rule copied from
    the catalogue and each conflicted member recused."""
    with transaction.atomic():
        session = _locked_draft(session, actor)
        council = session.council
        items = list(session.items.select_related("title", "nominee_person", "nominee_agency"))
        if not items:
            raise ValidationError(_("Chương trình phiên họp chưa có nội dung nào để biểu quyết."))
        members = voting_members(council)
        present_ids = set(
            session.attendance.filter(present=True).values_list("member_id", flat=True)
        )
        present = [m for m in members if m.pk in present_ids]
        if not rules.quorum_met(
            present=len(present), members=len(members), percent=council.quorum_percent
        ):
            raise ValidationError(
                _(
                    "Chưa đủ số thành viên để họp: có mặt %(p)s/%(n)s, cần tối thiểu %(q)s%% "
                    "thành viên có quyền biểu quyết. Hãy điểm danh lại hoặc dời phiên họp."
                )
                % {"p": len(present), "n": len(members), "q": council.quorum_percent}
            )
        for item in items:
            title = item.title
            if title is not None:
                item.quorum_percent = title.ballot_quorum_percent
                item.threshold_percent = title.ballot_threshold_percent
                item.basis = title.ballot_basis
            else:
                item.quorum_percent = council.quorum_percent
                item.threshold_percent = council.threshold_percent
                item.basis = rules.ALL_MEMBERS
            Recusal.objects.bulk_create(
                Recusal(item=item, member_id=member_id, reason=reason)
                for member_id, reason in recusals_for(item, members).items()
            )
        AgendaItem.objects.bulk_update(items, ["quorum_percent", "threshold_percent", "basis"])
        session.status = SessionStatus.VOTING
        session.opened_at = timezone.now()
        session.save(update_fields=["status", "opened_at"])
        audit.record(session, "thidua.session_open", actor=actor)
    return session


# --- Voting --------------------------------------------------------------------------------------
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
        _require(
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
        _require(access.can_prepare_session(actor, session.council))
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
        _require(
            access.can_close_session(actor, session.council),
            _("Chỉ Chủ tịch Hội đồng được kết thúc bỏ phiếu."),
        )
        if session.status != SessionStatus.VOTING:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        members, present = _attendance(session)
        items = list(session.items.select_related("proposal"))
        if session.mode == BallotMode.PAPER:
            missing = [i.label for i in items if not PaperTally.objects.filter(item=i).exists()]
            if missing:
                raise ValidationError(
                    _("Thư ký chưa nhập kết quả kiểm phiếu cho: %(items)s.")
                    % {"items": "; ".join(missing)}
                )
        for item in items:
            counts = _counts(session, item)
            recused = set(item.recusals.values_list("member_id", flat=True))
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


def _counts(session: Session, item: AgendaItem) -> rules.Counts:
    if session.mode == BallotMode.PAPER:
        tally = item.paper_tally
        return rules.Counts(tally.approve, tally.reject, tally.blank)
    tallied = Counter(Ballot.objects.filter(item=item).values_list("choice", flat=True))
    voters = Participation.objects.filter(item=item).count()
    if sum(tallied.values()) != voters:  # a broken box must never yield a result
        raise ValidationError(_("Số phiếu không khớp số thành viên đã bỏ phiếu; hãy báo quản trị."))
    return rules.Counts(
        tallied.get(Choice.APPROVE, 0), tallied.get(Choice.REJECT, 0), tallied.get(Choice.BLANK, 0)
    )


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
