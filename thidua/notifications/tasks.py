"""Background work of the inbox: the daily e-mail digest."""

from __future__ import annotations

from django_tasks import task

from thidua.notifications.services import digest_send_all


@task()
def send_digests() -> int:
    return digest_send_all()
