"""The plan editor: one form for the plan's fields and a formset per part, shared by the import
review, "write a plan" and "edit a plan". It converts between forms and the draft dictionary
(importing/draft.py) that the services take."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from thidua.org.models import Agency
from thidua.plans.models import Assignment, AssignmentRole, Cadence, Channel, Plan

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, widget=DATE_INPUT
    )


class PlanForm(forms.Form):
    title = forms.CharField(
        label=_("Trích yếu"), max_length=500, widget=forms.Textarea({"rows": 2})
    )
    number_symbol = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        required=False,
        help_text=_("Để trống: hệ thống cấp số từ sổ văn bản đi khi ban hành."),
    )
    issued_on = _date_field(_("Ngày ban hành"))
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    parent_body = forms.CharField(label=_("Cơ quan chủ quản"), max_length=255, required=False)
    issuer_name = forms.CharField(label=_("Tên cơ quan ban hành"), max_length=255, required=False)
    year_start = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100)
    year_end = forms.IntegerField(label=_("Đến năm"), min_value=2000, max_value=2100)
    report_cadence = forms.ChoiceField(
        label=_("Định kỳ tổng hợp báo cáo"), choices=Cadence.choices, required=False
    )
    purposes = forms.CharField(
        label=_("Mục đích, yêu cầu"), required=False, widget=forms.Textarea({"rows": 5})
    )
    signer_authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=10, required=False)
    signer_positions = forms.CharField(label=_("Chức vụ người ký"), max_length=255, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    movements = forms.ModelMultipleChoiceField(
        label=_("Phong trào thi đua mà kế hoạch phục vụ"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, movements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["movements"].queryset = movements

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("year_start"), data.get("year_end")
        if start and end and end < start:
            self.add_error("year_end", _("Năm kết thúc phải bằng hoặc sau năm bắt đầu."))
        return data


class PartForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BasisForm(PartForm):
    text = forms.CharField(label=_("Căn cứ"), widget=forms.Textarea({"rows": 2}))


class ContentItemForm(PartForm):
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    body = forms.CharField(label=_("Chi tiết"), required=False, widget=forms.Textarea({"rows": 2}))


class ChannelForm(PartForm):
    # A blank first option: the browser sends a select's first option for the empty row, which
    # must stay "unchanged" so that it is not taken for a new row.
    channel = forms.ChoiceField(label=_("Hình thức"), choices=[("", "—"), *Channel.choices])
    cadence = forms.ChoiceField(label=_("Định kỳ"), choices=Cadence.choices, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False)


class PhaseForm(PartForm):
    name = forms.CharField(label=_("Đợt, giai đoạn"), max_length=255)
    start = _date_field(_("Từ ngày"), required=True)
    end = _date_field(_("Đến ngày"), required=True)
    content = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea({"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class AssignmentForm(PartForm):
    unit_text = forms.CharField(label=_("Đơn vị (theo văn bản)"), max_length=255, required=False)
    agency = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Agency.objects.none(), required=False
    )
    all_units = forms.BooleanField(label=_("Tất cả các phòng, đơn vị"), required=False)
    create_unit = forms.BooleanField(label=_("Tạo đơn vị mới với tên này"), required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", "—"), *AssignmentRole.choices])
    duties = forms.CharField(
        label=_("Nhiệm vụ"), required=False, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["agency"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (self.initial or self.has_changed()) and not (
            data.get("agency") or data.get("all_units") or data.get("create_unit")
        ):
            self.add_error(
                "agency",
                _(
                    "Chưa xác định được đơn vị: hãy chọn đơn vị, chọn “tất cả các phòng, đơn vị” "
                    "hoặc “tạo đơn vị mới”."
                ),
            )
        if data.get("create_unit") and not (data.get("unit_text") or "").strip():
            self.add_error("unit_text", _("Hãy nhập tên đơn vị cần tạo."))
        return data


class RecipientForm(PartForm):
    text = forms.CharField(label=_("Nơi nhận"), max_length=255)


PARTS: dict[str, type[forms.Form]] = {
    "bases": BasisForm,
    "content_items": ContentItemForm,
    "channels": ChannelForm,
    "phases": PhaseForm,
    "assignments": AssignmentForm,
    "recipients": RecipientForm,
}
PART_LABELS = {
    "bases": _("Căn cứ"),
    "content_items": _("Nội dung tuyên truyền"),
    "channels": _("Hình thức tuyên truyền"),
    "phases": _("Thời gian, các đợt"),
    "assignments": _("Tổ chức thực hiện (phân công)"),
    "recipients": _("Nơi nhận"),
}


def _iso(value: Any) -> dt.date | None:
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _initial_rows(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        row = dict(row)
        if name == "phases":
            row["start"], row["end"] = _iso(row.get("start")), _iso(row.get("end"))
        if name == "assignments":
            row["agency"] = row.pop("agency_id", None)
        out.append(row)
    return out


class Editor:
    """The bound or unbound forms of one draft."""

    def __init__(
        self, draft: dict[str, Any], units: Any, data: Any = None, *, user: Any = None
    ) -> None:
        from thidua.movements.queries import movements_visible_to

        self.draft = draft
        initial = {k: draft.get(k) for k in PlanForm.base_fields}
        initial["issued_on"] = _iso(draft.get("issued_on"))
        initial["movements"] = draft.get("movement_ids") or []
        movements = movements_visible_to(user).order_by("-pk") if user else None
        self.form = PlanForm(data, initial=initial, prefix="plan", movements=movements)
        self.formsets: dict[str, Any] = {}
        for name, form_class in PARTS.items():
            formset_class = formset_factory(form_class, extra=1, can_delete=True)
            kwargs: dict[str, Any] = {"prefix": name}
            if name == "assignments":
                kwargs["form_kwargs"] = {"units": units}
            self.formsets[name] = formset_class(
                data, initial=_initial_rows(name, draft.get(name) or []), **kwargs
            )

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    def sections(self) -> list[tuple[str, str, Any, bool]]:
        low = set(self.draft.get("low_confidence") or [])
        keys = {"content_items": "sections", "channels": "sections"}
        return [
            (name, PART_LABELS[name], fs, keys.get(name, name) in low)
            for name, fs in self.formsets.items()
        ]

    def to_draft(self) -> dict[str, Any]:
        """The edited draft (call after is_valid)."""
        data = dict(self.form.cleaned_data)
        movements = data.pop("movements", None) or []
        draft = {**self.draft, **{k: v for k, v in data.items() if k != "issued_on"}}
        draft["movement_ids"] = [m.pk for m in movements]
        draft["issued_on"] = data["issued_on"].isoformat() if data.get("issued_on") else ""
        draft["report_cadence"] = data.get("report_cadence") or ""
        for name, formset in self.formsets.items():
            rows = []
            for form in formset.forms:
                if not form.has_changed() and not form.initial:
                    continue
                if form.cleaned_data.get("DELETE") or not form.cleaned_data:
                    continue
                row = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
                if name == "phases":
                    row["start"], row["end"] = row["start"].isoformat(), row["end"].isoformat()
                if name == "assignments":
                    agency = row.pop("agency", None)
                    row["agency_id"] = agency.pk if agency else None
                rows.append(row)
            draft[name] = rows
        return draft


def draft_from_plan(plan: Plan) -> dict[str, Any]:
    """An existing plan as a draft, with row ids so that edits keep its rows (and task keys)."""
    draft: dict[str, Any] = {
        "agency_id": plan.agency_id,
        "source_name": plan.source_name,
        "source_text": plan.source_text,
        "warnings": plan.warnings,
        "low_confidence": [],
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else "",
        "year_start": plan.year_start,
        "year_end": plan.year_end,
    }
    for name in PlanForm.base_fields:
        if name != "movements":
            draft.setdefault(name, getattr(plan, name))
    draft["movement_ids"] = list(plan.movements.values_list("pk", flat=True))
    draft["bases"] = [{"id": b.pk, "text": b.text} for b in plan.bases.all()]
    draft["content_items"] = [
        {"id": c.pk, "title": c.title, "body": c.body} for c in plan.content_items.all()
    ]
    draft["channels"] = [
        {"id": c.pk, "channel": c.channel, "cadence": c.cadence, "note": c.note}
        for c in plan.channels.all()
    ]
    draft["phases"] = [
        {
            "id": p.pk,
            "name": p.name,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "content": p.content,
        }
        for p in plan.phases.all()
    ]
    draft["assignments"] = [
        {
            "id": a.pk,
            "unit_text": a.unit_text,
            "agency_id": a.agency_id,
            "all_units": a.all_units,
            "role": a.role,
            "duties": a.duties,
        }
        for a in Assignment.objects.filter(plan=plan)
    ]
    draft["recipients"] = [{"id": r.pk, "text": r.text} for r in plan.recipients.all()]
    return draft


def blank_draft(agency: Agency) -> dict[str, Any]:
    year = dt.date.today().year
    return {
        "agency_id": agency.pk,
        "title": "",
        "year_start": year,
        "year_end": year,
        "issuer_name": agency.name.upper(),
        "parent_body": agency.parent.name.upper() if agency.parent_id else "",
        "report_cadence": Cadence.QUARTERLY,
        "warnings": [],
        "low_confidence": [],
    }
