"""Django permissions derived from roles, so Wagtail's own checks follow our role model."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from thidua.org.permissions import can_use_back_office
from thidua.org.queries import user_scope

# Apps whose Django permissions the province admin holds: user accounts and the portal's
# content. Domain objects are guarded by our own predicates, not by these permissions.
PROVINCE_ADMIN_APPS = frozenset(
    {"auth", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "wagtailusers"}
)


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
