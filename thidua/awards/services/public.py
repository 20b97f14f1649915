"""Writes that come from outside the dossier's own steps: public comments during the publicity
window, and the daily reminder of overdue dossiers."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import Proposal, PublicComment
from thidua.awards.services.proposals import S, _locked, _url, publicity_open
from thidua.awards.services.recipients import users_covering
from thidua.core import audit
from thidua.core.text import format_date
from thidua.notifications.services import notify
from thidua.org.models.role import Role


@transaction.atomic
def public_comment_add(
    proposal: Proposal, *, name: str, body: str, contact: str = "", today: dt.date | None = None
) -> PublicComment:
    """A member of the public comments on a publicised dossier; the comment joins the dossier
    and the Office is told (in its daily digest)."""
    proposal = _locked(proposal)
    today = today or timezone.localdate()
    if not publicity_open(proposal, today):
        raise ValidationError(_("Hồ sơ này hiện không trong thời gian lấy ý kiến."))
    name, body = " ".join((name or "").split()), (body or "").strip()
    if not name or not body:
        raise ValidationError(_("Hãy ghi họ tên và nội dung góp ý."))
    comment = PublicComment.objects.create(
        proposal=proposal, name=name[:150], contact=(contact or "").strip()[:150], body=body[:5000]
    )
    audit.record(proposal, "thidua.public_comment", actor=None, note=name)
    office = users_covering(proposal.proposing_agency.path, {Role.OFFICE})
    url = _url(proposal)
    key = f"awards-comments-{proposal.pk}-{today.isoformat()}"
    title = _("Có góp ý mới về hồ sơ %(p)s") % {"p": proposal.title.label}
    transaction.on_commit(
        lambda: notify(office, kind="awards.comment", title=title, url=url, dedupe_key=key)
    )
    return comment


def proposals_remind_overdue(today: dt.date | None = None) -> int:
    """Remind whoever holds an overdue dossier (one reminder per dossier per day)."""
    today = today or timezone.localdate()
    holders = {
        S.SUBMITTED: {Role.OFFICE},
        S.CHECKED: {Role.OFFICE},
        S.PUBLICISED: {Role.OFFICE},
        S.AT_COUNCIL: {Role.COUNCIL_SECRETARY},
        S.DECIDED: {Role.OFFICE},
        S.RETURNED: {Role.UNIT_HEAD},
    }
    overdue = (
        Proposal.objects.filter(status__in=list(holders), due_date__lt=today)
        .exclude(reminded_on=today)
        .select_related("title", "proposing_agency", "person", "nominee_agency")
    )
    count = 0
    for proposal in overdue:
        users = users_covering(proposal.proposing_agency.path, holders[proposal.status])
        notify(
            users,
            kind="awards.reminder",
            title=_("Hồ sơ quá hạn xử lý: %(p)s") % {"p": proposal},
            body=_("Bước “%(step)s” có hạn %(due)s.")
            % {"step": proposal.get_status_display(), "due": format_date(proposal.due_date)},
            url=_url(proposal),
            dedupe_key=f"awards-due-{proposal.pk}-{proposal.status}-{proposal.due_date}-{today}",
        )
        Proposal.objects.filter(pk=proposal.pk).update(reminded_on=today)
        count += 1
    return count
