"""Movements, the cascade of owed work, registrations; and the public data for the portal."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from thidua.movements import permissions as perms
from thidua.movements.models import Duty, Movement, Participation, Registration
from thidua.org.models import Agency
from thidua.org.queries import user_scope


def _under(field: str, roots: list[str]) -> Q:
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": root}) for root in roots))


def _ancestor_ids(roots: list[str]) -> set[int]:
    return {int(i) for root in roots for i in root.strip("/").split("/") if i}


def movements_visible_to(user: Any) -> QuerySet[Movement]:
    """Movements launched by the user's agencies (or units below them), and movements that the
    user's agencies take part in: a unit head sees those of the department above the unit."""
    scope = user_scope(user)
    qs = Movement.objects.select_related("launched_by")
    if scope.is_province_admin:
        return qs
    roots = list(scope.roles_by_path)
    if not roots:
        return qs.none()
    ancestors = _ancestor_ids(roots)
    launched = _under("launched_by__path", roots)
    taking_part = Participation.objects.filter(
        _under("agency__path", roots) | Q(agency_id__in=ancestors)
    ).values("movement_id")
    # A draft belongs to its launching level until it is launched.
    return qs.filter(
        Q(_under("launched_by__path", scope.paths_with(perms.MOVEMENT_MANAGERS)))
        | (~Q(status=Movement.Status.DRAFT) & (launched | Q(pk__in=taking_part)))
    )


def movements_managed_by(user: Any) -> QuerySet[Movement]:
    scope = user_scope(user)
    qs = Movement.objects.select_related("launched_by")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("launched_by__path", scope.paths_with(perms.MOVEMENT_MANAGERS)))


def movement_for(user: Any, pk: int) -> Movement:
    """The movement or 404 when the user may not see it."""
    return get_object_or_404(movements_visible_to(user), pk=pk)


@dataclass
class CascadeRow:
    agency: Agency
    duties: dict[str, Duty] = field(default_factory=dict)
    registrations: int = 0

    @property
    def is_behind(self) -> bool:
        return any(d.is_behind for d in self.duties.values())


def cascade(movement: Movement, *, year: int | None = None) -> list[CascadeRow]:
    """Per participating agency: its duties by kind and how many registrations its units sent.

    Three queries whatever the number of agencies (participants, duties, registration counts).
    The caller checks that the user may follow the movement.
    """
    rows = {
        p.agency_id: CascadeRow(agency=p.agency)
        for p in Participation.objects.filter(movement=movement)
        .select_related("agency")
        .order_by("agency__path")
    }
    for duty in Duty.objects.filter(movement=movement).select_related("submitted_by"):
        if duty.agency_id in rows:
            rows[duty.agency_id].duties[duty.kind] = duty
    regs = Registration.objects.filter(movement=movement)
    if year is not None:
        regs = regs.filter(year=year)
    counts = regs.values_list("agency__path").annotate(n=Count("pk"))
    by_path = {row.agency.path: row for row in rows.values()}
    for path, n in counts:
        for root, row in by_path.items():
            if path.startswith(root):
                row.registrations += n
                break
    return list(rows.values())


def duties_for_user(user: Any) -> QuerySet[Duty]:
    """Work the user's agencies owe for launched movements (for their Office to send)."""
    scope = user_scope(user)
    qs = Duty.objects.select_related("movement", "agency").exclude(
        movement__status=Movement.Status.DRAFT
    )
    if scope.is_province_admin:
        return qs.none()  # the province follows, it does not owe
    return qs.filter(_under("agency__path", scope.paths_with(perms.MOVEMENT_MANAGERS))).order_by(
        "due_date", "pk"
    )


def duties_visible_to(user: Any) -> QuerySet[Duty]:
    """Owed work the user may follow (reports, dashboards): every duty of the launched
    movements their Office launched, and the duties of the agencies where they read movements."""
    scope = user_scope(user)
    qs = Duty.objects.select_related("movement", "agency").exclude(
        movement__status=Movement.Status.DRAFT
    )
    if scope.is_province_admin:
        return qs
    return qs.filter(
        Q(movement__in=movements_managed_by(user).values("pk"))
        | _under("agency__path", scope.paths_with(perms.MOVEMENT_READERS))
    )


def registrations_visible_to(user: Any) -> QuerySet[Registration]:
    """The user's own registrations, those of units they register or manage, and those that
    reach a movement the user's Office launched."""
    scope = user_scope(user)
    qs = Registration.objects.select_related("movement", "agency", "person")
    if scope.is_province_admin:
        return qs
    visible = _under("agency__path", scope.paths_with(perms.REGISTRARS | {"leadership"}))
    visible |= Q(movement__in=movements_managed_by(user).values("pk"))
    if scope.person_id:
        visible |= Q(person_id=scope.person_id)
    return qs.filter(visible)


def registrable_units(user: Any) -> QuerySet[Agency]:
    """Units the user may register (and whose members): as unit head or Office above them."""
    scope = user_scope(user)
    qs = Agency.objects.filter(successor__isnull=True)
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("path", scope.paths_with(perms.REGISTRARS)))


# --- Public data for the portal ------------------------------------------------------------


@dataclass
class PublicMovement:
    pk: int
    name: str
    slogan: str
    kind: str
    scope: str
    launcher: str
    launch_document: str
    start_date: Any
    end_date: Any
    goals: str
    targets: str
    criteria: str
    phase: int
    phase_label: str
    status: str
    participants: list[str]
    results: str  # empty until the results are reviewed and published


def _public_qs() -> QuerySet[Movement]:
    return (
        Movement.objects.filter(is_public=True)
        .exclude(status=Movement.Status.DRAFT)
        .select_related("launched_by")
    )


def _to_public(movement: Movement, participants: list[str]) -> PublicMovement:
    return PublicMovement(
        pk=movement.pk,
        name=movement.name,
        slogan=movement.slogan,
        kind=str(movement.get_kind_display()),
        scope=str(movement.get_scope_display()),
        launcher=movement.launcher_label,
        launch_document=movement.launch_document,
        start_date=movement.start_date,
        end_date=movement.end_date,
        goals=movement.goals,
        targets=movement.targets,
        criteria=movement.criteria,
        phase=movement.phase,
        phase_label=str(movement.get_phase_display()),
        status=str(movement.get_status_display()),
        participants=participants,
        results=movement.results if movement.results_published else "",
    )


def public_movements(*, text: str = "", limit: int | None = None) -> list[PublicMovement]:
    """Launched public movements for the portal, newest first; ``text`` searches without
    diacritics. Two queries whatever the number of movements."""
    from thidua.core.search import search

    qs = search(_public_qs(), text)
    movements = list(qs[:limit] if limit else qs)
    names: dict[int, list[str]] = defaultdict(list)
    for movement_id, name in (
        Participation.objects.filter(movement__in=[m.pk for m in movements])
        .order_by("agency__path")
        .values_list("movement_id", "agency__name")
    ):
        names[movement_id].append(name)
    return [_to_public(m, names[m.pk]) for m in movements]


def public_movement(pk: int) -> PublicMovement | None:
    """One launched public movement, or None (the portal answers 404)."""
    movement = _public_qs().filter(pk=pk).first()
    if movement is None:
        return None
    participants = list(
        Participation.objects.filter(movement=movement)
        .order_by("agency__path")
        .values_list("agency__name", flat=True)
    )
    return _to_public(movement, participants)
