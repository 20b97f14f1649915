"""Reads of the plans app, always scoped to what the user may see.

Other apps (reports, exemplar coverage, portal search) call these functions instead of reading
the models: ``plans_visible_to``, ``tasks_visible_to``, ``activities_visible_to``,
``meetings_visible_to``, ``activities_featuring`` and ``manageable_agencies``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from thidua.org.models import Agency
from thidua.org.queries import _under, agencies_managed_by, agencies_visible_to, user_scope
from thidua.plans.models import Activity, ContentItem, Evidence, Meeting, Plan, Task
from thidua.plans.permissions import PLAN_MANAGERS, PLAN_OVERSEERS, REPORTERS, TASK_READERS


def _agency_visible(field: str, user: Any) -> Q | None:
    """Rows whose agency the user may see (``agencies_visible_to``: role at it, below it or
    above it); None = all."""
    if user_scope(user).is_province_admin:
        return None
    return Q(**{f"{field}__in": agencies_visible_to(user).values("pk")})


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("agency")
    condition = _agency_visible("agency", user)
    return qs if condition is None else qs.filter(condition)


def plans_managed_by(user: Any) -> QuerySet[Plan]:
    scope = user_scope(user)
    qs = Plan.objects.select_related("agency")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("agency__path", scope.paths_with(PLAN_MANAGERS)))


def manageable_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies for which the user may write plans (the Office's agency and its units)."""
    return agencies_managed_by(user)


def units_of(agency: Agency) -> QuerySet[Agency]:
    """The agency and its units that still exist (not merged away): who a plan's tasks and
    assignments can go to."""
    return Agency.objects.filter(path__startswith=agency.path, successor__isnull=True).order_by(
        "path"
    )


def recording_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies for which the user may record activities and meetings (reporters' units)."""
    scope = user_scope(user)
    qs = Agency.objects.filter(successor__isnull=True).order_by("path")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("path", scope.paths_with(REPORTERS)))


def tasks_visible_to(user: Any) -> QuerySet[Task]:
    """Tasks of plans the user oversees (Office, leadership) and tasks of the user's units."""
    scope = user_scope(user)
    qs = Task.objects.select_related("agency", "plan", "plan__agency", "phase")
    if scope.is_province_admin:
        return qs
    return qs.filter(
        _under("plan__agency__path", scope.paths_with(PLAN_OVERSEERS))
        | _under("agency__path", scope.paths_with(TASK_READERS))
    )


def tasks_to_report(user: Any) -> QuerySet[Task]:
    """Open tasks of the user's own units (what "my tasks" lists for a unit head)."""
    scope = user_scope(user)
    qs = tasks_visible_to(user).filter(status__in=Task.OPEN)
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("agency__path", scope.paths_with(REPORTERS)))


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    qs = Activity.objects.select_related("agency", "plan")
    condition = _agency_visible("agency", user)
    return qs if condition is None else qs.filter(condition)


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    qs = Meeting.objects.select_related("agency", "plan")
    condition = _agency_visible("agency", user)
    return qs if condition is None else qs.filter(condition)


def activities_featuring(
    user: Any, *, content_item: ContentItem | None = None, text: str = ""
) -> QuerySet[Activity]:
    """Activities the user may see that carried a topic: a plan content item, or any content
    item whose title contains ``text`` (folded, for reports and exemplar coverage)."""
    qs = activities_visible_to(user)
    if content_item is not None:
        qs = qs.filter(topics=content_item)
    if text:
        from thidua.core.text import fold_words

        for word in fold_words(text):
            qs = qs.filter(Q(topics__title__icontains=word) | Q(search_text__contains=word))
    return qs.distinct()


def evidence_visible_to(user: Any) -> QuerySet[Evidence]:
    tasks = tasks_visible_to(user).values("pk")
    return Evidence.objects.filter(
        Q(report__task__in=tasks)
        | Q(activity__in=activities_visible_to(user).values("pk"))
        | Q(meeting__in=meetings_visible_to(user).values("pk"))
    )


def overdue(today: dt.date | None = None) -> Q:
    """Open tasks past their due date."""
    return Q(status__in=Task.OPEN, due_date__lt=today or dt.date.today())


def overdue_tasks(qs: QuerySet[Task], today: dt.date | None = None) -> QuerySet[Task]:
    return qs.filter(overdue(today))


def due_soon_tasks(qs: QuerySet[Task], today: dt.date | None = None) -> QuerySet[Task]:
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=settings.THIDUA_PLANS_DUE_SOON_DAYS)
    return qs.filter(status__in=Task.OPEN, due_date__gte=today, due_date__lte=horizon)
