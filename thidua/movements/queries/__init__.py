"""Reads of the movements app, always scoped to what the user may see.

Views, exports, the dashboard, reports and the portal share these functions.
"""

from thidua.movements.queries.movements import (
    cascade,
    duties_for_user,
    duties_visible_to,
    movement_for,
    movements_managed_by,
    movements_visible_to,
    public_movement,
    public_movements,
    registrable_units,
    registrations_visible_to,
)
from thidua.movements.queries.scoring import (
    RankingRow,
    bloc_leader,
    can_manage_bloc,
    member_ids,
    ranking,
    sheets_visible_to,
    tables_visible_to,
    visible_sheet,
)

__all__ = [
    "RankingRow",
    "bloc_leader",
    "can_manage_bloc",
    "cascade",
    "duties_for_user",
    "duties_visible_to",
    "member_ids",
    "movement_for",
    "movements_managed_by",
    "movements_visible_to",
    "public_movement",
    "public_movements",
    "ranking",
    "registrable_units",
    "registrations_visible_to",
    "sheets_visible_to",
    "tables_visible_to",
    "visible_sheet",
]
