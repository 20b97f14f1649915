"""Reads of the exemplars app, always scoped to what the user may see.

The back office, the dashboard and other apps share these. Public reads for the portal
(``published_exemplars``, ``public_coverage``) need no user: they return only exemplars
approved for publication and only their public fields.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.exemplars import permissions as perms
from thidua.exemplars.models import (
    Coverage,
    Evidence,
    Exemplar,
    ExemplarField,
    Kind,
    NurturingLog,
    Replication,
    Stage,
    StageChange,
)
from thidua.org.models import Agency
from thidua.org.queries import user_scope

# What the portal may show about an exemplar approved for publication.
PUBLIC_FIELDS = (
    "id",
    "name",
    "subject_kind",
    "kind",
    "field__name",
    "unit__name",
    "summary",
    "achievements",
    "stage",
    "recognition_level",
    "recognition_title",
    "recognition_decision_number",
    "recognition_decision_date",
    "image",
    "updated_at",
)


def _under(field: str, roots: list[str]) -> Q:
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": root}) for root in roots))


def _base() -> QuerySet[Exemplar]:
    return Exemplar.objects.select_related("field", "unit", "person", "collective")


def exemplars_visible_to(user: Any) -> QuerySet[Exemplar]:
    scope = user_scope(user)
    if scope.is_province_admin:
        return _base()
    return _base().filter(_under("unit__path", scope.paths_with(perms.READERS)))


def exemplars_managed_by(user: Any) -> QuerySet[Exemplar]:
    """Exemplars the user may edit and move along (unit heads: their units; the Office: all of
    its agency), in units that are neither merged nor expired."""
    scope = user_scope(user)
    qs = _base().filter(unit__successor__isnull=True).exclude(unit__valid_to__lt=dt.date.today())
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("unit__path", scope.paths_with(perms.MANAGERS)))


def units_for_new_exemplars(user: Any) -> QuerySet[Agency]:
    """Units the user may propose exemplars for."""
    scope = user_scope(user)
    qs = Agency.objects.filter(successor__isnull=True).exclude(valid_to__lt=dt.date.today())
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("path", scope.paths_with(perms.MANAGERS)))


def fields_visible_to(user: Any) -> QuerySet[ExemplarField]:
    """Shared fields, and the fields of the user's agencies and of the agencies above them."""
    scope = user_scope(user)
    qs = ExemplarField.objects.select_related("agency")
    if scope.is_province_admin:
        return qs
    roots = list(scope.roles_by_path)
    if not roots:
        return qs.none()
    ancestors = {int(i) for root in roots for i in root.strip("/").split("/") if i}
    return qs.filter(
        Q(agency__isnull=True) | _under("agency__path", roots) | Q(agency_id__in=ancestors)
    )


def fields_managed_by(user: Any) -> QuerySet[ExemplarField]:
    scope = user_scope(user)
    qs = ExemplarField.objects.select_related("agency")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("agency__path", scope.paths_with(perms.FIELD_MANAGERS)))


def fields_for_unit(unit: Agency) -> QuerySet[ExemplarField]:
    """Active fields an exemplar of ``unit`` may be filed under: shared ones and those of the
    unit's agency or any agency above it."""
    ids = [*unit.ancestor_ids(), unit.pk]
    return ExemplarField.objects.filter(is_active=True).filter(
        Q(agency__isnull=True) | Q(agency_id__in=ids)
    )


def decisions_for(exemplar: Exemplar) -> QuerySet:
    """Issued award decisions that may recognise this exemplar: of its unit or above."""
    from thidua.awards.models import Decision, DecisionStatus

    return Decision.objects.filter(
        status=DecisionStatus.ISSUED,
        agency_id__in=[*exemplar.unit.ancestor_ids(), exemplar.unit_id],
    ).order_by("-date", "-id")


# --- Coverage -------------------------------------------------------------------------------


def coverage_counts(exemplars: Iterable[Exemplar | int] | QuerySet) -> dict[int, dict[str, int]]:
    """Coverage per exemplar, by kind, in one query:
    ``{exemplar_id: {"article": 2, "meeting": 1, "activity": 0, "other": 0, "total": 3}}``.

    Accepts exemplars, their ids, or a queryset of exemplars. Exemplars without coverage are
    present with zeros.
    """
    if isinstance(exemplars, QuerySet):
        ids_filter: Any = exemplars.values("pk")
        wanted: list[int] | None = None
    else:
        wanted = [e if isinstance(e, int) else e.pk for e in exemplars]
        ids_filter = wanted
    empty = {kind: 0 for kind in Coverage.Kind.values}
    result: dict[int, dict[str, int]] = {pk: {**empty, "total": 0} for pk in wanted or []}
    rows = (
        Coverage.objects.filter(exemplar_id__in=ids_filter)
        .values_list("exemplar_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for exemplar_id, kind, n in rows:
        counts = result.setdefault(exemplar_id, {**empty, "total": 0})
        counts[kind] = n
        counts["total"] += n
    return result


def with_coverage_total(queryset: QuerySet[Exemplar]) -> QuerySet[Exemplar]:
    """Annotate ``coverage_total`` with a subquery (no join that would multiply rows)."""
    total = (
        Coverage.objects.filter(exemplar=OuterRef("pk"))
        .order_by()
        .values("exemplar")
        .annotate(n=Count("id"))
        .values("n")
    )
    return queryset.annotate(
        coverage_total=Coalesce(Subquery(total, output_field=IntegerField()), 0)
    )


def coverage_by_target(target: Any) -> QuerySet[Coverage]:
    """The coverage records linked to one record of another app (a portal article, an activity),
    for the app that counts it (not scoped: the system keeps them in step)."""
    from django.contrib.contenttypes.models import ContentType

    return Coverage.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("exemplar")


def coverage_of(exemplar: Exemplar) -> QuerySet[Coverage]:
    return exemplar.coverage.select_related("recorded_by").order_by("-date", "-id")


# --- Public reads (portal) ------------------------------------------------------------------


def published_exemplars() -> QuerySet[Exemplar]:
    """Exemplars the portal may show: approved for publication and still followed.

    Only the public fields are loaded (``PUBLIC_FIELDS``: no evidence, no personal data beyond
    the name), with ``coverage_total`` annotated; newest recognition first.
    """
    qs = (
        Exemplar.objects.filter(approved_for_publication=True)
        .exclude(stage=Stage.DROPPED)
        .select_related("field", "unit", "image")
        .only(*[f for f in PUBLIC_FIELDS if f != "image"], "field_id", "unit_id", "image_id")
    )
    return with_coverage_total(qs).order_by("-recognition_decision_date", "name", "id")


def public_coverage(exemplar: Exemplar) -> QuerySet[Coverage]:
    """The coverage of a published exemplar (titles, dates, links), newest first."""
    return Coverage.objects.filter(
        exemplar=exemplar, exemplar__approved_for_publication=True
    ).order_by("-date", "-id")


# --- Detail page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # "stage", "log", "replication", "coverage"
    title: str
    detail: str = ""
    actor: str = ""
    url: str = ""


def _who(user: Any) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.full_name if person else user.get_username()


def exemplar_timeline(exemplar: Exemplar) -> list[TimelineEntry]:
    """Stage history, nurturing log, replications and coverage, newest first (four queries)."""
    stages = dict(Stage.choices)
    entries: list[TimelineEntry] = []
    for change in StageChange.objects.filter(exemplar=exemplar).select_related("actor__person"):
        title = (
            _("Chuyển sang “%(to)s”") % {"to": stages[change.to_stage]}
            if change.from_stage
            else _("Ghi nhận: %(to)s") % {"to": stages[change.to_stage]}
        )
        entries.append(
            TimelineEntry(
                change.on or timezone.localtime(change.at).date(),
                "stage",
                title,
                change.reason,
                _who(change.actor),
            )
        )
    for log in NurturingLog.objects.filter(exemplar=exemplar).select_related("recorded_by__person"):
        entries.append(
            TimelineEntry(
                log.date, "log", _("Nhật ký bồi dưỡng"), log.content, _who(log.recorded_by)
            )
        )
    for rep in Replication.objects.filter(exemplar=exemplar).select_related(
        "adopting_unit", "recorded_by__person"
    ):
        entries.append(
            TimelineEntry(
                rep.adopted_on,
                "replication",
                _("Nhân rộng tại %(unit)s") % {"unit": rep.unit_label},
                rep.result,
                _who(rep.recorded_by),
            )
        )
    kinds = dict(Coverage.Kind.choices)
    for cov in Coverage.objects.filter(exemplar=exemplar).select_related("recorded_by__person"):
        entries.append(
            TimelineEntry(
                cov.date,
                "coverage",
                f"{kinds[cov.kind]}: {cov.title}",
                "",
                _who(cov.recorded_by),
                cov.url,
            )
        )
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries


def evidence_of(exemplar: Exemplar) -> QuerySet[Evidence]:
    return exemplar.evidence.select_related("added_by").order_by("added_at", "id")


# --- Dashboard ------------------------------------------------------------------------------


def stale_days() -> int:
    return int(getattr(settings, "THIDUA_EXEMPLAR_STALE_DAYS", 180))


def with_last_progress(queryset: QuerySet[Exemplar]) -> QuerySet[Exemplar]:
    """Annotate ``last_progress``: the later of the last log entry and the last stage change."""
    last_log = (
        NurturingLog.objects.filter(exemplar=OuterRef("pk"))
        .order_by()
        .values("exemplar")
        .annotate(d=Max("date"))
        .values("d")
    )
    stage_day = TruncDate("stage_changed_at")
    return queryset.annotate(
        last_progress=Greatest(Coalesce(Subquery(last_log), stage_day), stage_day)
    )


def stale_exemplars(user: Any, days: int | None = None, today: dt.date | None = None) -> QuerySet:
    """Exemplars being nurtured with no log entry (and no stage change) for ``days`` days
    (``THIDUA_EXEMPLAR_STALE_DAYS``, 180 by default); the longest forgotten first."""
    cutoff = (today or timezone.localdate()) - dt.timedelta(days=days or stale_days())
    qs = with_last_progress(exemplars_visible_to(user).filter(stage=Stage.NURTURING))
    return qs.filter(last_progress__lt=cutoff).order_by("last_progress", "id")


def recognised_without_coverage(user: Any) -> QuerySet[Exemplar]:
    """Recognised (or replicated) exemplars that no article, meeting or activity featured yet."""
    return (
        exemplars_visible_to(user)
        .filter(stage__in=[Stage.RECOGNISED, Stage.REPLICATED])
        .filter(~Exists(Coverage.objects.filter(exemplar=OuterRef("pk"))))
        .order_by("-recognition_decision_date", "name")
    )


@dataclass
class Breakdown:
    by_stage: list[tuple[str, str, int]]  # (value, label, count)
    by_kind: list[tuple[str, str, int]]
    by_field: list[tuple[int, str, int]]
    by_unit: list[tuple[int, str, int]]
    total: int


def stage_counts(user: Any) -> Breakdown:
    """Counts by stage only (the home panel): one grouped query."""
    counts = dict(
        exemplars_visible_to(user).order_by().values_list("stage").annotate(n=Count("id"))
    )
    return Breakdown(
        by_stage=[(v, str(label), counts.get(v, 0)) for v, label in Stage.choices],
        by_kind=[],
        by_field=[],
        by_unit=[],
        total=sum(counts.values()),
    )


def exemplar_breakdown(user: Any) -> Breakdown:
    """Counts by stage, kind, field and unit: one grouped query whatever the data size (its
    rows are the combinations that occur, at most one per exemplar), summed here four ways."""
    stages: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    fields: Counter[tuple[int, str]] = Counter()
    units: Counter[tuple[int, str]] = Counter()
    for stage, kind, field_id, field_name, unit_id, unit_name, n in (
        exemplars_visible_to(user)
        .order_by()
        .values_list("stage", "kind", "field_id", "field__name", "unit_id", "unit__name")
        .annotate(n=Count("id"))
    ):
        stages[stage] += n
        kinds[kind] += n
        fields[(field_id, field_name)] += n
        units[(unit_id, unit_name)] += n

    def most_first(counts: Counter[tuple[int, str]]) -> list[tuple[int, str, int]]:
        return sorted(
            ((pk, name, n) for (pk, name), n in counts.items()), key=lambda r: (-r[2], r[1] or "")
        )

    return Breakdown(
        by_stage=[(v, str(label), stages.get(v, 0)) for v, label in Stage.choices],
        by_kind=[(v, str(label), kinds.get(v, 0)) for v, label in Kind.choices],
        by_field=most_first(fields),
        by_unit=most_first(units),
        total=sum(stages.values()),
    )
