"""Writes of award decisions: draft (by hand or from a closed council session), edit the draft,
issue (number from the outgoing register, money on the decision date, the .docx, the ledger,
the certificates), revoke with a reason. An issued decision never changes; a revocation marks
the awards and their ledger entries revoked and keeps everything else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.awards import council_access as access
from thidua.awards.models import (
    AgendaItem,
    Authority,
    Awardee,
    AwardEntry,
    Decision,
    DecisionStatus,
    EntrySource,
    MemberPosition,
    Outcome,
    Proposal,
    ProposalStatus,
    Session,
    SessionStatus,
    Title,
)
from thidua.awards.services.money import award_amount, base_salary_on
from thidua.core import audit
from thidua.documents.services import number_reserve
from thidua.org.models import Agency, Person
from thidua.org.services.common import require

audit.register_actions(
    {
        "thidua.decision_draft": (N_("Dự thảo quyết định"), N_("Đã dự thảo quyết định")),
        "thidua.decision_update": (N_("Sửa dự thảo quyết định"), N_("Đã sửa dự thảo")),
        "thidua.decision_issue": (N_("Ban hành quyết định"), N_("Đã ban hành quyết định")),
        "thidua.decision_revoke": (N_("Thu hồi khen thưởng"), N_("Đã thu hồi khen thưởng")),
    }
)

DRAFT_FIELDS = {"summary", "year", "signer_authority", "signer_position", "signer_name"}


def _locked_draft(decision: Decision, actor: Any) -> Decision:
    decision = Decision.objects.select_for_update().select_related("agency").get(pk=decision.pk)
    require(access.can_draft_decisions(actor, decision.agency.path))
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(
            _(
                "Quyết định %(s)s đã ban hành, không thể sửa. Muốn đính chính hãy ban hành "
                "quyết định mới; muốn hủy bỏ hãy thu hồi."
            )
            % {"s": decision.symbol}
        )
    return decision


def decision_draft(
    *,
    agency: Agency,
    summary: str,
    year: int,
    signer_position: str,
    signer_name: str,
    signer_authority: str = "",
    session: Session | None = None,
    actor: Any,
) -> Decision:
    require(access.can_draft_decisions(actor, agency.path))
    if not summary.strip():
        raise ValidationError(_("Hãy nhập trích yếu của quyết định."))
    with transaction.atomic():
        decision = Decision.objects.create(
            agency=agency,
            session=session,
            summary=summary.strip(),
            year=year,
            signer_authority=signer_authority.strip(),
            signer_position=signer_position.strip(),
            signer_name=signer_name.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(decision, "thidua.decision_draft", actor=actor)
    return decision


def decision_update(decision: Decision, *, fields: dict[str, Any], actor: Any) -> Decision:
    with transaction.atomic():
        decision = _locked_draft(decision, actor)
        unknown = set(fields) - DRAFT_FIELDS
        if unknown:
            raise ValueError(f"Unexpected fields: {sorted(unknown)}")
        before = audit.snapshot(decision, list(fields))
        for name, value in fields.items():
            setattr(decision, name, value.strip() if isinstance(value, str) else value)
        decision.save()
        audit.record(
            decision,
            "thidua.decision_update",
            actor=actor,
            changes=audit.diff(before, audit.snapshot(decision, list(fields))),
        )
    return decision


def _decides_here(title: Title, agency: Agency) -> bool:
    """Whether the agency's head decides this title: agency-level titles at a department, and
    the provincial chair's titles at the province."""
    if agency.kind == Agency.Kind.PROVINCE:
        return title.authority == Authority.PROVINCE_CHAIR
    return title.authority == Authority.AGENCY_HEAD


def decision_draft_from_session(session: Session, *, actor: Any) -> Decision:
    """A draft listing every dossier the session passed that this agency's head decides."""
    session = Session.objects.select_related("council__agency").get(pk=session.pk)
    agency = session.council.agency
    if session.status != SessionStatus.CLOSED:
        raise ValidationError(_("Chỉ dự thảo quyết định khi phiên họp đã có kết quả."))
    items = [
        item
        for item in AgendaItem.objects.filter(
            session=session, outcome=Outcome.PASSED, proposal__isnull=False
        ).select_related("proposal", "title")
        if _decides_here(item.title, agency)
    ]
    if not items:
        raise ValidationError(
            _(
                "Phiên họp không có hồ sơ nào đạt thuộc thẩm quyền quyết định của %(a)s; hồ "
                "sơ thuộc thẩm quyền cấp trên được trình lên cấp trên."
            )
            % {"a": agency.name}
        )
    chair = session.council.members.filter(position=MemberPosition.CHAIR).first()
    titles = sorted({item.title.name for item in items})
    with transaction.atomic():
        decision = decision_draft(
            agency=agency,
            summary=_("Về việc tặng %(t)s năm %(y)s") % {"t": ", ".join(titles), "y": session.year},
            year=session.year,
            signer_position=_("Giám đốc"),
            signer_name=chair.display_name if chair else "",
            session=session,
            actor=actor,
        )
        for item in items:
            awardee_add(decision, proposal=item.proposal, actor=actor)
    return decision


def _unit_name(person: Person | None, agency: Agency | None) -> str:
    if person is not None:
        where = person.agency.name
        return f"{person.position}, {where}" if person.position else where
    if agency is not None and agency.parent_id:
        return Agency.objects.get(pk=agency.parent_id).name
    return ""


def awardee_add(
    decision: Decision,
    *,
    proposal: Proposal | None = None,
    title: Title | None = None,
    person: Person | None = None,
    agency: Agency | None = None,
    actor: Any,
) -> Awardee:
    """Add a nominee (from a passed dossier, or named directly) to a draft."""
    with transaction.atomic():
        decision = _locked_draft(decision, actor)
        if proposal is not None:
            title, person, agency = proposal.title, proposal.person, proposal.nominee_agency
        if title is None or (person is None) == (agency is None):
            raise ValidationError(_("Hãy chọn danh hiệu và một cá nhân hoặc một tập thể."))
        holder = {"person": person} if person else {"agency": agency}
        if decision.awardees.filter(title=title, **holder).exists():
            raise ValidationError(_("Người (tập thể) này đã có trong dự thảo với cùng danh hiệu."))
        awardee = Awardee.objects.create(
            decision=decision,
            position=decision.awardees.count() + 1,
            title=title,
            proposal=proposal,
            name=person.full_name if person else agency.name,
            unit_name=_unit_name(person, agency),
            coefficient=title.money_coefficient,
            **holder,
        )
        audit.record(decision, "thidua.decision_update", actor=actor, note=f"+ {awardee}")
    return awardee


def awardee_remove(awardee: Awardee, *, actor: Any) -> None:
    with transaction.atomic():
        decision = _locked_draft(awardee.decision, actor)
        audit.record(decision, "thidua.decision_update", actor=actor, note=f"- {awardee}")
        awardee.delete()


def decision_issue(decision: Decision, *, date: dt.date, actor: Any) -> Decision:
    """Issue: take the number, fix the money on the base salary in force on ``date``, render the
    .docx, write the ledger, make the certificates, move the dossiers to "issued"."""
    from thidua.awards.services.certificates import certificates_create
    from thidua.awards.services.decision_document import decision_docx

    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("agency").get(pk=decision.pk)
        require(
            access.can_issue_decisions(actor, decision.agency.path),
            _("Chỉ Lãnh đạo hoặc Văn phòng được ban hành quyết định khen thưởng."),
        )
        if decision.status != DecisionStatus.DRAFT:
            raise ValidationError(_("Quyết định này đã được ban hành."))
        awardees = list(decision.awardees.select_related("title", "person", "agency", "proposal"))
        if not awardees:
            raise ValidationError(_("Dự thảo chưa có người, tập thể nào được khen thưởng."))
        if not decision.signer_name or not decision.signer_position:
            raise ValidationError(_("Hãy nhập người ký và chức vụ người ký trước khi ban hành."))
        salary = base_salary_on(date)
        for awardee in awardees:
            awardee.amount = award_amount(awardee.coefficient, salary.amount)
        Awardee.objects.bulk_update(awardees, ["amount"])
        entry = number_reserve(
            agency=decision.agency,
            type_abbr="QĐ",
            date=date,
            summary=decision.summary,
            actor=actor,
        )
        decision.number = entry
        decision.agency = entry.agency  # after a merger the successor issues
        decision.symbol = entry.symbol
        decision.date = date
        decision.base_salary = salary.amount
        decision.status = DecisionStatus.ISSUED
        decision.issued_at = timezone.now()
        decision.issued_by = actor
        for awardee in awardees:
            awardee.ledger_entry = _ledger_record(decision, awardee, actor)
        Awardee.objects.bulk_update(awardees, ["ledger_entry"])
        decision.file.save(
            f"quyet-dinh-{entry.number:02d}-{date.year}.docx",
            ContentFile(decision_docx(decision, awardees)),
            save=False,
        )
        decision.save()
        certificates_create(decision, awardees)
        for awardee in awardees:
            if awardee.proposal_id:
                _proposal_issued(awardee.proposal_id, decision, actor)
        audit.record(decision, "thidua.decision_issue", actor=actor, note=decision.symbol)
    return decision


def _ledger_record(decision: Decision, awardee: Awardee, actor: Any) -> AwardEntry:
    from thidua.awards.services.ledger import award_entry_record

    return award_entry_record(
        actor=actor,
        title=awardee.title,
        year=decision.year,
        person=awardee.person,
        agency=awardee.agency,
        decision_number=decision.symbol,
        decision_date=decision.date,
        issuer_name=decision.agency.name,
        proposal=awardee.proposal,
        source=EntrySource.DECISION,
        check_permission=False,
    )


def _proposal_issued(proposal_id: int, decision: Decision, actor: Any) -> None:
    from thidua.awards.services.proposals import proposal_issue

    proposal = Proposal.objects.get(pk=proposal_id)
    if proposal.status != ProposalStatus.DECIDED:
        return
    note = _("Quyết định số %(s)s ngày %(d)s.") % {
        "s": decision.symbol,
        "d": decision.date.strftime("%d/%m/%Y"),
    }
    proposal_issue(proposal, actor=actor, note=note)


def decision_revoke(
    decision: Decision,
    *,
    reason: str,
    awardees: list[Awardee] | None = None,
    actor: Any,
) -> Decision:
    """Revoke the awards (all, or the given awardees) of an issued decision: each ledger entry
    is marked revoked (eligibility no longer counts it) and the certificates show it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do thu hồi (ví dụ: kê khai không trung thực)."))
    from thidua.awards.services.ledger import award_entry_revoke

    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("agency").get(pk=decision.pk)
        require(access.can_issue_decisions(actor, decision.agency.path))
        if decision.status == DecisionStatus.DRAFT:
            raise ValidationError(_("Dự thảo chưa ban hành; hãy sửa hoặc xóa người trong dự thảo."))
        targets = decision.awardees.filter(revoked_at__isnull=True)
        if awardees is not None:
            targets = targets.filter(pk__in=[a.pk for a in awardees])
        targets = list(targets.select_related("ledger_entry"))
        if not targets:
            raise ValidationError(_("Không còn khen thưởng nào của quyết định này để thu hồi."))
        now = timezone.now()
        for awardee in targets:
            awardee.revoked_at = now
            awardee.revoke_reason = reason
            if awardee.ledger_entry_id and awardee.ledger_entry.revoked_at is None:
                award_entry_revoke(
                    awardee.ledger_entry, actor=actor, reason=reason, check_permission=False
                )
        Awardee.objects.bulk_update(targets, ["revoked_at", "revoke_reason"])
        if not decision.awardees.filter(revoked_at__isnull=True).exists():
            decision.status = DecisionStatus.REVOKED
            decision.revoked_at = now
            decision.revoked_by = actor
            decision.revoke_reason = reason
            decision.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason"])
        names = ", ".join(a.name for a in targets)
        audit.record(decision, "thidua.decision_revoke", actor=actor, note=f"{names}: {reason}")
    return decision
