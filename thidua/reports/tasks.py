"""Background work of the reports app: fetch, then delegate to a service."""

from __future__ import annotations

import logging

from django.http import Http404
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.reports.models import Report
from thidua.reports.services import report_fail, report_generate

logger = logging.getLogger(__name__)


@task()
def generate_report(report_id: int) -> str:
    """Compile a requested report (figures, .docx, .xlsx)."""
    report = (
        Report.objects.select_related("agency", "plan", "movement", "requested_by")
        .filter(pk=report_id, status__in=Report.RUNNING_STATES)
        .first()
    )
    if report is None:
        return "missing"
    try:
        report_generate(report)
    except Http404:
        report_fail(
            report,
            message=_("Người yêu cầu không còn quyền xem số liệu của cơ quan này."),
        )
        return "failed"
    except Exception:
        logger.exception("Report %s failed", report_id)
        report_fail(
            report,
            message=_(
                "Lỗi không mong đợi khi tổng hợp báo cáo. Hãy thử lại hoặc báo quản trị hệ thống."
            ),
        )
        raise
    return "done"
