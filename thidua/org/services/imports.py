"""Writes of the Excel import: start (upload), validate, confirm, apply.

Sync or async: a file with more data rows than ``settings.THIDUA_IMPORT_ASYNC_ROWS`` is
validated and applied by the background task ``thidua.org.tasks.run_import`` (enqueued after
commit, so the worker never sees a job that does not exist yet) and the job page follows its
progress; a smaller file is validated, and later applied, inside the request.

Apply re-reads and re-validates the file inside its transaction: the database may have changed
since validation, and nothing is written unless the file is still valid (or the user chose to
import only the valid rows). Creating the job itself is bookkeeping, not a change to agencies or
people, so it records no audit entry; the import records one ("thidua.import", on the job's
agency) only when it changed something.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.org.importing import progress
from thidua.org.importing.layout import MAX_ROWS, MAX_STORED_ERRORS
from thidua.org.importing.plan import ImportPlan, build_plan
from thidua.org.importing.reader import (
    ParsedWorkbook,
    RowError,
    TooManyRows,
    count_rows,
    read_workbook,
)
from thidua.org.importing.upload import UploadRejected, check_upload
from thidua.org.models import Agency, ImportJob
from thidua.org.permissions import can_import_into
from thidua.org.queries import user_scope
from thidua.org.services.common import require

logger = logging.getLogger(__name__)
Status = ImportJob.Status


def runs_in_background(job: ImportJob) -> bool:
    return job.total_rows > int(settings.THIDUA_IMPORT_ASYNC_ROWS)


def _enqueue(job_id: int, actor_id: int | None = None) -> None:
    from thidua.org.tasks import run_import  # tasks import services; import late, no cycle

    run_import.enqueue(job_id, actor_id)


# --- start ------------------------------------------------------------------------------------


def import_start(
    upload: UploadedFile, *, actor: Any, agency: Agency, only_valid_rows: bool = False
) -> ImportJob:
    """Check the upload, create the job, then validate it now or in the background.

    Raises ValidationError with a message for the user when the file cannot be used.
    """
    require(can_import_into(user_scope(actor), agency.path))
    try:
        check_upload(upload, upload.size or 0)
        rows = count_rows(upload)
    except UploadRejected as exc:
        raise ValidationError(exc.message) from exc
    except Exception as exc:  # openpyxl may fail on sheet XML the quick check did not read
        logger.warning("Unreadable import upload %r", upload.name, exc_info=True)
        raise ValidationError(
            _("Không đọc được tệp Excel; hãy lưu lại bằng Excel rồi tải lên.")
        ) from exc
    if rows > MAX_ROWS:
        raise ValidationError(
            _("Tệp có %(n)s dòng, vượt quá %(max)s dòng mỗi lượt nhập; hãy chia thành nhiều tệp.")
            % {"n": rows, "max": MAX_ROWS}
        )
    upload.seek(0)
    with transaction.atomic():
        job = ImportJob(
            agency=agency,
            original_name=os.path.basename(upload.name or "")[:255] or "import.xlsx",
            created_by=actor,
            total_rows=rows,
            only_valid_rows=only_valid_rows,
        )
        job.file.save(job.original_name, upload, save=False)
        job.save()
        if runs_in_background(job):
            transaction.on_commit(lambda: _enqueue(job.pk))
    if not runs_in_background(job):
        job = import_validate(job)
    return job


# --- validate ---------------------------------------------------------------------------------


def _read(job: ImportJob, *, report: bool) -> ParsedWorkbook:
    callback = (lambda n: progress.report_validation(job.pk, n)) if report else None
    with job.file.open("rb") as stream:
        return read_workbook(stream, on_progress=callback)


def _stored_errors(errors: list[RowError]) -> list[dict[str, Any]]:
    return [e.as_dict() for e in errors[:MAX_STORED_ERRORS]]


def _file_error(message: str) -> list[dict[str, Any]]:
    return [RowError("", None, "", "", message).as_dict()]


def _plan(job: ImportJob, *, actor: Any, report: bool) -> ImportPlan:
    parsed = _read(job, report=report)
    plan = build_plan(parsed, actor=actor, home=job.agency)
    if plan.total_rows == 0 and not plan.errors:
        plan.errors.append(
            RowError("", None, "", "", _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
        )
    return plan


def import_validate(job: ImportJob) -> ImportJob:
    """Read and check every row; record errors and the counts to create/update/unchanged.

    Writes only the job row, in short transactions, so progress is visible while it runs.
    """
    ImportJob.objects.filter(pk=job.pk).update(status=Status.VALIDATING, processed_rows=0)
    job.refresh_from_db()
    actor = job.created_by
    try:
        plan = _plan(job, actor=actor, report=True)
    except TooManyRows:
        return _finish(
            job,
            Status.INVALID,
            errors=_file_error(
                _("Tệp có hơn %s dòng dữ liệu; hãy chia thành nhiều tệp.") % MAX_ROWS
            ),
        )
    except Exception:
        logger.exception("Import job %s: validation failed", job.pk)
        return _finish(
            job,
            Status.FAILED,
            errors=_file_error(
                _(
                    "Không đọc được tệp Excel (tệp bị hỏng?). Hãy mở lại bằng Excel, lưu dạng "
                    ".xlsx và tải lên lần nữa."
                )
            ),
        )
    return _finish(
        job,
        Status.INVALID if plan.errors else Status.VALID,
        errors=_stored_errors(plan.errors),
        summary=plan.counts(),
        processed=plan.total_rows,
        total=plan.total_rows,
    )


@transaction.atomic
def _finish(
    job: ImportJob,
    status: str,
    *,
    errors: list[dict[str, Any]],
    summary: dict[str, Any] | None = None,
    processed: int | None = None,
    total: int | None = None,
) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    job.status = status
    job.errors = errors
    if summary is not None:
        job.summary = summary
    if total is not None:
        job.total_rows = total
    if processed is not None:
        job.processed_rows = processed
    if status in (Status.DONE, Status.FAILED):
        job.finished_at = timezone.now()
    job.save()
    return job


# --- confirm and apply ------------------------------------------------------------------------


def can_confirm(job: ImportJob, *, only_valid_rows: bool) -> bool:
    """Whether the job waits for the user's go-ahead in this mode."""
    if job.status == Status.VALID:
        return True
    valid_actions = sum(
        job.summary.get(sheet, {}).get(kind, 0)
        for sheet in ("agencies", "people")
        for kind in ("create", "update", "unchanged")
    )
    return job.status == Status.INVALID and only_valid_rows and valid_actions > 0


def import_confirm(job: ImportJob, *, actor: Any, only_valid_rows: bool) -> ImportJob:
    """The user pressed "Nhập tất cả" or "Chỉ nhập các dòng hợp lệ"."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("agency").get(pk=job.pk)
        require(can_import_into(user_scope(actor), job.agency.path))
        if not can_confirm(job, only_valid_rows=only_valid_rows):
            if job.status == Status.INVALID:
                raise ValidationError(
                    _(
                        "Tệp còn lỗi nên không thể nhập tất cả; hãy sửa tệp và tải lên lại, hoặc "
                        "chọn “Chỉ nhập các dòng hợp lệ”."
                    )
                )
            raise ValidationError(
                _("Lượt nhập này không ở trạng thái chờ xác nhận (%s).") % job.get_status_display()
            )
        job.only_valid_rows = only_valid_rows
        job.status = Status.APPLYING
        job.processed_rows = 0
        job.save(update_fields=["only_valid_rows", "status", "processed_rows"])
        background = runs_in_background(job)
        if background:
            transaction.on_commit(lambda: _enqueue(job.pk, getattr(actor, "pk", None)))
    progress.clear_apply(job.pk)
    if background:
        return job
    return import_apply(job, actor=actor)


def import_apply(job: ImportJob, *, actor: Any) -> ImportJob:
    """Re-validate and write the whole file in ONE transaction through the org services.

    All or nothing unless the job says ``only_valid_rows``. Progress goes to the cache (see
    importing/progress.py for why not to the job row).
    """
    # apply.py calls the other org services; importing it here, late, keeps
    # thidua.org.services importable from either end without a cycle.
    from thidua.org.importing.apply import RowRefused, execute_plan

    try:
        with transaction.atomic():
            locked = ImportJob.objects.select_for_update().select_related("agency").get(pk=job.pk)
            require(can_import_into(user_scope(actor), locked.agency.path))
            if locked.status != Status.APPLYING:
                raise ValidationError(
                    _("Lượt nhập này chưa được xác nhận hoặc đã xử lý xong (%s).")
                    % locked.get_status_display()
                )
            plan = _plan(locked, actor=actor, report=False)
            if plan.errors and not locked.only_valid_rows:
                # The database changed since validation: write nothing, show the new errors.
                return _save_outcome(locked, Status.INVALID, plan, errors=plan.errors)
            total = plan.action_count
            result = execute_plan(
                plan,
                actor=actor,
                keep_going=locked.only_valid_rows,
                on_progress=lambda done: progress.report_apply(locked.pk, done, total),
            )
            if result.changed:
                audit.record(
                    locked.agency,
                    "thidua.import",
                    actor=actor,
                    extra={
                        "import_job": locked.pk,
                        "file": locked.original_name,
                        "created": result.created,
                        "updated": result.updated,
                    },
                )
            summary = plan.counts() | {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
            locked.processed_rows = locked.total_rows = plan.total_rows
            return _save_outcome(
                locked, Status.DONE, plan, errors=plan.errors + result.errors, summary=summary
            )
    except RowRefused as refused:
        return _finish(job, Status.INVALID, errors=_stored_errors([refused.error]))
    except (PermissionDenied, ValidationError):
        raise
    except Exception:
        # Everything was rolled back; say so on the job instead of leaving it "applying".
        logger.exception("Import job %s: apply failed", job.pk)
        return import_fail(
            job,
            message=_(
                "Lỗi không mong đợi khi ghi dữ liệu; không có dữ liệu nào được ghi. Hãy thử lại "
                "hoặc báo quản trị hệ thống."
            ),
        )
    finally:
        progress.clear_apply(job.pk)


def _save_outcome(
    job: ImportJob,
    status: str,
    plan: ImportPlan,
    *,
    errors: list[RowError],
    summary: dict[str, Any] | None = None,
) -> ImportJob:
    job.status = status
    job.errors = _stored_errors(errors)
    job.summary = summary or plan.counts()
    if status == Status.DONE:
        job.finished_at = timezone.now()
    job.save()
    return job


def import_fail(job: ImportJob, *, message: str) -> ImportJob:
    """Mark a job failed after an unexpected error in the background (the task's last resort)."""
    return _finish(job, Status.FAILED, errors=_file_error(message))
