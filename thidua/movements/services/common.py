from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.org.models import Agency, RoleAssignment
from thidua.org.models.role import Role


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def office_users(agency_ids: list[int]) -> dict[int, list[int]]:
    """User ids holding the Office role at each agency (one query)."""
    result: dict[int, list[int]] = {}
    for agency_id, user_id in RoleAssignment.objects.filter(
        agency_id__in=agency_ids, role=Role.OFFICE, user__is_active=True
    ).values_list("agency_id", "user_id"):
        result.setdefault(agency_id, []).append(user_id)
    return result


def notify_on_commit(users: list[int], **kwargs: Any) -> None:
    """Notify after the transaction commits (nothing is sent for a rolled-back write)."""
    from thidua.notifications.services import notify

    if users:
        transaction.on_commit(lambda: notify(users, **kwargs))


def agency_label(agency: Agency) -> str:
    return agency.short_name or agency.name


def format_points(value: Decimal) -> str:
    """Points the Vietnamese way: 20 -> "20", 38.50 -> "38,5"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
