"""Our roles mapped onto Wagtail's page permissions (docs/permissions.md, "Cổng thông tin").

Wagtail decides who may edit, publish and approve pages from Django groups: page permissions
(``GroupPagePermission``) and the approval task of the "Duyệt tin bài" workflow name groups. Two
groups, created by migration 0002, are a projection of our roles, kept in step whenever a role
is granted or revoked (signals.py) and by ``manage.py sync_portal_groups``:

- role ``editor`` (Biên tập viên) -> group "Biên tập viên": add and edit pages, upload images and
  files, submit to the workflow; no publish permission, so nothing goes live without approval;
- role ``leadership`` (Lãnh đạo) -> group "Lãnh đạo duyệt tin": edit, publish and unpublish
  pages, and approve or reject in the "Duyệt tin bài" workflow.

Nobody else is put in, or kept in, these groups; a user's other groups are left alone.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

EDITORS_GROUP = "Biên tập viên"
APPROVERS_GROUP = "Lãnh đạo duyệt tin"
WORKFLOW_NAME = "Duyệt tin bài"
TASK_NAME = "Lãnh đạo duyệt tin bài"

# role -> group name
ROLE_GROUPS = {"editor": EDITORS_GROUP, "leadership": APPROVERS_GROUP}


def groups_for_roles(role_codes: set[str]) -> set[str]:
    return {ROLE_GROUPS[code] for code in role_codes if code in ROLE_GROUPS}


@transaction.atomic
def sync_user(user: Any) -> set[str]:
    """Put the user in exactly the portal groups their roles give; return those group names."""
    from thidua.org.models import RoleAssignment

    held = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    wanted = groups_for_roles(held) if user.is_active else set()
    portal_groups = {g.name: g for g in Group.objects.filter(name__in=ROLE_GROUPS.values())}
    current = set(user.groups.filter(name__in=portal_groups).values_list("name", flat=True))
    to_add = [portal_groups[name] for name in wanted - current if name in portal_groups]
    to_remove = [portal_groups[name] for name in current - wanted]
    if to_add:
        user.groups.add(*to_add)
    if to_remove:
        user.groups.remove(*to_remove)
    return wanted & set(portal_groups)


def sync_user_by_id(user_id: int) -> None:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:
        sync_user(user)


def sync_all() -> int:
    """Every user with a role, and every current member of a portal group; returns how many."""
    from thidua.org.models import RoleAssignment

    users = get_user_model().objects.filter(
        pk__in=RoleAssignment.objects.values("user_id")
    ) | get_user_model().objects.filter(groups__name__in=ROLE_GROUPS.values())
    count = 0
    for user in users.distinct():
        sync_user(user)
        count += 1
    return count
