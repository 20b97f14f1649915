"""Who may see and do what with councils, sessions, decisions and certificates; and the scoped
reads that views, the dashboard and other apps share.

- The Office (and the province admin) set up councils and their members, draft decisions.
- The council's secretary (or the Office) prepares a session: agenda, attendance, opening the
  vote, paper tallies, the minutes.
- Voting members vote; only the chair closes the vote.
- Leadership issues and revokes decisions (the Office may too, on its behalf).
- Council members, the Office and leadership of the agency see its sessions; nobody sees any
  count before the vote is closed (the counts only exist on closed items).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.awards.models import (
    Awardee,
    Council,
    CouncilMember,
    Decision,
    DecisionStatus,
    MemberPosition,
    Session,
    SessionStatus,
)
from thidua.org.models.role import Role
from thidua.org.queries import user_scope

OFFICE = frozenset({Role.OFFICE})
DECIDERS = frozenset({Role.OFFICE, Role.LEADERSHIP})
SESSION_READERS = frozenset({Role.OFFICE, Role.LEADERSHIP})


def _under(field: str, roots: list[str]) -> Q:
    query = Q(pk__in=[])
    for root in roots:
        query |= Q(**{f"{field}__startswith": root})
    return query


# --- Reads ---------------------------------------------------------------------------------------
def councils_visible_to(user: Any) -> QuerySet[Council]:
    scope = user_scope(user)
    qs = Council.objects.select_related("agency", "bloc")
    if scope.is_province_admin:
        return qs
    visible = _under("agency__path", scope.paths_with(SESSION_READERS))
    if scope.user_id:
        visible |= Q(members__user_id=scope.user_id)
    return qs.filter(visible).distinct()


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    return Session.objects.select_related("council", "council__agency").filter(
        council__in=councils_visible_to(user).values("pk")
    )


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    scope = user_scope(user)
    qs = Decision.objects.select_related("agency", "number", "session")
    if scope.is_province_admin:
        return qs
    return qs.filter(_under("agency__path", scope.paths_with(DECIDERS)))


def awardees_visible_to(user: Any) -> QuerySet[Awardee]:
    """Awardees of the decisions the user may read (reports and dashboards count them)."""
    return Awardee.objects.select_related("decision", "title").filter(
        decision__in=decisions_visible_to(user).values("pk")
    )


def seat_of(user: Any, council: Council) -> CouncilMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CouncilMember.objects.filter(council=council, user_id=user.pk).first()


def sessions_to_vote(user: Any) -> QuerySet[Session]:
    """Open sessions where the user holds a voting seat (for the dashboard)."""
    return (
        Session.objects.filter(
            status=SessionStatus.VOTING,
            council__members__user_id=getattr(user, "pk", None),
            council__members__position__in=[
                MemberPosition.CHAIR,
                MemberPosition.VICE_CHAIR,
                MemberPosition.MEMBER,
            ],
        )
        .exclude(items__participations__member__user_id=getattr(user, "pk", None))
        .distinct()
        .select_related("council")
    )


# --- Predicates ----------------------------------------------------------------------------------
def can_manage_councils_of(user: Any, agency_path: str) -> bool:
    return user_scope(user).covers(agency_path, OFFICE)


def can_prepare_session(user: Any, council: Council) -> bool:
    """The council's secretary or the agency's Office."""
    if can_manage_councils_of(user, council.agency.path):
        return True
    seat = seat_of(user, council)
    return seat is not None and seat.position == MemberPosition.SECRETARY


def can_close_session(user: Any, council: Council) -> bool:
    seat = seat_of(user, council)
    return seat is not None and seat.position == MemberPosition.CHAIR


def can_draft_decisions(user: Any, agency_path: str) -> bool:
    return user_scope(user).covers(agency_path, OFFICE)


def can_issue_decisions(user: Any, agency_path: str) -> bool:
    return user_scope(user).covers(agency_path, DECIDERS)


def can_edit_decision(user: Any, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and can_draft_decisions(
        user, decision.agency.path
    )
