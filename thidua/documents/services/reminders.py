"""The daily reminder of documents to read: one digest per user per day, to those behind only.

A recipient is behind while it has not answered and the deadline is near (within
``THIDUA_DOCUMENTS_REMIND_DAYS`` days, 2 by default) or past. A person-level recipient hears
itself; a unit hears through its head, Office or leadership (its staff when it has none of
them). ``notify(..., dedupe_key="documents.reminders:<date>")`` makes a second run of the same
day write nothing, even on two workers at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.core.text import format_date
from thidua.documents.models import Recipient
from thidua.documents.permissions import ACKNOWLEDGERS
from thidua.notifications.services import notify
from thidua.org.models import RoleAssignment
from thidua.org.models.role import Role

UNIT_ANSWERERS = frozenset({Role.UNIT_HEAD, Role.OFFICE, Role.LEADERSHIP})


def remind_days() -> int:
    return int(settings.THIDUA_DOCUMENTS_REMIND_DAYS)


def behind(today: dt.date) -> list[Recipient]:
    """Recipient rows still unanswered whose deadline is near or past."""
    horizon = today + dt.timedelta(days=remind_days())
    return list(
        Recipient.objects.filter(
            status=Recipient.Status.PENDING,
            dissemination__deadline__lte=horizon,
            agency__successor__isnull=True,
        )
        .select_related("dissemination__document", "agency")
        .order_by("dissemination__deadline", "pk")
    )


def reminders_send(today: dt.date | None = None) -> int:
    """Send the day's reminders; returns how many users were reminded."""
    today = today or timezone.localdate()
    rows = behind(today)
    if not rows:
        return 0
    unit_ids = {r.agency_id for r in rows if r.user_id is None}
    by_unit: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for user_id, agency_id, role in RoleAssignment.objects.filter(
        agency_id__in=unit_ids, role__in=ACKNOWLEDGERS
    ).values_list("user_id", "agency_id", "role"):
        by_unit[agency_id][role].add(user_id)
    items: dict[int, list[Recipient]] = defaultdict(list)
    for row in rows:
        if row.user_id is not None:
            items[row.user_id].append(row)
            continue
        roles = by_unit.get(row.agency_id, {})
        answerers = set().union(*(roles.get(r, set()) for r in UNIT_ANSWERERS))
        for user_id in answerers or roles.get(Role.STAFF, set()):
            items[user_id].append(row)
    url = reverse("documents:inbox")
    key = f"documents.reminders:{today.isoformat()}"
    for user_id in sorted(items):
        title, body = _digest(items[user_id], today)
        notify(
            [user_id], kind="documents.reminder", title=title, body=body, url=url, dedupe_key=key
        )
    return len(items)


def _digest(rows: list[Recipient], today: dt.date) -> tuple[str, str]:
    late = [r for r in rows if r.dissemination.deadline < today]
    lines = []
    seen: set[tuple[int, int]] = set()
    for row in rows:
        if (row.dissemination_id, row.agency_id) in seen:
            continue
        seen.add((row.dissemination_id, row.agency_id))
        document = row.dissemination.document
        lines.append(
            f"- {document.number_symbol} – {document.summary} ({row.agency.name}, "
            + _("hạn %(date)s") % {"date": format_date(row.dissemination.deadline)}
            + ")"
        )
    title = ngettext(
        "Văn bản cần đọc: %(n)d văn bản chưa xác nhận (%(late)d quá hạn)",
        "Văn bản cần đọc: %(n)d văn bản chưa xác nhận (%(late)d quá hạn)",
        len(seen),
    ) % {"n": len(seen), "late": len({(r.dissemination_id, r.agency_id) for r in late})}
    return title, "\n".join(lines)
