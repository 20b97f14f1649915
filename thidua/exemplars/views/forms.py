"""Forms of the exemplar operations (dates typed dd/mm/yyyy: the CSP forbids the inline script
of Wagtail's date widget outside its own form views)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.exemplars.models import Coverage, Exemplar, Level
from thidua.org.models import Agency, Person


def day_input() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
    )


def day_field(label: str, required: bool = True, **kwargs: object) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=day_input(), input_formats=["%d/%m/%Y"], **kwargs
    )


class PlanForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Người phụ trách bồi dưỡng"), queryset=Person.objects.none(), required=False
    )
    goals = forms.CharField(
        label=_("Mục tiêu bồi dưỡng"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    support = forms.CharField(
        label=_("Hỗ trợ, điều kiện được tạo"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    started_on = day_field(_("Bắt đầu bồi dưỡng"), initial=dt.date.today)
    target_date = day_field(_("Dự kiến hoàn thành"), required=False)


class NurtureForm(PlanForm):
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class RecogniseForm(forms.Form):
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=Level.choices)
    award_decision = forms.ModelChoiceField(
        label=_("Quyết định khen thưởng trong hệ thống"),
        queryset=Exemplar.award_decision.field.related_model.objects.none(),
        required=False,
        help_text=_("Nếu quyết định đã ban hành trong hệ thống, chọn ở đây: số và ngày tự điền."),
    )
    title = forms.CharField(
        label=_("Hình thức công nhận, khen thưởng"),
        required=False,
        max_length=255,
        help_text=_("Ví dụ: Giấy khen của Giám đốc Sở; Bằng khen của Chủ tịch UBND tỉnh."),
    )
    decision_number = forms.CharField(
        label=_("Số, ký hiệu quyết định"),
        max_length=50,
        required=False,
        help_text=_("Ví dụ: 125/QĐ-UBND. Để trống nếu đã chọn quyết định ở trên."),
    )
    decision_date = day_field(_("Ngày quyết định"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PublicationForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú, lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class LogForm(forms.Form):
    date = day_field(_("Ngày"), initial=dt.date.today)
    content = forms.CharField(
        label=_("Nội dung bồi dưỡng, hỗ trợ, tiến bộ ghi nhận"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ReplicationForm(forms.Form):
    adopting_unit = forms.ModelChoiceField(
        label=_("Đơn vị áp dụng"), queryset=Agency.objects.none(), required=False
    )
    adopting_unit_name = forms.CharField(
        label=_("Hoặc tên đơn vị ngoài hệ thống"), max_length=255, required=False
    )
    adopted_on = day_field(_("Ngày áp dụng"), initial=dt.date.today)
    result = forms.CharField(
        label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Tên minh chứng"), max_length=255, required=False)
    file = forms.FileField(
        label=_("Tệp (PDF, ảnh JPEG/PNG, Word .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}),
    )
    url = forms.URLField(label=_("Hoặc đường dẫn"), required=False, assume_scheme="https")


class CoverageForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Coverage.Kind.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=255, required=False)
    date = day_field(_("Ngày đăng, ngày tổ chức"), initial=dt.date.today)
    url = forms.URLField(label=_("Đường dẫn"), required=False, assume_scheme="https")
