"""Home panel: the movement work owed by the user's agencies, and what waits for review in the
movements their Office launched. A fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from thidua.movements import queries
from thidua.movements.models import Duty, Movement
from thidua.org.dashboard import DashboardPanel


class MovementsPanel(DashboardPanel):
    name = "movements"
    order = 16
    template_name = "movements/panel.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        user = self.request.user
        owed = queries.duties_for_user(user).filter(
            status__in=[Duty.Status.NOT_SENT, Duty.Status.RETURNED]
        )
        launched = (
            queries.movements_managed_by(user)
            .filter(status=Movement.Status.LAUNCHED)
            .annotate(waiting=Count("duties", filter=Q(duties__status=Duty.Status.WAITING)))
            .filter(waiting__gt=0)
            .order_by("-waiting")
        )
        return {"owed": list(owed[:6]), "to_review": list(launched[:5])}
