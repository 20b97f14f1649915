"""Who is told: users holding some role at an agency or above it (roles cover their subtree)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from thidua.org.models import RoleAssignment


def ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def users_covering(path: str, roles: Iterable[str], exclude: Any = None) -> list[int]:
    """Ids of users with one of ``roles`` at the agency with ``path`` or an agency above it."""
    ids = set(
        RoleAssignment.objects.filter(
            agency__path__in=ancestor_paths(path),
            agency__successor__isnull=True,
            role__in=list(roles),
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    ids.discard(getattr(exclude, "pk", exclude))
    return sorted(ids)
