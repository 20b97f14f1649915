"""Background work of the plans app: fetch, then delegate to a service."""

from __future__ import annotations

from django_tasks import task

from thidua.plans.services.reminders import reminders_send


@task()
def send_reminders() -> int:
    """The daily digest of tasks due soon and overdue (registered in apps.py)."""
    return reminders_send()
