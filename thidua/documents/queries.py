"""Reads of the documents app, always scoped to what the user may see.

Views, the API, reports and the portal call these instead of reading the models:

- ``documents_visible_to(user)``: the registry of the agencies where the user holds a role
  (published or not), plus the documents disseminated to the user or the user's units;
- ``disseminations_visible_to(user)``: the sender side, for the Office and leadership of the
  sending agency (or above it);
- ``received_by(user)``: recipient rows addressed to the user, or to a unit the user belongs to;
- ``dissemination_counts(disseminations, by=...)``: who has and has not read, per recipient
  unit or per dissemination, in one aggregate query;
- ``outgoing_numbers_visible_to(user)``: the outgoing registers the user may read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thidua.documents.models import Dissemination, Document, OutgoingNumber, Recipient
from thidua.documents.permissions import (
    DISSEMINATION_OVERSEERS,
    DISSEMINATORS,
    LIBRARY_MANAGERS,
    REGISTER_KEEPERS,
    REGISTER_READERS,
)
from thidua.org.models import Agency
from thidua.org.queries import _under, user_scope


def _unit_rows(user: Any) -> Q:
    """Recipient rows addressed to a unit where the user holds a role (at it or below it)."""
    scope = user_scope(user)
    roots = list(scope.roles_by_path)
    if not roots:
        return Q(pk__in=[])
    unit_paths = {p for root in roots for p in _ancestor_paths(root)}
    return Q(user__isnull=True, agency__path__in=sorted(unit_paths))


def _ancestor_paths(path: str) -> list[str]:
    """ "/1/4/9/" -> ["/1/", "/1/4/", "/1/4/9/"]: the units a role held at ``path`` lies in."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def received_by(user: Any) -> QuerySet[Recipient]:
    """What was sent to the user: rows naming the user, and rows naming a unit the user works
    in (a role held at that unit or in one of its sub-units)."""
    scope = user_scope(user)
    if scope.user_id is None:
        return Recipient.objects.none()
    return Recipient.objects.select_related(
        "dissemination", "dissemination__document", "dissemination__agency", "agency"
    ).filter(Q(user_id=scope.user_id) | _unit_rows(user))


def documents_visible_to(user: Any) -> QuerySet[Document]:
    """Every document of the agencies where the user holds any role (published or not), and
    the documents disseminated to the user."""
    scope = user_scope(user)
    documents = Document.objects.select_related("agency")
    if scope.is_province_admin:
        return documents
    received = Dissemination.objects.filter(
        pk__in=received_by(user).values("dissemination_id")
    ).values("document_id")
    return documents.filter(_under("agency__path", list(scope.roles_by_path)) | Q(pk__in=received))


def documents_managed_by(user: Any) -> QuerySet[Document]:
    scope = user_scope(user)
    documents = Document.objects.select_related("agency")
    if scope.is_province_admin:
        return documents
    return documents.filter(_under("agency__path", scope.paths_with(LIBRARY_MANAGERS)))


def _active_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(successor__isnull=True).exclude(valid_to__lt=dt.date.today())


def _agencies_with(user: Any, roles: frozenset[str]) -> QuerySet[Agency]:
    scope = user_scope(user)
    agencies = _active_agencies().order_by("path")
    if scope.is_province_admin:
        return agencies
    return agencies.filter(_under("path", scope.paths_with(roles)))


def agencies_for_library(user: Any) -> QuerySet[Agency]:
    """Agencies whose registry the user keeps (the choices of the registration form)."""
    return _agencies_with(user, LIBRARY_MANAGERS)


def sending_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies in whose name the user may disseminate: where the user holds the Office role
    (its units are recipients, not senders); every existing agency for the province admin."""
    scope = user_scope(user)
    agencies = _active_agencies().order_by("path")
    if scope.is_province_admin:
        return agencies
    return agencies.filter(path__in=scope.paths_with(DISSEMINATORS))


def recipient_agencies(agency: Agency) -> QuerySet[Agency]:
    """Who a dissemination of ``agency`` can go to: the agency and its units that still exist."""
    return _active_agencies().filter(path__startswith=agency.path).order_by("path")


def disseminations_visible_to(user: Any) -> QuerySet[Dissemination]:
    """Disseminations sent by agencies the user oversees (Office, leadership; province admin)."""
    scope = user_scope(user)
    qs = Dissemination.objects.select_related("document", "agency", "sent_by")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("agency__path", scope.paths_with(DISSEMINATION_OVERSEERS)))


Grouping = Literal["unit", "dissemination"]


def dissemination_counts(
    disseminations: QuerySet[Dissemination],
    *,
    by: Grouping = "unit",
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Who has and has not answered, in one aggregate query.

    ``by="unit"``: one row per recipient unit (``agency_id``, ``agency__name``,
    ``agency__path``) over all the given disseminations; ``by="dissemination"``: one row per
    dissemination (``dissemination_id``). Each row has ``total``, ``read`` (read or
    implemented), ``implemented``, ``pending`` and ``overdue`` (pending past the deadline).
    """
    today = today or timezone.localdate()
    rows = Recipient.objects.filter(dissemination__in=disseminations.values("pk"))
    if by == "unit":
        rows = rows.values("agency_id", "agency__name", "agency__path").order_by("agency__path")
    else:
        rows = rows.values("dissemination_id").order_by("dissemination_id")
    pending = Q(status=Recipient.Status.PENDING)
    return list(
        rows.annotate(
            total=Count("pk"),
            read=Count("pk", filter=Q(status__in=Recipient.ACKNOWLEDGED)),
            implemented=Count("pk", filter=Q(status=Recipient.Status.IMPLEMENTED)),
            pending=Count("pk", filter=pending),
            overdue=Count("pk", filter=pending & Q(dissemination__deadline__lt=today)),
        )
    )


def outgoing_numbers_visible_to(user: Any) -> QuerySet[OutgoingNumber]:
    """Numbers of the registers the user may read: the Office and leadership of the issuing
    agency (or above it); the province admin reads every register."""
    scope = user_scope(user)
    qs = OutgoingNumber.objects.select_related("agency", "created_by")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("agency__path", scope.paths_with(REGISTER_READERS)))


def register_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies whose register the user keeps (takes numbers by hand for)."""
    return _agencies_with(user, REGISTER_KEEPERS)


def register_filter_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies whose register the user may read, merged ones included (their old numbers)."""
    scope = user_scope(user)
    agencies = Agency.objects.order_by("path")
    if scope.is_province_admin:
        return agencies
    return agencies.filter(_under("path", scope.paths_with(REGISTER_READERS)))
