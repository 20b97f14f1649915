"""What a dashboard or a report counts: the agencies (a subtree per root path) and the period.

A user's figures cover the agencies where they hold a role and the units below them; the
province admin's cover every agency. Choosing an agency narrows the figures to its subtree;
an agency outside the user's reach answers 404. Each app's own scoped query still decides which
records the user may see at all: the roots only narrow them further.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict

from thidua.core.text import format_date, parse_day
from thidua.org.models import Agency
from thidua.org.queries import user_scope


@dataclass(frozen=True)
class AgencyEntry:
    pk: int
    name: str
    path: str
    depth: int


@dataclass(frozen=True)
class Filter:
    """The user, the subtree roots whose figures count (None = every agency), the chosen agency
    and the period (inclusive). ``plan_id`` / ``movement_id`` narrow a report to one subject."""

    user: Any
    roots: tuple[str, ...] | None
    start: dt.date
    end: dt.date
    agency: Agency | None = None
    plan_id: int | None = None
    movement_id: int | None = None

    @cached_property
    def agencies(self) -> dict[int, AgencyEntry]:
        """Every agency whose figures the user may see, by id, in tree order: read once for
        the page (its agency choice and the roll-up of figures to units both use it)."""
        return {
            pk: AgencyEntry(pk, name, path, depth)
            for pk, name, path, depth in report_agencies(self.user).values_list(
                "pk", "name", "path", "depth"
            )
        }

    def under(self, field: str) -> Q:
        """Rows whose agency path (``field``, e.g. "agency__path") lies in the roots."""
        if self.roots is None:
            return Q()
        if not self.roots:
            return Q(pk__in=[])
        return reduce(or_, (Q(**{f"{field}__startswith": root}) for root in self.roots))

    def within(self, qs: QuerySet, field: str) -> QuerySet:
        return qs.filter(self.under(field))

    def dated(self, qs: QuerySet, field: str) -> QuerySet:
        return qs.filter(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def link_params(self) -> dict[str, str]:
        """The period (and agency) as the back-office lists read them: ?tu=…&den=…&agency=…"""
        params = {"tu": format_date(self.start), "den": format_date(self.end)}
        if self.agency is not None:
            params["agency"] = str(self.agency.pk)
        return params

    @property
    def period_label(self) -> str:
        return f"{format_date(self.start)} – {format_date(self.end)}"


def report_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies whose figures the user may see: those where a role is held, and below."""
    scope = user_scope(user)
    qs = Agency.objects.all().order_by("path")
    if scope.is_province_admin:
        return qs
    roots = list(scope.roles_by_path)
    if not roots:
        return qs.none()
    return qs.filter(reduce(or_, (Q(path__startswith=root) for root in roots)))


def user_roots(user: Any) -> tuple[str, ...] | None:
    scope = user_scope(user)
    if scope.is_province_admin:
        return None
    # A role held below another one of the same user adds nothing.
    paths = sorted(scope.roles_by_path)
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in kept):
            kept.append(path)
    return tuple(kept)


def make_filter(
    user: Any,
    *,
    start: dt.date,
    end: dt.date,
    agency: Agency | int | None = None,
    plan_id: int | None = None,
    movement_id: int | None = None,
) -> Filter:
    """The filter for ``user``; an agency outside their reach raises Http404."""
    chosen: Agency | None = None
    if agency is not None:
        agency_id = agency.pk if isinstance(agency, Agency) else agency
        chosen = report_agencies(user).filter(pk=agency_id).first()
        if chosen is None:
            raise Http404
    roots = (chosen.path,) if chosen is not None else user_roots(user)
    return Filter(
        user=user,
        roots=roots,
        start=start,
        end=end,
        agency=chosen,
        plan_id=plan_id,
        movement_id=movement_id,
    )


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The current calendar year."""
    today = today or dt.date.today()
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)


def period_from(params: QueryDict, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """?tu=dd/mm/yyyy&den=dd/mm/yyyy, the current year by default; a reversed range is turned
    the right way round."""
    start, end = default_period(today)
    start = parse_day(params.get("tu")) or start
    end = parse_day(params.get("den")) or end
    return (start, end) if start <= end else (end, start)
