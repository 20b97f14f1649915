"""Dashboard panel: dossiers waiting for the user's action (the Office: to check, publicise or
send to the council; unit heads: drafts and returned dossiers)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from wagtail.admin.ui.components import Component

from thidua.awards import permissions as perms
from thidua.awards import queries
from thidua.awards.models import ProposalStatus
from thidua.core.paging import head_and_counts
from thidua.org.queries import user_scope

S = ProposalStatus
SHOWN = 8


def _under(roots: list[str]) -> Q:
    query = Q(pk__in=[])
    for root in roots:
        query |= Q(proposing_agency__path__startswith=root)
    return query


def waiting_for(user: Any) -> Any:
    scope = user_scope(user)
    office = _under(scope.paths_with(perms.DOSSIER_CHECKERS)) & Q(
        status__in=[S.SUBMITTED, S.CHECKED, S.PUBLICISED]
    )
    authors = _under(scope.paths_with(perms.DOSSIER_AUTHORS)) & Q(status__in=[S.DRAFT, S.RETURNED])
    if scope.is_province_admin:
        office = Q(status__in=[S.SUBMITTED, S.CHECKED, S.PUBLICISED])
    return queries.proposals_visible_to(user).filter(office | authors).order_by("due_date", "pk")


class ProposalsPanel(Component):
    name = "awards_proposals"
    order = 40
    template_name = "awards/dashboard/proposals.html"

    def __init__(self, request: Any) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        proposals, total, _ = head_and_counts(waiting_for(self.request.user), SHOWN)
        return {"proposals": proposals, "total": total}
