"""Background work of the exemplars app: fetch, then delegate to a service."""

from __future__ import annotations

from django_tasks import task

from thidua.exemplars.services.reminders import stale_reminders_send


@task()
def remind_stale() -> int:
    """Daily: exemplars nurtured too long without a log entry (registered in apps.py)."""
    return stale_reminders_send()
