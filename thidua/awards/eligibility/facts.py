"""The database side of eligibility: read the ledger into plain ``Facts`` for the pure engine,
with a bounded number of queries whatever the number of nominees (``facts_for_people``)."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import replace
from functools import reduce
from operator import or_

from django.db.models import Count, Q

from thidua.awards.eligibility.engine import (
    AchievementFact,
    DisciplineFact,
    Evaluation,
    Facts,
    MembersSummary,
    QuotaFact,
    evaluate,
    needs_members,
    needs_quota,
)
from thidua.awards.models import (
    Achievement,
    AwardEntry,
    Discipline,
    Proposal,
    ProposalStatus,
    Quota,
    RuleVersion,
    Title,
    YearRating,
)
from thidua.org.models import Agency, Person

# Dossiers that use up a quota: everything sent and not returned or refused.
QUOTA_STATUSES = [
    ProposalStatus.SUBMITTED,
    ProposalStatus.CHECKED,
    ProposalStatus.PUBLICISED,
    ProposalStatus.AT_COUNCIL,
    ProposalStatus.DECIDED,
    ProposalStatus.ISSUED,
]


def title_labels() -> dict[str, str]:
    return {
        code: short or name
        for code, short, name in Title.objects.values_list("code", "short_name", "name")
    }


def rules_in_force(title: Title, on: dt.date) -> RuleVersion:
    """The criteria version in force on a date (the newest one that started by then)."""
    versions = RuleVersion.objects.filter(title=title)
    version = versions.filter(valid_from__lte=on).order_by("-valid_from", "-number").first()
    return version or versions.order_by("number").first()  # type: ignore[return-value]


def _empty() -> dict:
    return {"ratings": {}, "titles": defaultdict(set), "achievements": [], "disciplines": []}


def _collect_both(
    person_ids: list[int], agency_ids: list[int]
) -> tuple[dict[int, dict], dict[int, dict]]:
    """Ratings, titles, initiatives and disciplines of many people and collectives: four
    queries (each table read once for both kinds of holder)."""
    people: dict[int, dict] = defaultdict(_empty)
    agencies: dict[int, dict] = defaultdict(_empty)
    where = Q(person__in=person_ids) | Q(agency__in=agency_ids)

    def holder(person: int | None, agency: int | None) -> dict:
        return people[person] if person is not None else agencies[agency]  # type: ignore[index]

    for person, agency, year, rating in YearRating.objects.filter(where).values_list(
        "person", "agency", "year", "rating"
    ):
        holder(person, agency)["ratings"][year] = rating
    entries = AwardEntry.objects.filter(
        where, revoked_at__isnull=True, title__counts_for_merit=True
    )
    for person, agency, code, year in entries.values_list(
        "person", "agency", "title__code", "year"
    ):
        holder(person, agency)["titles"][code].add(year)
    for person, agency, year, kind, level, applied in Achievement.objects.filter(where).values_list(
        "person", "agency", "year", "kind", "effect_level", "applied"
    ):
        holder(person, agency)["achievements"].append(AchievementFact(year, kind, level, applied))
    for discipline in Discipline.objects.filter(where).order_by("start_date"):
        label = discipline.get_kind_display().lower()
        if discipline.form:
            label = f"{label} ({discipline.form})"
        holder(discipline.person_id, discipline.agency_id)["disciplines"].append(
            DisciplineFact(discipline.kind, discipline.start_date, discipline.end_date, label)
        )
    return people, agencies


def _collect(field: str, ids: list[int]) -> dict[int, dict]:
    """Ratings, titles, initiatives and disciplines of many holders of one kind: four queries."""
    people, agencies = _collect_both(ids, []) if field == "person" else _collect_both([], ids)
    return people if field == "person" else agencies


def _facts(raw: dict, year: int, on: dt.date, labels: dict[str, str], **extra) -> Facts:
    return Facts(
        year=year,
        on=on,
        ratings=raw["ratings"],
        titles={code: frozenset(years) for code, years in raw["titles"].items()},
        achievements=tuple(raw["achievements"]),
        disciplines=tuple(raw["disciplines"]),
        labels=labels,
        **extra,
    )


def facts_for_people(
    person_ids: list[int], year: int, on: dt.date, labels: dict[str, str] | None = None
) -> dict[int, Facts]:
    labels = labels if labels is not None else title_labels()
    data = _collect("person", person_ids)
    return {pid: _facts(data[pid], year, on, labels) for pid in person_ids}


def _prefixes(path: str) -> list[str]:
    """ "/1/4/9/" -> ["/1/", "/1/4/", "/1/4/9/"]: the paths of an agency and its ancestors."""
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def _tally() -> dict:
    return {"count": 0, "ratings": defaultdict(int), "titles": defaultdict(int), "disc": 0}


def _members_of(agencies: list[Agency], year: int) -> dict[int, MembersSummary]:
    """Members of each collective (active people working in its subtree), counted for a year.

    Four aggregate queries grouped by the members' agency whatever the number of people; the
    counts are then added up the tree to each collective."""
    roots = sorted({agency.path for agency in agencies})
    roots = [p for p in roots if not any(p != r and p.startswith(r) for r in roots)]
    under = Q()
    for root in roots:
        under |= Q(person__agency__path__startswith=root)
    active = Q(person__is_active=True)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by_path: dict[str, dict] = defaultdict(_tally)
    people = Person.objects.filter(
        reduce(or_, (Q(agency__path__startswith=root) for root in roots)), is_active=True
    )
    for path, n in people.values_list("agency__path").annotate(n=Count("pk")).order_by():
        by_path[path]["count"] += n
    for path, rating, n in (
        YearRating.objects.filter(under, active, year=year)
        .values_list("person__agency__path", "rating")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    ):
        by_path[path]["ratings"][rating] += n
    for path, code, n in (
        AwardEntry.objects.filter(
            under, active, year=year, revoked_at__isnull=True, title__counts_for_merit=True
        )
        .values_list("person__agency__path", "title__code")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    ):
        by_path[path]["titles"][code] += n
    for path, n in (
        Discipline.objects.filter(
            under,
            active,
            Q(end_date__isnull=True) | Q(end_date__gte=start),
            kind="discipline",
            start_date__lte=end,
        )
        .values_list("person__agency__path")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    ):
        by_path[path]["disc"] += n
    totals = {agency.path: _tally() for agency in agencies}
    for path, row in by_path.items():
        for prefix in _prefixes(path):
            total = totals.get(prefix)
            if total is None:
                continue
            total["count"] += row["count"]
            total["disc"] += row["disc"]
            for key in ("ratings", "titles"):
                for value, n in row[key].items():
                    total[key][value] += n
    return {
        agency.id: MembersSummary(
            count=totals[agency.path]["count"],
            ratings=dict(totals[agency.path]["ratings"]),
            titles=dict(totals[agency.path]["titles"]),
            disciplined=totals[agency.path]["disc"],
        )
        for agency in agencies
    }


def _agency_facts(
    agencies: list[Agency],
    data: dict[int, dict],
    members: dict[int, MembersSummary],
    year: int,
    on: dt.date,
    labels: dict[str, str],
) -> dict[int, Facts]:
    result = {}
    for agency in agencies:
        dissolved = agency.valid_to if agency.valid_to and agency.valid_to <= on else None
        result[agency.id] = _facts(
            data[agency.id],
            year,
            on,
            labels,
            members=members.get(agency.id),
            dissolved_on=dissolved,
        )
    return result


def facts_for_agencies(
    agencies: list[Agency],
    year: int,
    on: dt.date,
    labels: dict[str, str] | None = None,
    with_members: bool = True,
) -> dict[int, Facts]:
    labels = labels if labels is not None else title_labels()
    data = _collect("agency", [agency.id for agency in agencies])
    members = _members_of(agencies, year) if with_members else {}
    return _agency_facts(agencies, data, members, year, on, labels)


def facts_for_page(
    people: list[Person], agencies: list[Agency], year: int, on: dt.date, labels: dict[str, str]
) -> tuple[dict[int, Facts], dict[int, Facts]]:
    """Facts of a page of people and collectives (with their members): eight queries at most."""
    if not people and not agencies:
        return {}, {}
    person_data, agency_data = _collect_both([p.pk for p in people], [a.pk for a in agencies])
    members = _members_of(agencies, year) if agencies else {}
    return (
        {p.pk: _facts(person_data[p.pk], year, on, labels) for p in people},
        _agency_facts(agencies, agency_data, members, year, on, labels),
    )


def issuer_of(title: Title, proposing_agency: Agency) -> Agency:
    """Who decides: the head of the department (agency level) or the province."""
    ids = [*proposing_agency.ancestor_ids(), proposing_agency.id]
    chain = {a.id: a for a in Agency.objects.filter(id__in=ids)}
    ordered = [chain[i] for i in ids if i in chain]
    wanted = Agency.Kind.DEPARTMENT if title.level == "agency" else Agency.Kind.PROVINCE
    for agency in reversed(ordered):
        if agency.kind == wanted:
            return agency
    return ordered[0]


def quota_fact(
    title: Title, issuer: Agency, year: int, exclude_proposal: int | None = None
) -> QuotaFact | None:
    quota = Quota.objects.filter(title=title, issuer=issuer, year=year).first()
    if quota is None:
        return None
    in_scope = Proposal.objects.filter(
        proposing_agency__path__startswith=issuer.path, year=year, status__in=QUOTA_STATUSES
    )
    used = in_scope.filter(title=title).exclude(pk=exclude_proposal).count()
    limits = []
    if quota.max_count is not None:
        limits.append(quota.max_count)
    if quota.max_percent is not None and quota.percent_of_id:
        base = (
            AwardEntry.objects.filter(
                title_id=quota.percent_of_id,
                year=year,
                revoked_at__isnull=True,
                person__agency__path__startswith=issuer.path,
            ).count()
            + in_scope.filter(title_id=quota.percent_of_id).count()
        )
        limits.append(math.floor(base * float(quota.max_percent) / 100))
    if not limits:
        return None
    return QuotaFact(limit=min(limits), used=used)


def evaluate_proposal(proposal: Proposal, on: dt.date) -> tuple[RuleVersion, Evaluation]:
    """Judge a dossier by the criteria in force for its period (end of its year, or today if
    earlier)."""
    title = proposal.title
    version = rules_in_force(title, min(on, dt.date(proposal.year, 12, 31)))
    rules = version.rules if version else []
    labels = title_labels()
    if proposal.person_id:
        facts = facts_for_people([proposal.person_id], proposal.year, on, labels)[
            proposal.person_id
        ]
    else:
        facts = facts_for_agencies(
            [proposal.nominee_agency], proposal.year, on, labels, needs_members(rules)
        )[proposal.nominee_agency_id]
    if needs_quota(rules):
        issuer = issuer_of(title, proposal.proposing_agency)
        facts = _replace_quota(facts, quota_fact(title, issuer, proposal.year, proposal.pk))
    return version, evaluate(rules, facts)


def _replace_quota(facts: Facts, quota: QuotaFact | None) -> Facts:
    return replace(facts, quota=quota)
