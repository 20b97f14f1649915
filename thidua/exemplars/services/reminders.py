"""Unit heads answer for their unit's exemplars: those nurtured too long without a log entry are
brought to the attention of the unit head and the Office covering the unit, once per stall."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.exemplars.models import Exemplar, Stage
from thidua.exemplars.permissions import MANAGERS
from thidua.exemplars.queries import stale_days, with_last_progress
from thidua.notifications.services import notify
from thidua.org.models import RoleAssignment


def stale_reminders_send(today: dt.date | None = None) -> int:
    """Notify the managers of each exemplar that has just gone stale; returns notices sent.

    The dedupe key names the exemplar and its last progress: one notice per user per stall,
    however often the job runs, and a new one if it stalls again after a new log entry.
    """
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=stale_days())
    stale = list(
        with_last_progress(
            Exemplar.objects.filter(stage=Stage.NURTURING, unit__successor__isnull=True)
        )
        .filter(last_progress__lt=cutoff)
        .select_related("unit")
    )
    if not stale:
        return 0
    managers = list(
        RoleAssignment.objects.filter(role__in=MANAGERS, agency__successor__isnull=True)
        .values_list("user_id", "agency__path")
        .distinct()
    )
    sent = 0
    for exemplar in stale:
        users = {uid for uid, path in managers if exemplar.unit.path.startswith(path)}
        if not users:
            continue
        last = exemplar.last_progress
        days = (today - last).days
        notify(
            users,
            kind="exemplars.stale",
            title=_("Điển hình “%(name)s” đã %(days)s ngày chưa có nhật ký bồi dưỡng")
            % {"name": exemplar.name, "days": days},
            body=_(
                "%(unit)s: lần ghi nhận tiến triển gần nhất ngày %(date)s. Hãy ghi nhật ký bồi "
                "dưỡng, hoặc dừng theo dõi nếu điển hình không còn phù hợp."
            )
            % {"unit": exemplar.unit.name, "date": last.strftime("%d/%m/%Y")},
            url=reverse("exemplars:inspect", args=[exemplar.pk]),
            dedupe_key=f"exemplars.stale:{exemplar.pk}:{last.isoformat()}",
        )
        sent += len(users)
    return sent
