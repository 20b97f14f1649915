"""Writes of the reports app: ask for a report, record its generation (by the worker), its
failure, and its issue with a number from the outgoing register. One transaction each, with an
audit entry; notifications after commit."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.core import audit
from thidua.core.i18n import in_official_language
from thidua.core.text import format_date, slugify_vi
from thidua.documents.services import number_reserve
from thidua.movements.models import Movement
from thidua.notifications.services import notify
from thidua.org.models import Agency
from thidua.org.queries import agencies_visible_to, user_scope
from thidua.plans.models import Plan
from thidua.reports import permissions as perms
from thidua.reports.models import Report

logger = logging.getLogger(__name__)

audit.register_actions(
    {
        "thidua.report_request": (
            N_("Yêu cầu tổng hợp báo cáo"),
            N_("Đã yêu cầu tổng hợp báo cáo"),
        ),
        "thidua.report_generate": (N_("Tổng hợp báo cáo"), N_("Đã tổng hợp báo cáo")),
        "thidua.report_fail": (N_("Tổng hợp báo cáo không thành công"), N_("Tổng hợp báo cáo lỗi")),
        "thidua.report_issue": (N_("Ban hành báo cáo"), N_("Đã ban hành báo cáo")),
    }
)

QUARTERS = ["I", "II", "III", "IV"]


def report_title(
    kind: str, start: dt.date, end: dt.date, *, plan: Plan | None, movement: Movement | None
) -> str:
    """The summary line (trích yếu) of the report."""
    if plan is not None:
        subject = (
            _("thực hiện Kế hoạch số %(number)s") % {"number": plan.number_symbol}
            if plan.number_symbol
            else _("thực hiện Kế hoạch %(title)s") % {"title": plan.title}
        )
    elif movement is not None:
        subject = _("phong trào thi đua “%(name)s”") % {"name": movement.name}
    else:
        subject = _("công tác thi đua, khen thưởng và tuyên truyền")
    if kind == Report.Kind.MONTHLY:
        return _("Kết quả công tác tuyên truyền tháng %(month)s năm %(year)s") % {
            "month": f"{start.month:02d}",
            "year": start.year,
        }
    if kind == Report.Kind.QUARTERLY:
        return _("Kết quả công tác tuyên truyền quý %(quarter)s năm %(year)s") % {
            "quarter": QUARTERS[(start.month - 1) // 3],
            "year": start.year,
        }
    if kind == Report.Kind.INTERIM:
        return _("Sơ kết năm %(year)s %(subject)s") % {"year": end.year, "subject": subject}
    years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return _("Tổng kết %(subject)s giai đoạn %(years)s") % {"subject": subject, "years": years}


@in_official_language
def _official_title(
    kind: str, start: dt.date, end: dt.date, plan: Plan | None, movement: Movement | None
) -> str:
    """The summary line goes onto the official document: Vietnamese whatever the UI language."""
    return report_title(kind, start, end, plan=plan, movement=movement)


def recipients_allowed(actor: Any) -> Any:
    """Users a report may be sent to: those holding a role at an agency the actor sees."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__agency__in=agencies_visible_to(actor).values("pk"),
        )
        .distinct()
    )


def report_request(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    plan: Plan | None = None,
    movement: Movement | None = None,
    limitations: str = "",
    next_tasks: str = "",
    recipients: Iterable[Any] = (),
    recipients_text: str = "",
    signer_authority: str = "",
    signer_positions: str = "",
    signer_name: str = "",
) -> Report:
    """Ask the worker to compile a report; returns it queued."""
    from thidua.movements.queries import movements_visible_to
    from thidua.plans.queries import plans_visible_to

    scope = user_scope(actor)
    if not perms.can_compile_reports(scope, agency.path):
        raise PermissionDenied
    if kind not in Report.Kind.values:
        raise ValidationError(_("Loại báo cáo không hợp lệ."))
    if period_end < period_start:
        raise ValidationError(_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))
    if plan is not None and not plans_visible_to(actor).filter(pk=plan.pk).exists():
        raise ValidationError(_("Không tìm thấy kế hoạch này trong phạm vi của bạn."))
    if movement is not None and not movements_visible_to(actor).filter(pk=movement.pk).exists():
        raise ValidationError(_("Không tìm thấy phong trào này trong phạm vi của bạn."))
    if plan is not None and movement is not None:
        raise ValidationError(_("Chọn kế hoạch hoặc phong trào, không chọn cả hai."))
    people = list(recipients)
    allowed = set(
        recipients_allowed(actor).filter(pk__in=[u.pk for u in people]).values_list("pk", flat=True)
    )
    if any(u.pk not in allowed for u in people):
        raise ValidationError(_("Có người nhận ngoài phạm vi cơ quan của bạn."))
    with transaction.atomic():
        report = Report.objects.create(
            agency=agency,
            kind=kind,
            plan=plan,
            movement=movement,
            period_start=period_start,
            period_end=period_end,
            title=_official_title(kind, period_start, period_end, plan, movement),
            limitations=limitations.strip(),
            next_tasks=next_tasks.strip(),
            recipients_text=recipients_text.strip(),
            signer_authority=signer_authority,
            signer_positions=signer_positions.strip(),
            signer_name=signer_name.strip(),
            requested_by=actor,
        )
        report.recipients.set(people)
        audit.record(report, "thidua.report_request", actor=actor, note=report.title)
        transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(report_id: int) -> None:
    from thidua.reports.tasks import generate_report

    generate_report.enqueue(report_id)


def report_progress(report: Report, percent: int) -> None:
    """The worker's progress, visible to the page that polls it (no audit: not a change)."""
    Report.objects.filter(pk=report.pk).update(
        progress=max(0, min(percent, 99)), status=Report.Status.RUNNING
    )


def _readers(report: Report) -> set[int]:
    ids = set(report.recipients.values_list("pk", flat=True))
    if report.requested_by_id:
        ids.add(report.requested_by_id)
    return ids


def _file_name(report: Report, ext: str) -> str:
    base = slugify_vi(f"bao cao {report.number_symbol or report.title}", 70) or "bao-cao"
    return f"{base}.{ext}"


def report_generate(report: Report) -> Report:
    """Compile the figures as the requester sees them, render the .docx and the .xlsx, store
    them, and tell the requester and the recipients (called by the worker)."""
    from thidua.reports.document import report_docx
    from thidua.reports.figures import compile_figures
    from thidua.reports.scope import make_filter
    from thidua.reports.workbook import report_workbook

    report_progress(report, 1)
    flt = make_filter(
        report.requested_by,
        start=report.period_start,
        end=report.period_end,
        agency=report.agency,
        plan_id=report.plan_id,
        movement_id=report.movement_id,
    )
    figures = compile_figures(flt, progress=lambda p: report_progress(report, p))
    report.figures = figures
    docx = report_docx(report)
    report_progress(report, 90)
    xlsx = report_workbook(flt, report.title, figures)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        locked.figures = figures
        locked.docx.save(_file_name(locked, "docx"), ContentFile(docx), save=False)
        locked.xlsx.save(_file_name(locked, "xlsx"), ContentFile(xlsx), save=False)
        locked.status = Report.Status.DONE
        locked.progress = 100
        locked.error = ""
        locked.finished_at = timezone.now()
        locked.save()
        audit.record(locked, "thidua.report_generate", actor=None, note=locked.title)
        readers = _readers(locked)
        url = reverse("reports:detail", args=[locked.pk])
        title = _("Báo cáo đã tổng hợp xong: %(title)s") % {"title": locked.title}
        transaction.on_commit(lambda: notify(readers, kind="reports.ready", title=title, url=url))
    return locked


def report_fail(report: Report, *, message: str) -> Report:
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        locked.status = Report.Status.FAILED
        locked.error = message
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "error", "finished_at"])
        audit.record(locked, "thidua.report_fail", actor=None, note=message)
        requester = locked.requested_by_id
        url = reverse("reports:detail", args=[locked.pk])
        title = _("Không tổng hợp được báo cáo: %(title)s") % {"title": locked.title}
        transaction.on_commit(
            lambda: notify([requester], kind="reports.failed", title=title, url=url)
        )
    return locked


def report_issue(report: Report, *, actor: Any, date: dt.date) -> Report:
    """Give the report its number (BC) from the agency's outgoing register and date, and render
    the .docx again from the same figures."""
    from thidua.reports.document import report_docx

    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("agency").get(pk=report.pk)
        if not perms.can_compile_reports(user_scope(actor), locked.agency.path):
            raise PermissionDenied
        if locked.status != Report.Status.DONE:
            raise ValidationError(_("Báo cáo chưa tổng hợp xong, chưa thể ban hành."))
        if locked.is_issued:
            raise ValidationError(
                _("Báo cáo đã được ban hành với số %(number)s.") % {"number": locked.number_symbol}
            )
        if date < locked.period_start:
            raise ValidationError(_("Ngày ban hành không thể trước kỳ báo cáo."))
        entry = number_reserve(
            agency=locked.agency, type_abbr="BC", date=date, summary=locked.title, actor=actor
        )
        locked.outgoing_number = entry
        locked.number_symbol = entry.symbol
        locked.issued_on = date
        locked.issued_by = actor
        locked.docx.save(_file_name(locked, "docx"), ContentFile(report_docx(locked)), save=False)
        locked.save()
        audit.record(
            locked,
            "thidua.report_issue",
            actor=actor,
            note=f"{entry.symbol} {format_date(date)}",
        )
        readers = _readers(locked)
        url = reverse("reports:detail", args=[locked.pk])
        title = _("Báo cáo %(number)s đã ban hành: %(title)s") % {
            "number": entry.symbol,
            "title": locked.title,
        }
        transaction.on_commit(lambda: notify(readers, kind="reports.issued", title=title, url=url))
    return locked
