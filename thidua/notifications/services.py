"""Writes of the inbox: notify users, mark read, send the daily e-mail digest.

Domain apps call ``notify`` (usually through ``transaction.on_commit``); they never read the
inbox. One digest e-mail per user per day gathers every notification not yet e-mailed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from thidua.notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    dedupe_key: str = "",
) -> None:
    """Put a notification in each recipient's inbox (users or user ids; duplicates collapse).

    With ``dedupe_key`` a recipient who already has a notification with that key gets no second
    one, even when two workers run the same job at the same instant (a unique constraint).
    """
    ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    if not ids:
        return
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            title=title[:255],
            body=body,
            url=url,
            created_at=now,
            dedupe_key=dedupe_key,
        )
        for user_id in sorted(ids)
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))


def notification_mark_read(user: Any, *, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when ``ids`` is None)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def digest_send_all() -> int:
    """Send each user with notifications not yet e-mailed one digest; returns e-mails sent."""
    user_ids = (
        Notification.objects.filter(emailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(user_ids):
        try:
            sent += digest_send(user_id)
        except Exception:
            # One bad address must not stop the others; the rows stay pending for tomorrow.
            logger.exception("Digest for user %s failed", user_id)
    return sent


def digest_send(user_id: int) -> int:
    """E-mail one user the notifications not yet e-mailed, and mark them; 1 if sent.

    The rows are locked and marked in the same transaction as the send: a second worker waits on
    the lock and then finds nothing pending, so the digest goes out once. A failed send rolls
    the marks back and the rows wait for the next run.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(recipient_id=user_id, emailed_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not pending:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            emailed_at=timezone.now()
        )
        if user is None or not user.email:
            return 0  # kept in the inbox; nothing to e-mail
        with translation.override(settings.LANGUAGE_CODE):
            base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            context = {"user": user, "items": pending, "base_url": base}
            send_mail(
                subject=ngettext(
                    "Thi đua – Khen thưởng: %(count)d thông báo mới",
                    "Thi đua – Khen thưởng: %(count)d thông báo mới",
                    len(pending),
                )
                % {"count": len(pending)},
                message=render_to_string("notifications/emails/digest.txt", context),
                from_email=None,
                recipient_list=[user.email],
            )
    return 1
