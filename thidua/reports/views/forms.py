"""The form that asks for a periodic report, and the period each kind of report covers."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.movements.queries import movements_visible_to
from thidua.plans.models import Plan
from thidua.plans.queries import plans_visible_to
from thidua.reports.models import Report
from thidua.reports.queries.reports import reporting_agencies
from thidua.reports.services import recipients_allowed

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DEFAULT_RECIPIENTS = "Ban Thi đua – Khen thưởng tỉnh\nBan Giám đốc\nLưu: VT"


def display_name(user: Any) -> str:
    """ "Nguyễn Hữu Phước (giamdoc.a)": the person's name when the account has one."""
    person = getattr(user, "person", None)
    name = person.full_name if person else user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


def period_for(
    kind: str,
    year: int,
    *,
    month: int | None = None,
    quarter: int | None = None,
    plan: Plan | None = None,
    movement: Any = None,
) -> tuple[dt.date, dt.date]:
    """Monthly: the month; quarterly: the quarter; interim: the year; final: the whole period
    of the plan or movement (or the year when neither is chosen)."""
    if kind == Report.Kind.MONTHLY:
        m = month or 1
        return dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1])
    if kind == Report.Kind.QUARTERLY:
        q = quarter or 1
        first = 3 * (q - 1) + 1
        return dt.date(year, first, 1), dt.date(
            year, first + 2, calendar.monthrange(year, first + 2)[1]
        )
    if kind == Report.Kind.FINAL:
        if plan is not None:
            return dt.date(plan.year_start, 1, 1), dt.date(plan.year_end, 12, 31)
        if movement is not None:
            return movement.start_date, movement.end_date
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=Report.Kind.choices)
    agency = forms.ModelChoiceField(label=_("Cơ quan báo cáo"), queryset=None)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Tháng (báo cáo tháng)"),
        choices=[(m, f"{m:02d}") for m in range(1, 13)],
        coerce=int,
        required=False,
    )
    quarter = forms.TypedChoiceField(
        label=_("Quý (báo cáo quý)"),
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        required=False,
    )
    plan = forms.ModelChoiceField(
        label=_("Kế hoạch"),
        queryset=None,
        required=False,
        help_text=_("Sơ kết, tổng kết một kế hoạch: số liệu chỉ tính theo kế hoạch này."),
    )
    movement = forms.ModelChoiceField(
        label=_("Phong trào thi đua"),
        queryset=None,
        required=False,
        help_text=_("Hoặc sơ kết, tổng kết một phong trào."),
    )
    period_start = forms.DateField(
        label=_("Từ ngày (nếu khác kỳ mặc định)"), input_formats=DATE_FORMATS, required=False
    )
    period_end = forms.DateField(
        label=_("Đến ngày (nếu khác kỳ mặc định)"), input_formats=DATE_FORMATS, required=False
    )
    limitations = forms.CharField(
        label=_("Hạn chế, nguyên nhân"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi ý một dòng; in nguyên văn vào phần II của báo cáo."),
    )
    next_tasks = forms.CharField(
        label=_("Nhiệm vụ kỳ tới"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi ý một dòng; in nguyên văn vào phần III của báo cáo."),
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Gửi đến (nhận thông báo và tải báo cáo)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients_text = forms.CharField(
        label=_("Nơi nhận (in ở cuối báo cáo)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=DEFAULT_RECIPIENTS,
        required=False,
    )
    signer_authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"),
        choices=[("", _("Ký trực tiếp")), ("KT.", "KT."), ("TL.", "TL."), ("TM.", "TM.")],
        required=False,
        initial="KT.",
    )
    signer_positions = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=255,
        required=False,
        initial="GIÁM ĐỐC/PHÓ GIÁM ĐỐC",
        help_text=_("Các dòng cách nhau bởi dấu /, ví dụ: GIÁM ĐỐC/PHÓ GIÁM ĐỐC."),
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = reporting_agencies(user)
        self.fields["plan"].queryset = plans_visible_to(user).exclude(status=Plan.Status.DRAFT)
        self.fields["movement"].queryset = movements_visible_to(user).exclude(status="draft")
        self.fields["recipients"].queryset = (
            recipients_allowed(user).select_related("person").order_by("username")
        )
        self.fields["recipients"].label_from_instance = display_name
        self.fields["year"].initial = dt.date.today().year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if kind == Report.Kind.MONTHLY and not data.get("month"):
            self.add_error("month", _("Chọn tháng của báo cáo tháng."))
        if kind == Report.Kind.QUARTERLY and not data.get("quarter"):
            self.add_error("quarter", _("Chọn quý của báo cáo quý."))
        if data.get("plan") and data.get("movement"):
            self.add_error("movement", _("Chọn kế hoạch hoặc phong trào, không chọn cả hai."))
        if kind and data.get("year") and not self.errors:
            start, end = period_for(
                kind,
                data["year"],
                month=data.get("month"),
                quarter=data.get("quarter"),
                plan=data.get("plan"),
                movement=data.get("movement"),
            )
            data["period_start"] = data.get("period_start") or start
            data["period_end"] = data.get("period_end") or end
            if data["period_end"] < data["period_start"]:
                self.add_error("period_end", _("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))
        return data


class IssueForm(forms.Form):
    date = forms.DateField(
        label=_("Ngày ban hành"), input_formats=DATE_FORMATS, initial=dt.date.today
    )
