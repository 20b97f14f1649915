"""The daily reminder: one digest per user per day, never one message per task.

Unit heads hear about their units' tasks due soon and overdue; the Office hears about overdue
work by unit. ``notify(..., dedupe_key="plans.reminders:<date>")`` makes a second run of the
same day (a second worker, a retry) write nothing.
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
from thidua.notifications.services import notify
from thidua.org.models import RoleAssignment
from thidua.org.models.role import Role
from thidua.plans.models import Plan, Task


def reminders_send(today: dt.date | None = None) -> int:
    """Send the day's reminders; returns how many users were reminded."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=settings.THIDUA_PLANS_DUE_SOON_DAYS)
    tasks = list(
        Task.objects.filter(
            status__in=Task.OPEN,
            due_date__lte=horizon,
            plan__status__in=(Plan.Status.ISSUED, Plan.Status.IN_PROGRESS),
        )
        .select_related("agency", "plan__agency")
        .order_by("due_date", "pk")
    )
    if not tasks:
        return 0
    roles = list(
        RoleAssignment.objects.filter(
            role__in=(Role.UNIT_HEAD, Role.OFFICE), agency__successor__isnull=True
        ).values_list("user_id", "role", "agency__path")
    )
    heads = [(u, p) for u, r, p in roles if r == Role.UNIT_HEAD]
    offices = [(u, p) for u, r, p in roles if r == Role.OFFICE]
    due_soon: dict[int, list[Task]] = defaultdict(list)
    overdue: dict[int, list[Task]] = defaultdict(list)
    office_overdue: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for task in tasks:
        late = task.due_date < today
        for user_id, path in heads:
            if task.agency.path.startswith(path) and path.startswith(task.plan.agency.path):
                (overdue if late else due_soon)[user_id].append(task)
        if late:
            for user_id, path in offices:
                if task.plan.agency.path.startswith(path):
                    office_overdue[user_id][task.agency.name] += 1
    users = set(due_soon) | set(overdue) | set(office_overdue)
    url = reverse("plans:my_tasks")
    key = f"plans.reminders:{today.isoformat()}"
    for user_id in sorted(users):
        title, body = _digest(due_soon[user_id], overdue[user_id], office_overdue.get(user_id, {}))
        notify([user_id], kind="plans.reminder", title=title, body=body, url=url, dedupe_key=key)
    return len(users)


def _digest(soon: list[Task], late: list[Task], by_unit: dict[str, int]) -> tuple[str, str]:
    lines: list[str] = []
    if late:
        lines.append(_("Quá hạn:"))
        lines += [
            f"- {t.title} ({t.agency.name}, {_('hạn')} {format_date(t.due_date)})" for t in late
        ]
    if soon:
        lines.append(_("Sắp đến hạn:"))
        lines += [
            f"- {t.title} ({t.agency.name}, {_('hạn')} {format_date(t.due_date)})" for t in soon
        ]
    if by_unit:
        lines.append(_("Việc quá hạn theo đơn vị:"))
        lines += [
            "- "
            + ngettext("%(unit)s: %(n)d nhiệm vụ", "%(unit)s: %(n)d nhiệm vụ", n)
            % {"unit": unit, "n": n}
            for unit, n in sorted(by_unit.items())
        ]
    total_late = len(late) + sum(by_unit.values())
    title = _("Nhắc việc kế hoạch tuyên truyền: %(late)d quá hạn, %(soon)d sắp đến hạn") % {
        "late": total_late,
        "soon": len(soon),
    }
    return title, "\n".join(lines)
