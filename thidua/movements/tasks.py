"""Background work of the movements app: fetch, then delegate to a service."""

from __future__ import annotations

from django_tasks import task

from thidua.movements.services import remind_overdue


@task()
def remind_overdue_duties() -> int:
    """Daily: remind the Office of agencies whose registration or report is past due."""
    return remind_overdue()
