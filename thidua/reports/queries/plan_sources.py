"""The plans app's delivered propaganda as sources of the dashboards and reports: activities
(articles, disseminations, …) and meetings (briefings, party-cell meetings, conferences).

Reads go through ``thidua.plans.queries`` (scoped to the user), narrowed to the filter's
agencies, period and subject (a plan, or the plans serving a movement)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.plans import queries as plans
from thidua.plans.models import Activity, Channel, Meeting
from thidua.reports.scope import Filter
from thidua.reports.sources import PropagandaSource, Record, Tally


def _narrow(qs: QuerySet, flt: Filter) -> QuerySet:
    qs = flt.dated(flt.within(qs, "agency__path"), "date")
    if flt.plan_id is not None:
        qs = qs.filter(plan_id=flt.plan_id)
    if flt.movement_id is not None:
        qs = qs.filter(plan__movements=flt.movement_id)
    return qs


def activities(flt: Filter) -> QuerySet:
    return _narrow(plans.activities_visible_to(flt.user), flt)


def meetings(flt: Filter) -> QuerySet:
    return _narrow(plans.meetings_visible_to(flt.user), flt)


def _tallies(qs: QuerySet, channel_field: str, people_field: str) -> Iterable[Tally]:
    rows = (
        qs.order_by()
        .annotate(month=TruncMonth("date"))
        .values("month", channel_field, "agency_id")
        .annotate(n=Count("pk", distinct=True), people=Sum(people_field))
    )
    for row in rows:
        month = row["month"]
        month = month.date() if hasattr(month, "date") and callable(month.date) else month
        yield Tally(month, row[channel_field], row["agency_id"], row["n"], row["people"] or 0)


def _by_content(qs: QuerySet) -> dict[str, int]:
    rows = (
        qs.order_by()
        .filter(topics__isnull=False)
        .values("topics__title")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["topics__title"]: row["n"] for row in rows}


def _link(flt: Filter, extra: dict[str, str], channel_param: str) -> str:
    params = {**flt.link_params()}
    if flt.plan_id is not None:
        params["plan"] = str(flt.plan_id)
    if flt.movement_id is not None:
        params["movement"] = str(flt.movement_id)
    for key, value in extra.items():
        params[channel_param if key == "channel" else key] = value
    return f"{reverse('plans:deliveries')}?{urlencode(params)}"


def _topics(model: type, qs: QuerySet) -> dict[int, list[str]]:
    """The titles of the content items each record carried, in the items' order: one query for
    all the records (a prefetch per chunk of records would be one per 500 records)."""
    field = model.topics.field  # type: ignore[attr-defined]
    own, item = field.m2m_field_name(), field.m2m_reverse_field_name()
    through = model.topics.through  # type: ignore[attr-defined]
    rows = (
        through.objects.filter(**{f"{own}_id__in": qs.order_by().values("pk")})
        .order_by(f"{item}__order", f"{item}_id")
        .values_list(f"{own}_id", f"{item}__title")
    )
    topics: dict[int, list[str]] = {}
    for pk, title in rows.iterator(chunk_size=5000):
        topics.setdefault(pk, []).append(title)
    return topics


def _records(
    model: type, qs: QuerySet, kind_field: str, people_field: str, labels: dict[str, str]
) -> Iterable[Record]:
    """Plain values, not model instances: a province's year is tens of thousands of rows."""
    topics = _topics(model, qs)
    which = "activity" if model is Activity else "meeting"
    base = reverse("plans:deliveries") + f"?{which}="
    columns = ["pk", "date", "title", kind_field, "agency__name", people_field]
    if model is Activity:
        columns.append("link")
    rows = qs.order_by("-date", "-pk").values_list(*columns)
    for row in rows.iterator(chunk_size=2000):
        pk, date, title, kind, unit, people = row[:6]
        yield Record(
            date=date,
            title=title,
            channel=labels.get(kind, kind),
            unit=unit,
            people=people,
            url=(row[6] if len(row) > 6 else "") or f"{base}{pk}",
            topics=topics.get(pk, []),
        )


def _activity_records(flt: Filter) -> Iterable[Record]:
    labels = {k: str(v) for k, v in Channel.choices}
    return _records(Activity, activities(flt), "channel", "audience", labels)


def _meeting_records(flt: Filter) -> Iterable[Record]:
    labels = {k: str(v) for k, v in Meeting.Kind.choices}
    return _records(Meeting, meetings(flt), "kind", "attendees", labels)


def plan_sources() -> list[PropagandaSource]:
    return [
        PropagandaSource(
            key="activities",
            label=str(_("Hoạt động tuyên truyền")),
            tallies=lambda flt: _tallies(activities(flt), "channel", "audience"),
            link=lambda flt, extra: _link(flt, {**extra, "which": "activities"}, "channel"),
            records=_activity_records,
            by_content=lambda flt: _by_content(activities(flt)),
            channel_labels={k: str(v) for k, v in Channel.choices},
        ),
        PropagandaSource(
            key="meetings",
            label=str(_("Cuộc họp")),
            tallies=lambda flt: _tallies(meetings(flt), "kind", "attendees"),
            link=lambda flt, extra: _link(flt, {**extra, "which": "meetings"}, "kind"),
            records=_meeting_records,
            by_content=lambda flt: _by_content(meetings(flt)),
            channel_labels={k: str(v) for k, v in Meeting.Kind.choices},
        ),
    ]
