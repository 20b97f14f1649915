"""Reads of the org app, always scoped to what the user may see.

Every listing and lookup of agencies, people, roles and blocs goes through these functions;
views, the API, reports and the dashboard share them.
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet

from thidua.org.models import Agency, Bloc, ImportJob, Person, RoleAssignment
from thidua.org.models.role import Role
from thidua.org.permissions import ANONYMOUS, ORG_MANAGERS, PEOPLE_READERS, Scope

_SCOPE_ATTR = "_thidua_scope"
# The user's person record, read with the user by backends.AccountBackend when it can be.
PERSON_ID_ATTR = "thidua_person_id"
_UNREAD = object()


def user_scope(user: Any) -> Scope:
    """The user's roles, computed once and cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, _SCOPE_ATTR, None)
    if cached is not None:
        return cached
    roles: dict[str, set[str]] = {}
    is_admin = False
    for path, role in RoleAssignment.objects.filter(
        user_id=user.pk, agency__successor__isnull=True
    ).values_list("agency__path", "role"):
        if role == Role.PROVINCE_ADMIN:
            is_admin = True
        roles.setdefault(path, set()).add(role)
    person_id = getattr(user, PERSON_ID_ATTR, _UNREAD)
    if person_id is _UNREAD:
        person_id = Person.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
    scope = Scope(
        user_id=user.pk,
        person_id=person_id,
        is_province_admin=is_admin,
        roles_by_path={p: frozenset(r) for p, r in roles.items()},
    )
    setattr(user, _SCOPE_ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's roles change."""
    if hasattr(user, _SCOPE_ATTR):
        delattr(user, _SCOPE_ATTR)


def _under(field: str, roots: list[str]) -> Q:
    """Rows whose agency path lies under any of ``roots``; matches nothing for no roots."""
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": root}) for root in roots))


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    scope = user_scope(user)
    qs = Agency.objects.select_related("parent", "successor")
    if scope.is_province_admin:
        return qs
    roots = list(scope.roles_by_path)
    if not roots:
        return qs.none()
    ancestors = {int(i) for root in roots for i in root.strip("/").split("/") if i}
    return qs.filter(_under("path", roots) | Q(pk__in=ancestors))


def under_chosen_agency(
    user: Any, qs: QuerySet, agency_id: str, field: str = "agency__path"
) -> QuerySet:
    """``qs`` narrowed to a list filter's ``?agency=`` (that agency and its units), when the
    user may see that agency; nothing when they may not; unchanged when no agency is chosen."""
    if not agency_id.isdigit():
        return qs
    agency = agencies_visible_to(user).filter(pk=int(agency_id)).first()
    return qs.filter(**{f"{field}__startswith": agency.path}) if agency else qs.none()


def agencies_managed_by(user: Any) -> QuerySet[Agency]:
    """Agencies the user may write to: covered by an Office role, neither merged nor expired."""
    scope = user_scope(user)
    qs = Agency.objects.filter(successor__isnull=True).exclude(valid_to__lt=dt.date.today())
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("path", scope.paths_with(ORG_MANAGERS)))


def people_visible_to(user: Any) -> QuerySet[Person]:
    scope = user_scope(user)
    qs = Person.objects.select_related("agency", "user")
    if scope.is_province_admin:
        return qs
    visible = _under("agency__path", scope.paths_with(PEOPLE_READERS))
    if scope.person_id:
        visible |= Q(pk=scope.person_id)
    return qs.filter(visible)


def roles_visible_to(user: Any) -> QuerySet[RoleAssignment]:
    scope = user_scope(user)
    qs = RoleAssignment.objects.select_related("agency", "user", "user__person")
    if scope.is_province_admin:
        return qs
    readers = ORG_MANAGERS | {Role.LEADERSHIP}
    return qs.filter(_under("agency__path", scope.paths_with(readers)) | Q(user_id=scope.user_id))


def blocs_visible_to(user: Any) -> QuerySet[Bloc]:
    scope = user_scope(user)
    qs = Bloc.objects.all()
    if scope.is_province_admin:
        return qs
    member_ids = agencies_visible_to(user).values("pk")
    return qs.filter(memberships__agency__in=member_ids).distinct()


def import_jobs_visible_to(user: Any) -> QuerySet[ImportJob]:
    scope = user_scope(user)
    qs = ImportJob.objects.select_related("agency", "created_by")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("agency__path", scope.paths_with(ORG_MANAGERS)))
