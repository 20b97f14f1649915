"""Writes of nomination dossiers: one function per step, each in one transaction, with the
permission check inside, a ``ProposalStep`` row, an audit entry and notifications on commit.

draft → submitted (unit) → checked (Office: complete and eligible) → publicised (when the title
requires it, for N working days) → at_council (Awards B) → decided / not_passed → issued;
``proposal_return`` sends it back with a reason from any step before the decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.awards import permissions as perms
from thidua.awards.eligibility.facts import evaluate_proposal
from thidua.awards.models import (
    AppliesTo,
    DocumentKind,
    Proposal,
    ProposalDocument,
    ProposalStatus,
    ProposalStep,
    StepDeadline,
    Title,
)
from thidua.awards.services.recipients import users_covering
from thidua.awards.workdays import add_working_days, holidays_between, window_end
from thidua.core import audit
from thidua.core.text import fold, format_date
from thidua.notifications.services import notify
from thidua.org.models import Agency, Person
from thidua.org.models.role import Role
from thidua.org.queries import user_scope
from thidua.org.services.common import ensure_writable, require

audit.register_actions(
    {
        "thidua.proposal_submit": (N_("Gửi hồ sơ đề nghị"), N_("Đã gửi hồ sơ đề nghị")),
        "thidua.proposal_check": (N_("Thẩm định hồ sơ"), N_("Đã thẩm định hồ sơ")),
        "thidua.proposal_publicise": (N_("Công khai hồ sơ"), N_("Đã công khai hồ sơ")),
        "thidua.proposal_to_council": (N_("Trình Hội đồng"), N_("Đã trình Hội đồng")),
        "thidua.proposal_return": (N_("Trả lại hồ sơ"), N_("Đã trả lại hồ sơ")),
        "thidua.proposal_council_result": (
            N_("Ghi kết quả Hội đồng"),
            N_("Đã ghi kết quả Hội đồng"),
        ),
        "thidua.proposal_issue": (N_("Ghi nhận quyết định"), N_("Đã ghi nhận quyết định")),
        "thidua.proposal_document": (N_("Cập nhật tài liệu hồ sơ"), N_("Đã cập nhật tài liệu")),
        "thidua.public_comment": (N_("Góp ý của nhân dân"), N_("Đã nhận góp ý")),
    }
)

S = ProposalStatus
EDITABLE = (S.DRAFT, S.RETURNED)
RETURNABLE = (S.SUBMITTED, S.CHECKED, S.PUBLICISED, S.AT_COUNCIL, S.DECIDED)
ACTIVE = (S.DRAFT, S.SUBMITTED, S.CHECKED, S.PUBLICISED, S.AT_COUNCIL, S.DECIDED, S.RETURNED)
PROPOSAL_FIELDS = {"period", "procedure", "achievements"}


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("title", "proposing_agency", "person", "nominee_agency")
        .get(pk=proposal.pk)
    )


def _url(proposal: Proposal) -> str:
    return reverse("awards:proposal_detail", args=[proposal.pk])


def _due(proposal: Proposal, today: dt.date) -> dt.date | None:
    days = (
        StepDeadline.objects.filter(procedure=proposal.procedure, status=proposal.status)
        .values_list("working_days", flat=True)
        .first()
    )
    if not days:
        return None
    return add_working_days(today, days, holidays_between(today, today + dt.timedelta(days=90)))


def _move(proposal: Proposal, to: str, *, actor: Any, note: str = "", today: dt.date) -> None:
    ProposalStep.objects.create(
        proposal=proposal,
        from_status=proposal.status,
        to_status=to,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    proposal.status = to
    proposal.due_date = _due(proposal, today)
    proposal.reminded_on = None


def _notify_on_commit(users: Any, proposal: Proposal, title: str, body: str = "") -> None:
    ids = list(users)
    key = f"awards-proposal-{proposal.pk}-{proposal.status}-{proposal.steps.count()}"
    url = _url(proposal)
    transaction.on_commit(
        lambda: notify(ids, kind="awards.proposal", title=title, body=body, url=url, dedupe_key=key)
    )


def _search_text(proposal: Proposal) -> str:
    return fold(
        " ".join(
            [
                proposal.nominee_name,
                proposal.title.name,
                proposal.title.short_name,
                str(proposal.year),
                proposal.proposing_agency.name,
            ]
        )
    )


def _check_nominee(
    title: Title, proposing_agency: Agency, person: Person | None, nominee_agency: Agency | None
) -> None:
    if (person is None) == (nominee_agency is None):
        raise ValidationError(_("Chọn một cá nhân hoặc một tập thể được đề nghị."))
    if person is not None:
        if title.applies_to == AppliesTo.COLLECTIVE:
            raise ValidationError(
                {
                    "person": _("%(title)s chỉ xét cho tập thể; hãy chọn tập thể được đề nghị.")
                    % {"title": title.name}
                }
            )
        if not person.agency.path.startswith(proposing_agency.path):
            raise ValidationError(
                {
                    "person": _(
                        "%(name)s không công tác tại %(agency)s; đơn vị chỉ đề nghị người của mình."
                    )
                    % {"name": person.full_name, "agency": proposing_agency.name}
                }
            )
    if nominee_agency is not None:
        if title.applies_to == AppliesTo.INDIVIDUAL:
            raise ValidationError(
                {
                    "nominee_agency": _(
                        "%(title)s chỉ xét cho cá nhân; hãy chọn cá nhân được đề nghị."
                    )
                    % {"title": title.name}
                }
            )
        if not nominee_agency.path.startswith(proposing_agency.path):
            raise ValidationError(
                {"nominee_agency": _("Tập thể được đề nghị phải thuộc đơn vị đề nghị.")}
            )


@transaction.atomic
def proposal_create(
    *,
    actor: Any,
    title: Title,
    year: int,
    proposing_agency: Agency,
    person: Person | None = None,
    nominee_agency: Agency | None = None,
    procedure: str = "normal",
    period: str = "",
    achievements: str = "",
) -> Proposal:
    """A unit starts a dossier for one of its people or collectives."""
    require(perms.can_draft_dossier(user_scope(actor), proposing_agency.path))
    ensure_writable(proposing_agency)
    _check_nominee(title, proposing_agency, person, nominee_agency)
    if title.valid_to and title.valid_to < dt.date(year, 1, 1):
        raise ValidationError(
            {
                "title": _("%(title)s không còn áp dụng cho năm %(year)s.")
                % {"title": title.name, "year": year}
            }
        )
    duplicate = Proposal.objects.filter(
        title=title, year=year, status__in=ACTIVE, person=person, nominee_agency=nominee_agency
    ).exists()
    if duplicate:
        raise ValidationError(
            _("Đã có hồ sơ đề nghị %(title)s năm %(year)s cho đối tượng này; hãy mở hồ sơ đó.")
            % {"title": title.name, "year": year}
        )
    proposal = Proposal(
        title=title,
        year=year,
        proposing_agency=proposing_agency,
        person=person,
        nominee_agency=nominee_agency,
        procedure=procedure,
        period=period or str(year),
        achievements=achievements,
        created_by=actor,
    )
    proposal.search_text = _search_text(proposal)
    proposal.full_clean()
    proposal.save()
    audit.record(proposal, "thidua.create", actor=actor)
    return proposal


@transaction.atomic
def proposal_update(proposal: Proposal, *, actor: Any, **fields: Any) -> Proposal:
    proposal = _locked(proposal)
    require(perms.can_draft_dossier(user_scope(actor), proposal.proposing_agency.path))
    if proposal.status not in EDITABLE:
        raise ValidationError(_("Hồ sơ đã gửi không sửa được; Văn phòng có thể trả lại để sửa."))
    unknown = set(fields) - PROPOSAL_FIELDS
    if unknown:
        raise ValueError(f"Unexpected fields: {sorted(unknown)}")
    before = audit.snapshot(proposal)
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save()
    audit.record(
        proposal, "thidua.update", actor=actor, changes=audit.diff(before, audit.snapshot(proposal))
    )
    return proposal


def missing_documents(proposal: Proposal) -> list[str]:
    """Labels of the documents the catalogue requires that the dossier lacks."""
    present = set(proposal.documents.values_list("kind", flat=True))
    labels = dict(DocumentKind.choices)
    return [
        str(labels.get(kind, kind))
        for kind in proposal.title.documents_for(proposal.procedure)
        if kind not in present
    ]


@transaction.atomic
def proposal_submit(proposal: Proposal, *, actor: Any, note: str = "") -> Proposal:
    """The unit sends the dossier to the Office."""
    proposal = _locked(proposal)
    require(perms.can_draft_dossier(user_scope(actor), proposal.proposing_agency.path))
    if proposal.status not in EDITABLE:
        raise ValidationError(_("Hồ sơ này đã được gửi."))
    ensure_writable(proposal.proposing_agency)
    missing = missing_documents(proposal)
    if missing:
        raise ValidationError(
            _("Hồ sơ còn thiếu: %(docs)s. Hãy tải lên trước khi gửi.")
            % {"docs": "; ".join(missing)}
        )
    today = timezone.localdate()
    _move(proposal, S.SUBMITTED, actor=actor, note=note, today=today)
    proposal.return_reason = ""
    proposal.save()
    audit.record(proposal, "thidua.proposal_submit", actor=actor, note=note)
    _notify_on_commit(
        users_covering(proposal.proposing_agency.path, {Role.OFFICE}, exclude=actor),
        proposal,
        _("Hồ sơ mới cần thẩm định: %(p)s") % {"p": proposal},
        _("%(unit)s đã gửi hồ sơ; hạn thẩm định %(due)s.")
        % {"unit": proposal.proposing_agency.name, "due": format_date(proposal.due_date)},
    )
    return proposal


@transaction.atomic
def proposal_check(proposal: Proposal, *, actor: Any, on: dt.date | None = None) -> Proposal:
    """The Office checks completeness and eligibility. Passing: the dossier moves to "checked";
    failing: it stays with the Office, the failing rules shown, to be returned with a reason.
    Either way the criteria version and each rule's result are kept on the dossier."""
    proposal = _locked(proposal)
    require(perms.can_check_dossier(user_scope(actor), proposal.proposing_agency.path))
    if proposal.status != S.SUBMITTED:
        raise ValidationError(_("Chỉ thẩm định hồ sơ đơn vị đã gửi."))
    today = on or timezone.localdate()
    version, evaluation = evaluate_proposal(proposal, today)
    missing = missing_documents(proposal)
    result = evaluation.as_dict()
    result["missing_documents"] = missing
    result["checked_on"] = today.isoformat()
    proposal.rule_version = version
    proposal.eligibility = result
    proposal.eligible = evaluation.eligible and not missing
    proposal.eligibility_checked_at = timezone.now()
    if proposal.eligible:
        _move(proposal, S.CHECKED, actor=actor, today=today)
    proposal.save()
    failing = "; ".join(r.line for r in evaluation.failing) or "; ".join(missing)
    audit.record(
        proposal,
        "thidua.proposal_check",
        actor=actor,
        note=failing,
        extra={"eligible": proposal.eligible, "rule_version": version.number},
    )
    return proposal


@transaction.atomic
def proposal_publicise(
    proposal: Proposal, *, actor: Any, start: dt.date | None = None, today: dt.date | None = None
) -> Proposal:
    """Put a checked dossier on the public list for the title's number of working days."""
    proposal = _locked(proposal)
    require(perms.can_check_dossier(user_scope(actor), proposal.proposing_agency.path))
    if proposal.status != S.CHECKED or not proposal.title.requires_publicity:
        raise ValidationError(_("Chỉ công khai hồ sơ đã thẩm định của danh hiệu phải công khai."))
    today = today or timezone.localdate()
    first = start or today
    if first < today:
        raise ValidationError(_("Ngày bắt đầu công khai không thể ở quá khứ."))
    days = proposal.title.publicity_working_days
    holidays = holidays_between(first, first + dt.timedelta(days=days * 3 + 30))
    proposal.publicity_start = first
    proposal.publicity_end = window_end(first, days, holidays)
    _move(proposal, S.PUBLICISED, actor=actor, today=today)
    proposal.due_date = proposal.publicity_end
    proposal.save()
    audit.record(
        proposal,
        "thidua.proposal_publicise",
        actor=actor,
        note=f"{format_date(first)}–{format_date(proposal.publicity_end)}",
    )
    return proposal


def publicity_open(proposal: Proposal, today: dt.date) -> bool:
    return (
        proposal.status == S.PUBLICISED
        and proposal.publicity_start is not None
        and proposal.publicity_end is not None
        and proposal.publicity_start <= today <= proposal.publicity_end
    )


@transaction.atomic
def proposal_send_to_council(
    proposal: Proposal, *, actor: Any, note: str = "", today: dt.date | None = None
) -> Proposal:
    """Hand the dossier to the council (after the publicity window when the title needs one)."""
    proposal = _locked(proposal)
    require(perms.can_check_dossier(user_scope(actor), proposal.proposing_agency.path))
    today = today or timezone.localdate()
    if proposal.title.requires_publicity:
        if proposal.status != S.PUBLICISED:
            raise ValidationError(_("Hồ sơ này phải được công khai trước khi trình Hội đồng."))
        if proposal.publicity_end and today <= proposal.publicity_end:
            raise ValidationError(
                _("Hồ sơ đang công khai đến hết ngày %(date)s; trình Hội đồng sau ngày đó.")
                % {"date": format_date(proposal.publicity_end)}
            )
    elif proposal.status != S.CHECKED:
        raise ValidationError(_("Chỉ trình Hội đồng hồ sơ đã thẩm định."))
    _move(proposal, S.AT_COUNCIL, actor=actor, note=note, today=today)
    proposal.save()
    audit.record(proposal, "thidua.proposal_to_council", actor=actor, note=note)
    _notify_on_commit(
        users_covering(proposal.proposing_agency.path, {Role.COUNCIL_SECRETARY}, exclude=actor),
        proposal,
        _("Hồ sơ trình Hội đồng: %(p)s") % {"p": proposal},
    )
    return proposal


@transaction.atomic
def proposal_return(proposal: Proposal, *, actor: Any, reason: str) -> Proposal:
    """Send the dossier back to the unit with a reason, from any step before the decision."""
    proposal = _locked(proposal)
    require(
        perms.can_return_dossier(user_scope(actor), proposal.proposing_agency.path, proposal.status)
    )
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")})
    if proposal.status not in RETURNABLE:
        raise ValidationError(_("Hồ sơ ở bước này không trả lại được."))
    proposal.returned_from = proposal.status
    proposal.return_reason = reason
    _move(proposal, S.RETURNED, actor=actor, note=reason, today=timezone.localdate())
    proposal.save()
    audit.record(proposal, "thidua.proposal_return", actor=actor, note=reason)
    authors = set(users_covering(proposal.proposing_agency.path, {Role.UNIT_HEAD}, exclude=actor))
    if proposal.created_by_id and proposal.created_by_id != getattr(actor, "pk", None):
        authors.add(proposal.created_by_id)
    _notify_on_commit(authors, proposal, _("Hồ sơ bị trả lại: %(p)s") % {"p": proposal}, reason)
    return proposal


@transaction.atomic
def proposal_council_result(
    proposal: Proposal, *, passed: bool, actor: Any, note: str = "", on: dt.date | None = None
) -> Proposal:
    """For the council (Awards B): record that the council passed the dossier or did not.
    Passing re-judges it and freezes the criteria version and result as decided."""
    proposal = _locked(proposal)
    if proposal.status != S.AT_COUNCIL:
        raise ValidationError(_("Hồ sơ không ở bước Hội đồng xét."))
    today = on or timezone.localdate()
    if passed:
        version, evaluation = evaluate_proposal(proposal, today)
        proposal.rule_version = version
        proposal.eligibility = {
            **evaluation.as_dict(),
            "checked_on": today.isoformat(),
            "missing_documents": [],
            "decided": True,
        }
        proposal.eligible = evaluation.eligible
        proposal.eligibility_checked_at = timezone.now()
    _move(proposal, S.DECIDED if passed else S.NOT_PASSED, actor=actor, note=note, today=today)
    proposal.save()
    audit.record(
        proposal, "thidua.proposal_council_result", actor=actor, note=note, extra={"passed": passed}
    )
    return proposal


@transaction.atomic
def proposal_issue(proposal: Proposal, *, actor: Any, note: str = "") -> Proposal:
    """For decisions (Awards B): the award decision was issued."""
    proposal = _locked(proposal)
    if proposal.status != S.DECIDED:
        raise ValidationError(_("Chỉ ghi nhận quyết định cho hồ sơ Hội đồng đã thông qua."))
    _move(proposal, S.ISSUED, actor=actor, note=note, today=timezone.localdate())
    proposal.due_date = None
    proposal.save()
    audit.record(proposal, "thidua.proposal_issue", actor=actor, note=note)
    return proposal


@transaction.atomic
def proposal_document_add(
    proposal: Proposal,
    *,
    actor: Any,
    kind: str,
    name: str,
    content: bytes,
    generated: bool = False,
) -> ProposalDocument:
    """Attach a file (already checked by ``uploads.check_upload``) to a dossier being prepared.
    A new file of the same kind replaces the old one (re-upload of an edited report)."""
    proposal = _locked(proposal)
    require(perms.can_draft_dossier(user_scope(actor), proposal.proposing_agency.path))
    if proposal.status not in EDITABLE:
        raise ValidationError(_("Hồ sơ đã gửi; Văn phòng phải trả lại thì mới thay tài liệu."))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Loại tài liệu không hợp lệ.")})
    replaced = list(proposal.documents.filter(kind=kind)) if kind != DocumentKind.KHAC else []
    document = ProposalDocument(
        proposal=proposal,
        kind=kind,
        original_name=name[:255],
        size=len(content),
        generated=generated,
        uploaded_by=actor,
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    for old in replaced:
        old.file.delete(save=False)
        old.delete()
    audit.record(
        proposal,
        "thidua.proposal_document",
        actor=actor,
        note=name,
        extra={"kind": kind, "replaced": len(replaced)},
    )
    return document
