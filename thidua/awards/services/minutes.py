"""The minutes (biên bản, type BB) of a closed session, as a Decree 30 .docx numbered from the
agency's outgoing register."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.admindoc.model import AdminDocument, Section, Signer
from thidua.admindoc.render import render
from thidua.awards import council_access as access
from thidua.awards.models import (
    AgendaItem,
    BallotMode,
    CouncilKind,
    MemberPosition,
    Outcome,
    Recusal,
    Session,
    SessionStatus,
)
from thidua.awards.services.paperwork import parent_body_of, place_of
from thidua.core import audit
from thidua.core.i18n import in_official_language
from thidua.core.text import format_date
from thidua.documents.services import number_reserve


def minutes_generate(session: Session, *, actor: Any) -> Session:
    """Number (once) and render the minutes of a closed session; regenerating keeps the number."""
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("council__agency").get(pk=session.pk)
        )
        if not access.can_prepare_session(actor, session.council):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_("Chỉ thư ký Hội đồng hoặc Văn phòng lập biên bản."))
        if session.status != SessionStatus.CLOSED:
            raise ValidationError(_("Chỉ lập biên bản sau khi Chủ tịch kết thúc bỏ phiếu."))
        if session.minutes_number is None:
            session.minutes_number = number_reserve(
                agency=session.council.agency,
                type_abbr="BB",
                date=session.date,
                summary=_minutes_summary(session),
                actor=actor,
            )
        data = render(minutes_document(session))
        session.minutes_file.save(
            f"bien-ban-{session.minutes_number.number:02d}-{session.date.year}.docx",
            ContentFile(data),
            save=False,
        )
        session.save(update_fields=["minutes_number", "minutes_file"])
        audit.record(
            session, "thidua.minutes_generate", actor=actor, note=session.minutes_number.symbol
        )
    return session


def _minutes_summary(session: Session) -> str:
    if session.council.kind == CouncilKind.BLOC:
        return _("Họp bầu khối trưởng %(b)s năm %(y)s") % {
            "b": session.council.name,
            "y": session.year,
        }
    return _("Họp %(c)s xét khen thưởng năm %(y)s") % {"c": session.council.name, "y": session.year}


@in_official_language
def minutes_document(session: Session) -> AdminDocument:
    council = session.council
    agency = council.agency
    members = list(council.members.all())
    present_ids = set(session.attendance.filter(present=True).values_list("member_id", flat=True))
    voting = [m for m in members if m.votes]
    chair = next((m for m in members if m.position == MemberPosition.CHAIR), None)
    secretary = next((m for m in members if m.position == MemberPosition.SECRETARY), None)
    absent = [m.display_name for m in voting if m.pk not in present_ids]
    items = list(
        session.items.select_related("title")
        .prefetch_related("recusals__member")
        .order_by("position", "id")
    )
    mode = (
        _("bỏ phiếu kín bằng phiếu điện tử")
        if session.mode == BallotMode.ELECTRONIC
        else _("bỏ phiếu kín bằng phiếu giấy, Ban kiểm phiếu kiểm và thư ký nhập kết quả")
    )
    sections = [
        Section(
            "I",
            _("Thời gian, địa điểm"),
            _("Vào ngày %(d)s, tại %(p)s, %(c)s họp %(s)s.")
            % {
                "d": format_date(session.date),
                "p": session.place or agency.name,
                "c": council.name,
                "s": session.name.lower() if session.name else "",
            },
        ),
        Section(
            "II",
            _("Thành phần"),
            "\n".join(
                line
                for line in (
                    _("Chủ trì: %(n)s, Chủ tịch Hội đồng.") % {"n": chair.display_name}
                    if chair
                    else "",
                    _("Thư ký: %(n)s.") % {"n": secretary.display_name} if secretary else "",
                    _("Có mặt %(p)s/%(n)s thành viên có quyền biểu quyết.")
                    % {"p": len([m for m in voting if m.pk in present_ids]), "n": len(voting)},
                    _("Vắng mặt: %(a)s.") % {"a": ", ".join(absent)} if absent else "",
                )
                if line
            ),
        ),
        Section(
            "III",
            _("Nội dung và kết quả biểu quyết"),
            _("Hội đồng xem xét %(n)s nội dung và %(m)s.") % {"n": len(items), "m": mode},
            children=[_item_section(index, item) for index, item in enumerate(items, start=1)],
        ),
        Section("IV", _("Kết luận"), _conclusion(items)),
    ]
    number = session.minutes_number.symbol if session.minutes_number else None
    return (
        AdminDocument(
            parent_body=agency.name.upper(),
            issuer=council.name.upper() if council.kind == CouncilKind.COUNCIL else None,
            number=number,
            type_abbr="BB",
            type_name="Biên bản",
            place=place_of(agency),
            date=session.date,
            title=_minutes_summary(session),
            sections=sections,
            recipients=[_("Thành viên Hội đồng"), _("Lưu: VT, HĐTĐKT")],
            signer=Signer(
                authority=None,
                positions=[_("Chủ tịch Hội đồng")],
                name=chair.display_name if chair else None,
            ),
        )
        if council.kind == CouncilKind.COUNCIL
        else AdminDocument(
            parent_body=parent_body_of(agency),
            issuer=agency.name.upper(),
            number=number,
            type_abbr="BB",
            type_name="Biên bản",
            place=place_of(agency),
            date=session.date,
            title=_minutes_summary(session),
            sections=sections,
            recipients=[_("Các thành viên khối"), _("Lưu: VT")],
            signer=Signer(positions=[_("Chủ trì")], name=chair.display_name if chair else None),
        )
    )


def _item_section(index: int, item: AgendaItem) -> Section:
    lines = [
        _(
            "Số phiếu đồng ý: %(a)s/%(b)s (%(p)s%%); không đồng ý: %(r)s; không biểu quyết: "
            "%(k)s. Tỷ lệ cần đạt: %(t)s%% %(basis)s."
        )
        % {
            "a": item.approve_count or 0,
            "b": item.base_count or 0,
            "p": str(item.approve_percent or 0).replace(".", ","),
            "r": item.reject_count or 0,
            "k": item.blank_count or 0,
            "t": item.threshold_percent or 0,
            "basis": _("trên tổng số thành viên")
            if item.basis == "all_members"
            else _("trên số thành viên có mặt"),
        }
    ]
    recusals = list(item.recusals.all())
    if recusals:
        lines.append(
            _("Không tham gia biểu quyết: %(n)s.")
            % {
                "n": "; ".join(
                    f"{r.member.display_name} ({Recusal.Reason(r.reason).label.lower()})"
                    for r in recusals
                )
            }
        )
    lines.append(_("Kết quả: %(o)s.") % {"o": item.get_outcome_display()})
    return Section(str(index), f"{item.label}.", "\n".join(lines))


def _conclusion(items: list[AgendaItem]) -> str:
    passed = [i for i in items if i.outcome == Outcome.PASSED]
    lines = [
        _("Số nội dung đạt tỷ lệ phiếu đồng ý: %(p)s/%(n)s.") % {"p": len(passed), "n": len(items)},
        _(
            "Biên bản kết thúc cùng ngày, đã được đọc lại cho các thành viên dự họp nghe và "
            "nhất trí thông qua."
        ),
    ]
    return "\n".join(lines)
