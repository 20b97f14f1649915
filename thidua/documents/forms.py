"""Forms of the documents back office: parse and validate input, nothing else (the writes are
services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.forms import QuickSelect
from thidua.documents.models import Document, OutgoingNumber, Recipient
from thidua.documents.services.numbering import TYPE_ABBREVIATIONS
from thidua.documents.services.registry import parse_references
from thidua.org.models import Agency, Person

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def day_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "invalid": gettext_lazy("Ngày viết theo dạng dd/mm/yyyy, ví dụ 27/04/2022.")
        },
        **kwargs,
    )


class UploadForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Cơ quan lưu văn bản"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Tệp văn bản"),
        help_text=gettext_lazy(
            "PDF, Word (.docx), OpenDocument (.odt) hoặc Excel (.xlsx). Hệ thống đọc số, ký hiệu, "
            "ngày, cơ quan ban hành, trích yếu và căn cứ để bạn kiểm tra trước khi lưu."
        ),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = agencies.first()


REFERENCES_HELP = gettext_lazy(
    "Số, ký hiệu, cách nhau bởi dấu chấm phẩy hoặc mỗi số một dòng. Số có trong sổ văn bản "
    "được nối tới văn bản đó."
)


class RelationsForm(forms.Form):
    based_on = forms.CharField(
        label=gettext_lazy("Căn cứ / thực hiện văn bản"),
        required=False,
        help_text=REFERENCES_HELP,
        widget=forms.Textarea({"rows": 2}),
    )
    replaces = forms.CharField(
        label=gettext_lazy("Thay thế văn bản"),
        required=False,
        help_text=REFERENCES_HELP,
        widget=forms.Textarea({"rows": 1}),
    )
    amends = forms.CharField(
        label=gettext_lazy("Sửa đổi, bổ sung văn bản"),
        required=False,
        help_text=REFERENCES_HELP,
        widget=forms.Textarea({"rows": 1}),
    )

    def relations(self) -> dict[str, list[str]]:
        return {
            name: parse_references(self.cleaned_data.get(name, ""))
            for name in ("based_on", "replaces", "amends")
        }


class RegisterForm(RelationsForm):
    """Step two of registering: the values read from the file, for the user to check."""

    direction = forms.ChoiceField(
        label=gettext_lazy("Văn bản đến/đi"), choices=Document.Direction.choices
    )
    doc_type = forms.ChoiceField(
        label=gettext_lazy("Loại văn bản"), choices=[("", "—"), *Document.Type.choices]
    )
    number_symbol = forms.CharField(
        label=gettext_lazy("Số, ký hiệu"),
        max_length=80,
        help_text=gettext_lazy("Ví dụ: 31/KH-STTTT"),
    )
    date = day_field(gettext_lazy("Ngày ban hành"))
    issuer = forms.CharField(
        label=gettext_lazy("Cơ quan ban hành"),
        max_length=255,
        help_text=gettext_lazy("Ghi như trên văn bản, kể cả khi cơ quan đã sáp nhập."),
    )
    summary = forms.CharField(
        label=gettext_lazy("Trích yếu"), max_length=500, widget=forms.Textarea({"rows": 2})
    )
    effective_date = day_field(gettext_lazy("Ngày hiệu lực"), required=False)
    published = forms.BooleanField(
        label=gettext_lazy("Công khai trên cổng thông tin"),
        required=False,
        help_text=gettext_lazy("Văn bản công khai hiện trong thư viện văn bản của cổng."),
    )
    field_order = [
        "direction",
        "doc_type",
        "number_symbol",
        "date",
        "issuer",
        "summary",
        "effective_date",
        "based_on",
        "replaces",
        "amends",
        "published",
    ]

    @classmethod
    def initial_from(cls, prefill: dict[str, Any]) -> dict[str, Any]:
        initial = {
            k: prefill.get(k, "")
            for k in ("direction", "doc_type", "number_symbol", "issuer", "summary")
        }
        for name in ("date", "effective_date"):
            if prefill.get(name):
                initial[name] = dt.date.fromisoformat(prefill[name])
        for name in ("based_on", "replaces", "amends"):
            initial[name] = "; ".join(prefill.get(name) or [])
        return initial

    def document_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "direction",
                "doc_type",
                "number_symbol",
                "issuer",
                "date",
                "effective_date",
                "summary",
                "published",
            )
        }


class DisseminateForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Gửi với tư cách"), queryset=None)
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Đơn vị nhận"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Đơn vị nhận: trưởng đơn vị hoặc cán bộ của đơn vị xác nhận."),
    )
    people = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Cá nhân nhận"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple({"size": 8}),
        help_text=gettext_lazy("Mỗi người tự xác nhận. Giữ Ctrl để chọn nhiều người."),
    )
    deadline = day_field(gettext_lazy("Hạn đọc"))
    message = forms.CharField(
        label=gettext_lazy("Lời nhắn"), required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args: Any, agencies: Any, units: Any, people: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = agencies.first()
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = _unit_label
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = _person_label
        self.fields["deadline"].initial = timezone.localdate() + dt.timedelta(days=7)


def _unit_label(agency: Agency) -> str:
    return "\u2003" * max(0, agency.depth - 1) + agency.name


def _person_label(person: Person) -> str:
    return f"{person.full_name} – {person.agency.name}"


class AcknowledgeForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Xác nhận"),
        choices=[(s.value, s.label) for s in Recipient.ACKNOWLEDGED],
        widget=forms.RadioSelect,
        initial=Recipient.Status.READ,
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú (đã triển khai thế nào)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
    )


def _type_choices() -> list[tuple[str, str]]:
    return [
        (abbr, f"{abbr} – {_(label)}" if abbr else _(label))
        for abbr, label in TYPE_ABBREVIATIONS.items()
    ]


class NumberTakeForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Cơ quan ban hành"), queryset=None)
    type_abbr = forms.ChoiceField(
        label=gettext_lazy("Loại văn bản"), choices=_type_choices, required=False
    )
    date = day_field(gettext_lazy("Ngày văn bản"))
    summary = forms.CharField(
        label=gettext_lazy("Trích yếu"), max_length=500, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = agencies.first()
        self.fields["date"].initial = timezone.localdate()


class NumberCancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do hủy số"), max_length=500, widget=forms.Textarea({"rows": 2})
    )


OFFICIAL_LETTER = "-"


class RegisterFilterForm(forms.Form):
    """Filters of the outgoing register's list (GET)."""

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan"), queryset=None, required=False, widget=QuickSelect
    )
    type_abbr = forms.ChoiceField(
        label=gettext_lazy("Loại"),
        # "" = every type; công văn (no abbreviation) is "-" here
        choices=lambda: [("", "—")] + [(a or OFFICIAL_LETTER, t) for a, t in _type_choices()],
        required=False,
    )
    year = forms.IntegerField(
        label=gettext_lazy("Năm"), required=False, min_value=1990, max_value=2200
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        choices=[("", "—"), *OutgoingNumber.Status.choices],
        required=False,
    )
    q = forms.CharField(label=gettext_lazy("Tìm"), required=False, max_length=200)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A province's register lists hundreds of agencies: read only what the options show.
        self.fields["agency"].queryset = agencies.only("name", "path")
