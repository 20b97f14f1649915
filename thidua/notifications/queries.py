"""Reads of the inbox, always the user's own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.notifications.models import Notification


def notifications_of(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user: Any) -> int:
    return notifications_of(user).filter(read_at__isnull=True).count()
