"""Writes of work done: progress reports (with problems and evidence), the Office's review,
activities and meetings (which can fulfil a task)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.documents.queries import disseminations_visible_to
from thidua.notifications.services import notify
from thidua.org.models import Agency, RoleAssignment
from thidua.org.models.role import Role
from thidua.org.queries import user_scope
from thidua.org.services.common import require
from thidua.plans.models import (
    Activity,
    Channel,
    ContentItem,
    Evidence,
    Meeting,
    Plan,
    ProgressReport,
    Task,
)
from thidua.plans.permissions import can_record_delivery, can_report_on, can_review_reports
from thidua.plans.services.plans import mark_in_progress

# Evidence types recognised by their first bytes (never by the name the browser sent).
SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "Word/Excel"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
)


def check_evidence_file(upload: UploadedFile) -> None:
    limit = settings.THIDUA_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size and upload.size > limit:
        raise ValidationError(
            {
                "files": _("Tệp “%(name)s” lớn hơn %(mb)s MB; hãy nén hoặc chia nhỏ.")
                % {"name": upload.name, "mb": settings.THIDUA_MAX_UPLOAD_MB}
            }
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig, _label in SIGNATURES):
        raise ValidationError(
            {
                "files": _(
                    "Tệp “%(name)s” không phải PDF, Word, Excel, JPEG hay PNG; hãy lưu lại ở một "
                    "trong các dạng đó rồi tải lên."
                )
                % {"name": upload.name}
            }
        )


def _save_files(
    files: Iterable[UploadedFile], actor: Any, *, minutes: bool = False, **owner: Any
) -> int:
    count = 0
    for upload in files:
        check_evidence_file(upload)
        evidence = Evidence(
            original_name=upload.name[:255],
            size=upload.size or 0,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_minutes=minutes,
            **owner,
        )
        evidence.file.save(upload.name, upload, save=False)
        evidence.save()
        count += 1
    return count


def office_users(agency: Agency) -> list[int]:
    """Users holding the Office role at the agency or above it."""
    ancestors = [agency.pk, *agency.ancestor_ids()]
    return list(
        RoleAssignment.objects.filter(agency_id__in=ancestors, role=Role.OFFICE)
        .values_list("user_id", flat=True)
        .distinct()
    )


@transaction.atomic
def progress_report_submit(
    task: Task,
    *,
    actor: Any,
    text: str,
    percent: int,
    problems: str = "",
    links: str = "",
    files: Iterable[UploadedFile] = (),
) -> ProgressReport:
    task = Task.objects.select_for_update().select_related("plan__agency", "agency").get(pk=task.pk)
    require(can_report_on(user_scope(actor), task.plan.agency.path, task.agency.path))
    if not task.is_open:
        raise ValidationError(_("Nhiệm vụ đã hoàn thành hoặc đã hủy; không báo cáo thêm được."))
    if task.plan.status not in (Plan.Status.ISSUED, Plan.Status.IN_PROGRESS):
        raise ValidationError(_("Kế hoạch chưa ban hành hoặc đã kết thúc."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Hãy mô tả kết quả đã thực hiện.")})
    if not 0 <= int(percent) <= 100:
        raise ValidationError({"percent": _("Tiến độ là một số từ 0 đến 100.")})
    report = ProgressReport.objects.create(
        task=task,
        author=actor,
        text=text.strip(),
        percent=int(percent),
        problems=(problems or "").strip(),
        links=(links or "").strip(),
    )
    _save_files(files, actor, report=report)
    if task.status == Task.Status.NOT_STARTED:
        task.status = Task.Status.IN_PROGRESS
        task.save(update_fields=["status", "updated_at"])
    mark_in_progress(task.plan_id)
    audit.record(task, "thidua.progress_report", actor=actor, note=f"{report.percent}%")
    recipients = office_users(task.plan.agency)
    url = reverse("plans:task_detail", args=[task.pk])
    title = _("Báo cáo tiến độ mới: %(task)s") % {"task": task.title[:150]}
    transaction.on_commit(
        lambda: notify(
            recipients, kind="plans.report", title=title, body=report.text[:500], url=url
        )
    )
    return report


def _lock_report(report: ProgressReport, actor: Any) -> ProgressReport:
    report = (
        ProgressReport.objects.select_for_update()
        .select_related("task__plan__agency")
        .get(pk=report.pk)
    )
    require(can_review_reports(user_scope(actor), report.task.plan.agency.path))
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationError(_("Báo cáo này đã được xem xét."))
    return report


@transaction.atomic
def progress_report_accept(report: ProgressReport, *, actor: Any) -> ProgressReport:
    report = _lock_report(report, actor)
    task = Task.objects.select_for_update().get(pk=report.task_id)
    report.status = ProgressReport.Status.ACCEPTED
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    report.save()
    task.percent = report.percent
    task.status = Task.Status.DONE if report.percent >= 100 else Task.Status.IN_PROGRESS
    task.save(update_fields=["percent", "status", "updated_at"])
    audit.record(task, "thidua.progress_accept", actor=actor, note=f"{report.percent}%")
    return report


@transaction.atomic
def progress_report_return(report: ProgressReport, *, actor: Any, reason: str) -> ProgressReport:
    report = _lock_report(report, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để đơn vị bổ sung.")})
    report.status = ProgressReport.Status.RETURNED
    report.review_reason = reason
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    report.save()
    audit.record(report.task, "thidua.progress_return", actor=actor, note=reason)
    author_id = report.author_id
    url = reverse("plans:task_detail", args=[report.task_id])
    title = _("Báo cáo tiến độ bị trả lại: %(task)s") % {"task": report.task.title[:150]}
    transaction.on_commit(
        lambda: notify([author_id], kind="plans.report_returned", title=title, body=reason, url=url)
    )
    return report


def _delivery_checks(
    actor: Any, agency: Agency, plan: Plan | None, topics: list[ContentItem], fulfils: Task | None
) -> None:
    require(can_record_delivery(user_scope(actor), agency.path))
    if plan is not None and not agency.path.startswith(plan.agency.path):
        raise ValidationError({"plan": _("Đơn vị không thuộc cơ quan ban hành kế hoạch.")})
    if any(plan is None or t.plan_id != plan.pk for t in topics):
        raise ValidationError({"topics": _("Nội dung tuyên truyền phải thuộc kế hoạch đã chọn.")})
    if fulfils is not None and (plan is None or fulfils.plan_id != plan.pk):
        raise ValidationError({"fulfils": _("Nhiệm vụ phải thuộc kế hoạch đã chọn.")})


def _fulfil(task: Task | None, actor: Any) -> None:
    if task is None:
        return
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status == Task.Status.NOT_STARTED:
        task.status = Task.Status.IN_PROGRESS
        task.save(update_fields=["status", "updated_at"])
    mark_in_progress(task.plan_id)


@transaction.atomic
def activity_record(
    *,
    actor: Any,
    agency: Agency,
    channel: str,
    date: dt.date,
    title: str,
    plan: Plan | None = None,
    audience: int = 0,
    topics: Iterable[ContentItem] = (),
    fulfils: Task | None = None,
    description: str = "",
    link: str = "",
    files: Iterable[UploadedFile] = (),
) -> Activity:
    topics = list(topics)
    _delivery_checks(actor, agency, plan, topics, fulfils)
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Hãy chọn hình thức tuyên truyền.")})
    activity = Activity.objects.create(
        plan=plan,
        agency=agency,
        channel=channel,
        date=date,
        title=title.strip()[:500],
        audience=audience or 0,
        fulfils=fulfils,
        description=description,
        link=link,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    activity.topics.set(topics)
    _save_files(files, actor, activity=activity)
    _fulfil(fulfils, actor)
    audit.record(activity, "thidua.create", actor=actor)
    return activity


@transaction.atomic
def dissemination_record(
    *,
    actor: Any,
    dissemination: Any,
    plan: Plan | None = None,
    topics: Iterable[ContentItem] = (),
    fulfils: Task | None = None,
) -> Activity:
    """Record a document's dissemination (documents app) as a propaganda activity on the
    e-office channel, optionally fulfilling a task: it then counts in the plan's coverage."""
    topics = list(topics)
    dissemination = (
        disseminations_visible_to(actor).filter(pk=getattr(dissemination, "pk", None)).first()
    )
    if dissemination is None:
        raise ValidationError(_("Không tìm thấy đợt phổ biến văn bản này."))
    _delivery_checks(actor, dissemination.agency, plan, topics, fulfils)
    if Activity.objects.select_for_update().filter(dissemination=dissemination).exists():
        raise ValidationError(_("Đợt phổ biến này đã được ghi nhận là hoạt động tuyên truyền."))
    document = dissemination.document
    activity = Activity.objects.create(
        plan=plan,
        agency=dissemination.agency,
        channel=Channel.E_OFFICE,
        date=timezone.localtime(dissemination.sent_at).date(),
        title=(
            _("Phổ biến văn bản %(number)s – %(summary)s")
            % {"number": document.number_symbol, "summary": document.summary}
        )[:500],
        audience=dissemination.recipients.count(),
        fulfils=fulfils,
        dissemination=dissemination,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    activity.topics.set(topics)
    _fulfil(fulfils, actor)
    audit.record(activity, "thidua.create", actor=actor, note=document.number_symbol)
    return activity


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    date: dt.date,
    title: str,
    plan: Plan | None = None,
    attendees: int = 0,
    agenda: str = "",
    topics: Iterable[ContentItem] = (),
    fulfils: Task | None = None,
    minutes: Iterable[UploadedFile] = (),
) -> Meeting:
    topics = list(topics)
    _delivery_checks(actor, agency, plan, topics, fulfils)
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": _("Hãy chọn loại cuộc họp.")})
    meeting = Meeting.objects.create(
        plan=plan,
        agency=agency,
        kind=kind,
        date=date,
        title=title.strip()[:500],
        attendees=attendees or 0,
        agenda=agenda,
        fulfils=fulfils,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    meeting.topics.set(topics)
    _save_files(minutes, actor, minutes=True, meeting=meeting)
    _fulfil(fulfils, actor)
    audit.record(meeting, "thidua.create", actor=actor)
    return meeting
