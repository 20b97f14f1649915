"""Authentication backends: Django's accounts, read in fewer statements, and Django permissions
derived from roles, so Wagtail's own checks follow our role model."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import OuterRef, Q, Subquery

from thidua.org.models import Person
from thidua.org.permissions import can_use_back_office
from thidua.org.queries import PERSON_ID_ATTR, user_scope

# Apps whose Django permissions the province admin holds: user accounts and the portal's
# content. Domain objects are guarded by our own predicates, not by these permissions.
PROVINCE_ADMIN_APPS = frozenset(
    {"auth", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "wagtailusers"}
)


class AccountBackend(ModelBackend):
    """Django's ``ModelBackend`` with two reads of every logged-in request folded into others:
    the user's person record comes with the user (``user_scope`` needs it), and the user's own
    and group permissions come in one statement instead of two."""

    def get_user(self, user_id: Any) -> Any:
        person = Person.objects.filter(user_id=OuterRef("pk")).order_by("sort_name", "pk")
        users = get_user_model()._default_manager.annotate(
            **{PERSON_ID_ATTR: Subquery(person.values("pk")[:1])}
        )
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                users = Permission.user_set.through.objects.filter(user_id=user_obj.pk)
                groups = Permission.group_set.through.objects.filter(group__user__pk=user_obj.pk)
                perms = Permission.objects.filter(
                    Q(pk__in=users.values("permission_id"))
                    | Q(pk__in=groups.values("permission_id"))
                )
            user_obj._perm_cache = {
                f"{app}.{codename}"
                for app, codename in perms.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            }
        return user_obj._perm_cache


class RoleBackend(BaseBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not getattr(user_obj, "is_active", False):
            return False
        scope = user_scope(user_obj)
        if perm == "wagtailadmin.access_admin":
            return can_use_back_office(scope)
        return scope.is_province_admin and perm.split(".", 1)[0] in PROVINCE_ADMIN_APPS

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        if not getattr(user_obj, "is_active", False):
            return False
        return user_scope(user_obj).is_province_admin and app_label in PROVINCE_ADMIN_APPS
