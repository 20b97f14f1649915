"""Background work of awards: fetch, then delegate to a service."""

from __future__ import annotations

from django_tasks import task

from thidua.awards.services.public import proposals_remind_overdue


@task()
def remind_overdue_proposals() -> int:
    """Daily: remind whoever holds a dossier past its step's deadline."""
    return proposals_remind_overdue()
