"""Reads of awards, always scoped to the user. Views, the API, reports and the dashboard share
them; out-of-scope detail lookups raise Http404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from thidua.awards import permissions as perms
from thidua.awards.eligibility.engine import Evaluation, evaluate, needs_members
from thidua.awards.eligibility.facts import facts_for_page
from thidua.awards.models import (
    Achievement,
    AppliesTo,
    AwardEntry,
    Decision,
    DecisionStatus,
    Discipline,
    Proposal,
    ProposalStatus,
    PublicComment,
    RuleVersion,
    Title,
    YearRating,
)
from thidua.org.models import Agency, Person
from thidua.org.queries import user_scope


def _under(field: str, roots: list[str]) -> Q:
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": root}) for root in roots))


def proposals_visible_to(user: Any) -> QuerySet[Proposal]:
    """Dossiers of the agencies where the user reads dossiers (and every unit below them)."""
    scope = user_scope(user)
    qs = Proposal.objects.select_related("title", "person", "nominee_agency", "proposing_agency")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("proposing_agency__path", scope.paths_with(perms.DOSSIER_READERS)))


def proposal_for(user: Any, pk: int) -> Proposal:
    proposal = proposals_visible_to(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def comments_visible_to(user: Any) -> QuerySet[PublicComment]:
    return PublicComment.objects.filter(proposal__in=proposals_visible_to(user).values("pk"))


def public_proposals(today: dt.date) -> QuerySet[Proposal]:
    """Dossiers open for public comment today (the portal list)."""
    return (
        Proposal.objects.filter(
            status=ProposalStatus.PUBLICISED,
            publicity_start__lte=today,
            publicity_end__gte=today,
        )
        .select_related("title", "person", "nominee_agency", "proposing_agency")
        .order_by("publicity_end", "pk")
    )


def public_proposal(pk: int, today: dt.date) -> Proposal:
    proposal = public_proposals(today).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def titles_in_force(year: int) -> QuerySet[Title]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Title.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
    )


def people_in_ledger_scope(user: Any) -> QuerySet[Person]:
    scope = user_scope(user)
    qs = Person.objects.select_related("agency")
    if scope.is_province_admin:
        return qs
    visible = _under("agency__path", scope.paths_with(perms.PEOPLE_READERS))
    if scope.person_id:
        visible |= Q(pk=scope.person_id)
    return qs.filter(visible)


@dataclass
class LedgerView:
    holder: Person | Agency
    ratings: list[YearRating]
    achievements: list[Achievement]
    disciplines: list[Discipline]
    entries: list[AwardEntry]


def ledger_for_person(user: Any, pk: int) -> LedgerView:
    """A person's whole record, wherever they worked (rows are keyed by person)."""
    person = people_in_ledger_scope(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return LedgerView(
        holder=person,
        ratings=list(YearRating.objects.filter(person=person)),
        achievements=list(Achievement.objects.filter(person=person)),
        disciplines=list(Discipline.objects.filter(person=person)),
        entries=list(
            AwardEntry.objects.filter(person=person).select_related("title", "agency_at_time")
        ),
    )


def ledger_for_agency(user: Any, pk: int) -> LedgerView:
    """A collective's record: its own ratings, initiatives, discipline and titles."""
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None or not perms.can_view_ledger_of(user_scope(user), agency.path):
        raise Http404
    return LedgerView(
        holder=agency,
        ratings=list(YearRating.objects.filter(agency=agency)),
        achievements=list(Achievement.objects.filter(agency=agency)),
        disciplines=list(Discipline.objects.filter(agency=agency)),
        entries=list(AwardEntry.objects.filter(agency=agency).select_related("title")),
    )


def rules_in_force_by_title(on: dt.date) -> dict[int, RuleVersion]:
    """For every title, the criteria version in force on ``on`` (one query)."""
    chosen: dict[int, RuleVersion] = {}
    for version in RuleVersion.objects.filter(valid_from__lte=on).order_by(
        "title_id", "valid_from", "number"
    ):
        chosen[version.title_id] = version
    return chosen


@dataclass
class Candidate:
    nominee: Person | Agency
    evaluation: Evaluation

    @property
    def needs_judgement(self) -> bool:
        return bool(self.evaluation.to_judge)


@dataclass
class TitleCandidates:
    title: Title
    candidates: list[Candidate]


CANDIDATES_PER_PAGE = 50


@dataclass
class CandidatesPage:
    """One page of the candidates list: each title's candidates among the page's people and
    the page's collectives (the chosen agency and its units one level down)."""

    groups: list[TitleCandidates]
    page: Page  # numbering: page n evaluates the n-th slice of the people and of the units
    people: list[Person]
    people_count: int
    units: list[Agency]
    units_count: int

    def _span(self, count: int) -> tuple[int, int]:
        first = (self.page.number - 1) * CANDIDATES_PER_PAGE
        return min(first + 1, count), min(first + CANDIDATES_PER_PAGE, count)

    @property
    def people_span(self) -> tuple[int, int]:
        return self._span(self.people_count)

    @property
    def units_span(self) -> tuple[int, int]:
        return self._span(self.units_count)


def candidates(
    user: Any,
    agency: Agency,
    year: int,
    on: dt.date,
    *,
    units: list[Agency] | None = None,
    page: Any = 1,
) -> CandidatesPage:
    """Who in ``agency`` (and its units) meets each title's criteria for ``year``, by title.

    One page at a time (``CANDIDATES_PER_PAGE``): the page's slice of the people under the
    agency (by name) and of the collectives, which are the agency itself and its units one level
    down (pick a unit to see the collectives further down; the caller may pass them, already
    read). A bounded number of queries whatever the number of people: titles, criteria, the
    people's count and page, four ledger reads for the page's people and units, and four member
    counts. Quotas are applied when the Office checks a dossier, not here."""
    scope = user_scope(user)
    if not perms.can_view_ledger_of(scope, agency.path):
        raise Http404
    all_titles = list(Title.objects.all())
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    titles = [
        t
        for t in all_titles
        if (t.valid_from is None or t.valid_from <= end)
        and (t.valid_to is None or t.valid_to >= start)
    ]
    versions = rules_in_force_by_title(min(on, end))
    labels = {t.code: t.short_name or t.name for t in all_titles}
    wants_people = any(
        t.applies_to != AppliesTo.COLLECTIVE
        and t.pk in versions
        and not needs_members(versions[t.pk].rules)
        for t in titles
    )
    wants_collectives = any(t.applies_to != AppliesTo.INDIVIDUAL for t in titles)
    everyone = (
        Person.objects.filter(agency__path__startswith=agency.path, is_active=True)
        .select_related("agency")
        .order_by("sort_name", "pk")
    )
    people_count = everyone.count() if wants_people else 0
    if units is None:
        units = list(
            Agency.objects.filter(
                Q(pk=agency.pk) | Q(parent_id=agency.pk), successor__isnull=True
            ).order_by("path")
        )
    if not wants_collectives:
        units = []
    numbering = Paginator(range(max(people_count, len(units))), CANDIDATES_PER_PAGE)
    current = numbering.get_page(page)
    first = (current.number - 1) * CANDIDATES_PER_PAGE
    last = first + CANDIDATES_PER_PAGE
    people = list(everyone[first:last]) if first < people_count else []
    page_units = units[first:last]
    person_facts, unit_facts = facts_for_page(people, page_units, year, on, labels)
    result = []
    for title in titles:
        version = versions.get(title.pk)
        if version is None:
            continue
        found: list[Candidate] = []
        if title.applies_to in (AppliesTo.INDIVIDUAL, AppliesTo.BOTH) and not needs_members(
            version.rules
        ):
            for person in people:
                evaluation = evaluate(version.rules, person_facts[person.pk])
                if evaluation.eligible:
                    found.append(Candidate(person, evaluation))
        if title.applies_to in (AppliesTo.COLLECTIVE, AppliesTo.BOTH):
            for unit in page_units:
                evaluation = evaluate(version.rules, unit_facts[unit.pk])
                if evaluation.eligible:
                    found.append(Candidate(unit, evaluation))
        result.append(TitleCandidates(title, found))
    return CandidatesPage(
        groups=result,
        page=current,
        people=people,
        people_count=people_count,
        units=page_units,
        units_count=len(units),
    )


def published_decisions() -> QuerySet:
    """Issued decisions for the public portal (revoked ones stay listed, marked revoked)."""
    return (
        Decision.objects.filter(status__in=[DecisionStatus.ISSUED, DecisionStatus.REVOKED])
        .select_related("agency")
        .annotate(awardee_count=Count("awardees"))
        .order_by("-date", "-id")
    )


def decision_years() -> list[int]:
    """The years that have published decisions, newest first (for the year filter)."""
    dates = published_decisions().order_by().values_list("date__year", flat=True).distinct()
    return sorted({year for year in dates if year}, reverse=True)
