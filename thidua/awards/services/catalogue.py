"""Writes of the catalogue (province admin only): title settings, new criteria versions,
quotas, public holidays. Criteria are never edited in place: ``rule_version_add`` adds a
version, so dossiers already judged keep the version they were judged by."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.awards import permissions as perms
from thidua.awards.eligibility.engine import validate_rules
from thidua.awards.models import PublicHoliday, Quota, RuleVersion, StepDeadline, Title
from thidua.core import audit
from thidua.org.models import Agency
from thidua.org.queries import user_scope
from thidua.org.services.common import require

audit.register_actions(
    {
        "thidua.rules_change": (
            N_("Thay đổi tiêu chuẩn khen thưởng"),
            N_("Đã thêm phiên bản tiêu chuẩn"),
        ),
    }
)

TITLE_FIELDS = {
    "short_name",
    "name",
    "applies_to",
    "level",
    "authority",
    "authority_basis",
    "legal_basis",
    "description",
    "counts_for_merit",
    "needs_secret_ballot",
    "ballot_quorum_percent",
    "ballot_threshold_percent",
    "ballot_basis",
    "requires_publicity",
    "publicity_working_days",
    "money_coefficient",
    "money_basis",
    "certificate_kind",
    "required_documents",
    "required_documents_simplified",
    "valid_from",
    "valid_to",
}


@transaction.atomic
def title_update(title: Title, *, actor: Any, **fields: Any) -> Title:
    require(perms.can_edit_catalogue(user_scope(actor)))
    title = Title.objects.select_for_update().get(pk=title.pk)
    unknown = set(fields) - TITLE_FIELDS
    if unknown:
        raise ValueError(f"Unexpected fields: {sorted(unknown)}")
    before = audit.snapshot(title)
    for name, value in fields.items():
        setattr(title, name, value)
    if title.valid_to and title.valid_from and title.valid_to < title.valid_from:
        raise ValidationError({"valid_to": _("Ngày hết áp dụng phải sau ngày bắt đầu áp dụng.")})
    title.full_clean()
    title.save()
    audit.record(
        title, "thidua.update", actor=actor, changes=audit.diff(before, audit.snapshot(title))
    )
    return title


@transaction.atomic
def rule_version_add(
    title: Title, *, actor: Any, rules: list[dict[str, Any]], valid_from: dt.date, note: str
) -> RuleVersion:
    """Add a new version of a title's criteria, in force from ``valid_from``."""
    require(perms.can_edit_catalogue(user_scope(actor)))
    title = Title.objects.select_for_update().get(pk=title.pk)
    problems = validate_rules(rules, set(Title.objects.values_list("code", flat=True)))
    if problems:
        raise ValidationError({"rules": problems})
    if not (note or "").strip():
        raise ValidationError({"note": _("Hãy ghi lý do, căn cứ thay đổi tiêu chuẩn.")})
    last = title.rule_versions.order_by("-number").first()
    version = RuleVersion.objects.create(
        title=title,
        number=(last.number + 1) if last else 1,
        rules=rules,
        valid_from=valid_from,
        note=note.strip(),
        created_by=actor,
    )
    audit.record(
        title,
        "thidua.rules_change",
        actor=actor,
        note=note,
        extra={"version": version.number, "valid_from": valid_from.isoformat()},
    )
    return version


@transaction.atomic
def quota_set(
    *,
    actor: Any,
    issuer: Agency,
    title: Title,
    year: int,
    max_count: int | None = None,
    max_percent: Any = None,
    percent_of: Title | None = None,
    legal_basis: str = "",
) -> Quota:
    require(perms.can_edit_catalogue(user_scope(actor)))
    if max_count is None and (max_percent is None or percent_of is None):
        raise ValidationError(
            _("Ghi số lượng tối đa, hoặc tỷ lệ tối đa cùng danh hiệu làm cơ sở tính tỷ lệ.")
        )
    quota, _created = Quota.objects.select_for_update().update_or_create(
        issuer=issuer,
        title=title,
        year=year,
        defaults={
            "max_count": max_count,
            "max_percent": max_percent,
            "percent_of": percent_of,
            "legal_basis": legal_basis,
        },
    )
    audit.record(quota, "thidua.update", actor=actor)
    return quota


@transaction.atomic
def holiday_add(*, actor: Any, date: dt.date, name: str) -> PublicHoliday:
    require(perms.can_edit_catalogue(user_scope(actor)))
    holiday, _created = PublicHoliday.objects.update_or_create(date=date, defaults={"name": name})
    audit.record(holiday, "thidua.create", actor=actor)
    return holiday


@transaction.atomic
def deadline_set(*, actor: Any, procedure: str, status: str, working_days: int) -> StepDeadline:
    require(perms.can_edit_catalogue(user_scope(actor)))
    deadline, _created = StepDeadline.objects.update_or_create(
        procedure=procedure, status=status, defaults={"working_days": working_days}
    )
    audit.record(deadline, "thidua.update", actor=actor)
    return deadline
