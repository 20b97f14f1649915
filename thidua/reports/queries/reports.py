"""Periodic reports the user may read: their own requests, reports sent to them, and the
reports of the agencies where they are the Office or leadership (or above)."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from thidua.org.models import Agency
from thidua.org.queries import agencies_managed_by, user_scope
from thidua.reports.models import Report
from thidua.reports.permissions import REPORT_READERS, REPORT_WRITERS


def _under(field: str, roots: list[str]) -> Q:
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": root}) for root in roots))


def reports_visible_to(user: Any) -> QuerySet[Report]:
    scope = user_scope(user)
    qs = Report.objects.select_related("agency", "plan", "movement", "requested_by")
    if scope.is_province_admin:
        return qs
    if scope.user_id is None:
        return qs.none()
    mine = Q(requested_by_id=scope.user_id) | Q(
        pk__in=Report.recipients.through.objects.filter(user_id=scope.user_id).values("report_id")
    )
    return qs.filter(mine | _under("agency__path", scope.paths_with(REPORT_READERS)))


def report_for(user: Any, pk: int) -> Report:
    """The report or 404 when the user may not read it."""
    return get_object_or_404(reports_visible_to(user), pk=pk)


def reporting_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies for which the user may compile reports (their Office's agency and units)."""
    scope = user_scope(user)
    qs = agencies_managed_by(user).order_by("path")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("path", scope.paths_with(REPORT_WRITERS)))
