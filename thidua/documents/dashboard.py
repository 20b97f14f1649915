"""Home-page panel: the documents waiting for the user (or the user's units) to read."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from thidua.core.paging import head_and_counts
from thidua.documents import queries
from thidua.documents.models import Recipient
from thidua.org.dashboard import DashboardPanel


class DocumentsToReadPanel(DashboardPanel):
    name = "documents_to_read"
    order = 16
    template_name = "documents/panel_to_read.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        pending = queries.received_by(self.request.user).filter(status=Recipient.Status.PENDING)
        rows, _total, counts = head_and_counts(
            pending.order_by("dissemination__deadline", "pk"),
            6,
            overdue=Q(dissemination__deadline__lt=timezone.localdate()),
        )
        return {"rows": rows, "overdue": counts["overdue"]}
