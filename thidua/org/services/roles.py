from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.org.models import Agency, RoleAssignment
from thidua.org.models.role import Role
from thidua.org.permissions import can_manage_roles_at
from thidua.org.queries import forget_scope, user_scope
from thidua.org.services.common import ensure_writable, require


@transaction.atomic
def role_grant(*, actor: Any, user: Any, agency: Agency, role: str) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò “%s” không tồn tại.") % role})
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    require(can_manage_roles_at(user_scope(actor), agency.path, role))
    ensure_writable(agency)
    if not user.is_active:
        raise ValidationError({"user": _("Tài khoản %s đang bị khóa.") % user.get_username()})
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, agency=agency, role=role, defaults={"granted_by": actor}
    )
    if not created:
        raise ValidationError(
            _("%(user)s đã có vai trò %(role)s tại %(agency)s.")
            % {
                "user": user.get_username(),
                "role": assignment.get_role_display(),
                "agency": agency.name,
            }
        )
    audit.record(assignment, "thidua.role_grant", actor=actor)
    forget_scope(user)
    return assignment


@transaction.atomic
def role_revoke(assignment: RoleAssignment, *, actor: Any) -> None:
    assignment = (
        RoleAssignment.objects.select_for_update()
        .select_related("agency", "user")
        .get(pk=assignment.pk)
    )
    require(can_manage_roles_at(user_scope(actor), assignment.agency.path, assignment.role))
    if assignment.role == Role.PROVINCE_ADMIN and assignment.user_id == getattr(actor, "pk", None):
        remaining = RoleAssignment.objects.filter(role=Role.PROVINCE_ADMIN).exclude(
            pk=assignment.pk
        )
        if not remaining.exists():
            raise ValidationError(_("Không thể thu hồi vai trò quản trị cấp tỉnh cuối cùng."))
    # The log entry is written against the agency: the assignment row is about to disappear.
    audit.record(
        assignment.agency,
        "thidua.role_revoke",
        actor=actor,
        extra={"user": assignment.user.get_username(), "role": assignment.role},
    )
    assignment.delete()
    forget_scope(assignment.user)
