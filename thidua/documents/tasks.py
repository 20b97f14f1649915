"""Background work of the documents app: fetch, then delegate to a service."""

from __future__ import annotations

from django_tasks import task

from thidua.documents.registering import pending_purge
from thidua.documents.services.reminders import reminders_send


@task()
def send_reminders() -> int:
    """The daily digest of documents to read (registered in apps.py), and the clean-up of
    uploads that were never confirmed."""
    pending_purge()
    return reminders_send()
