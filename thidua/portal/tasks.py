"""Background work of the portal: scheduled publishing and expiry, run by the worker."""

from __future__ import annotations

import io

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled() -> str:
    """Publish the approved revisions whose go-live time has come, and unpublish the pages whose
    expiry time has passed (Wagtail's own ``publish_scheduled`` logic, logged in each page's
    history as "scheduled")."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()
