"""Background work of the org app: fetch, then delegate to a service.

Run by the database backend (django-tasks-db): ``manage.py db_worker`` claims queued tasks;
``manage.py db_worker --batch`` runs every queued task and exits.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.org.invitations import send_invitation
from thidua.org.models import ImportJob
from thidua.org.services.imports import import_apply, import_fail, import_validate

logger = logging.getLogger(__name__)


@task()
def run_import(job_id: int, actor_id: int | None = None) -> str:
    """Move a large import one step on: validate an uploaded file, or apply a confirmed one.

    The same task serves both steps because the user's confirmation sits between them (the
    counts are shown before anything is written); ``import_apply`` validates again inside its
    transaction. ``actor_id`` is the user who confirmed; the uploader when absent.
    """
    job = ImportJob.objects.select_related("agency", "created_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    try:
        if job.status in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATING):
            job = import_validate(job)
        elif job.status == ImportJob.Status.APPLYING:
            actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
            job = import_apply(job, actor=actor or job.created_by)
    except Exception:
        logger.exception("Import job %s failed", job_id)
        import_fail(
            job,
            message=_(
                "Lỗi không mong đợi khi xử lý tệp; không có dữ liệu nào được ghi. Hãy thử "
                "lại hoặc báo quản trị hệ thống."
            ),
        )
        raise
    return str(job.status)


@task()
def send_account_invitation(user_id: int) -> str:
    """E-mail a new user the link to set their password."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return "skipped"
    send_invitation(user)
    return "sent"
