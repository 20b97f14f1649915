"""Every write of the plans app; one transaction each, permission checked inside, audited."""

from django.utils.translation import gettext_noop as N_

from thidua.core import audit

audit.register_actions(
    {
        "thidua.plan_import": (N_("Nhập kế hoạch từ văn bản"), N_("Đã nhập kế hoạch từ văn bản")),
        "thidua.plan_issue": (N_("Ban hành kế hoạch"), N_("Đã ban hành kế hoạch")),
        "thidua.plan_close": (N_("Kết thúc kế hoạch"), N_("Đã kết thúc kế hoạch")),
        "thidua.plan_regenerate": (N_("Tạo lại nhiệm vụ"), N_("Đã tạo lại nhiệm vụ")),
        "thidua.task_split": (N_("Tách nhiệm vụ"), N_("Đã tách nhiệm vụ")),
        "thidua.task_cancel": (N_("Hủy nhiệm vụ"), N_("Đã hủy nhiệm vụ")),
        "thidua.progress_report": (N_("Báo cáo tiến độ"), N_("Đã báo cáo tiến độ")),
        "thidua.progress_accept": (
            N_("Chấp nhận báo cáo tiến độ"),
            N_("Đã chấp nhận báo cáo tiến độ"),
        ),
        "thidua.progress_return": (N_("Trả lại báo cáo tiến độ"), N_("Đã trả lại báo cáo tiến độ")),
    }
)

from thidua.plans.services.plans import (  # noqa: E402
    plan_close,
    plan_create,
    plan_issue,
    plan_update,
    validate_draft,
)
from thidua.plans.services.progress import (  # noqa: E402
    activity_record,
    dissemination_record,
    meeting_record,
    progress_report_accept,
    progress_report_return,
    progress_report_submit,
)
from thidua.plans.services.reminders import reminders_send  # noqa: E402
from thidua.plans.services.tasks import (  # noqa: E402
    plan_tasks_regenerate,
    task_cancel,
    task_create,
    task_split,
    task_update,
)

__all__ = [
    "activity_record",
    "dissemination_record",
    "meeting_record",
    "plan_close",
    "plan_create",
    "plan_issue",
    "plan_tasks_regenerate",
    "plan_update",
    "progress_report_accept",
    "progress_report_return",
    "progress_report_submit",
    "reminders_send",
    "task_cancel",
    "task_create",
    "task_split",
    "task_update",
    "validate_draft",
]
