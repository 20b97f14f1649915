"""Documents disseminated through the e-office system as a source of the propaganda figures.

A dissemination recorded against a plan is already one of the plan's activities (channel
``e_office``, ``Activity.dissemination``) and is counted there; this source counts the others,
so a dissemination is never counted twice. Reads go through ``thidua.documents.queries``
(scoped to the user), narrowed to the filter's agencies and period. A report about one plan or
one movement counts only what was recorded against it, so this source is empty there."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.documents import queries as documents
from thidua.plans.models import Activity, Channel
from thidua.reports.scope import Filter
from thidua.reports.sources import PropagandaSource, Record, Tally, record_url

CHANNEL = Channel.E_OFFICE


def disseminations(flt: Filter) -> QuerySet:
    qs = documents.disseminations_visible_to(flt.user)
    if flt.plan_id is not None or flt.movement_id is not None:
        return qs.none()
    recorded = Activity.objects.filter(dissemination__isnull=False).values("dissemination_id")
    return (
        flt.within(qs, "agency__path")
        .filter(sent_at__date__gte=flt.start, sent_at__date__lte=flt.end)
        .exclude(pk__in=recorded)
    )


def _tallies(flt: Filter) -> Iterable[Tally]:
    rows = (
        disseminations(flt)
        .order_by()
        .annotate(month=TruncMonth("sent_at"))
        .values("month", "agency_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        month = row["month"]
        if hasattr(month, "hour"):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        yield Tally(month, CHANNEL, row["agency_id"], row["n"])


def _link(flt: Filter, extra: dict[str, str]) -> str:
    # Every dissemination is on the e-office channel, so the list needs no channel parameter
    # (the tables link only non-zero figures, and this source has none on other channels).
    params = {**flt.link_params(), **{k: v for k, v in extra.items() if k != "channel"}}
    return f"{reverse('documents:disseminations')}?{urlencode(params)}"


def _records(flt: Filter) -> Iterable[Record]:
    label = str(Channel(CHANNEL).label)
    url = record_url("documents:dissemination")
    rows = (
        disseminations(flt)
        .order_by("-sent_at", "-pk")
        .values_list(
            "pk", "sent_at", "document__number_symbol", "document__summary", "agency__name"
        )
    )
    for pk, sent_at, number, summary, unit in rows.iterator(chunk_size=2000):
        yield Record(
            date=timezone.localdate(sent_at),
            title=f"{number} – {summary}",  # as Document.__str__
            channel=label,
            unit=unit,
            people=0,
            url=url(pk),
        )


def document_sources() -> list[PropagandaSource]:
    return [
        PropagandaSource(
            key="disseminations",
            label=str(_("Phổ biến văn bản (chưa ghi vào kế hoạch)")),
            tallies=_tallies,
            link=_link,
            records=_records,
            channel_labels={CHANNEL: str(Channel(CHANNEL).label)},
        )
    ]
