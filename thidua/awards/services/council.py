"""Writes of councils and their sessions: members, agenda, attendance, recusals and opening the
vote. One transaction each, audited.

Casting, tallying and closing the vote are in ``services/voting.py``; the audit actions of both
modules are registered here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.awards import council_access as access
from thidua.awards.models import (
    AgendaItem,
    Attendance,
    BallotMode,
    Council,
    CouncilKind,
    CouncilMember,
    ItemKind,
    MemberPosition,
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
from thidua.org.services.common import require

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
    require(access.can_manage_councils_of(actor, agency.path))
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
    require(access.can_manage_councils_of(actor, council.agency.path))
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
    require(access.can_manage_councils_of(actor, council.agency.path))
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
    require(access.can_prepare_session(actor, council))
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
    require(access.can_prepare_session(actor, session.council))
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
