"""Activities and meetings: the list, and the forms that record them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin.auth import require_admin_access

from thidua.core.exports import Sheet, xlsx_response
from thidua.core.forms import attach_errors
from thidua.core.paging import UncountedPage
from thidua.core.text import parse_day
from thidua.documents import queries as document_queries
from thidua.org.queries import under_chosen_agency
from thidua.plans import queries, services
from thidua.plans.models import Channel, ContentItem, Meeting, Task
from thidua.plans.views.editor import DATE_FORMATS, DATE_INPUT
from thidua.plans.views.tasks import MultipleFileField

PER_PAGE = 25


class PlanLinkForm(forms.Form):
    """Which plan a delivery serves, the plan's content items it carried, the task it fulfils:
    the choices the user may see, narrowed to one plan when ``plan_id`` is given."""

    plan = forms.ModelChoiceField(label=gettext_lazy("Kế hoạch"), queryset=None, required=False)
    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Nội dung tuyên truyền"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fulfils = forms.ModelChoiceField(
        label=gettext_lazy("Thực hiện nhiệm vụ"), queryset=None, required=False
    )

    def __init__(self, *args: Any, user: Any, plan_id: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = queries.plans_visible_to(user).exclude(status="draft")
        self.fields["plan"].queryset = plans
        items = ContentItem.objects.filter(plan__in=plans.values("pk")).select_related("plan")
        tasks = queries.tasks_to_report(user)
        if plan_id:
            items, tasks = items.filter(plan_id=plan_id), tasks.filter(plan_id=plan_id)
            self.fields["plan"].initial = plan_id
        self.fields["topics"].queryset = items
        self.fields["fulfils"].queryset = tasks.order_by("due_date")


class DeliveryForm(PlanLinkForm):
    agency = forms.ModelChoiceField(label=gettext_lazy("Đơn vị thực hiện"), queryset=None)
    date = forms.DateField(
        label=gettext_lazy("Ngày"), input_formats=DATE_FORMATS, widget=DATE_INPUT
    )
    title = forms.CharField(label=gettext_lazy("Tên"), max_length=500)
    field_order = ["plan", "agency", "date", "title", "topics", "fulfils"]

    def __init__(self, *args: Any, user: Any, plan_id: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, plan_id=plan_id, **kwargs)
        self.fields["agency"].queryset = queries.recording_agencies(user)


class ActivityForm(DeliveryForm):
    channel = forms.ChoiceField(label=gettext_lazy("Hình thức"), choices=Channel.choices)
    audience = forms.IntegerField(
        label=gettext_lazy("Số người được tuyên truyền"), min_value=0, initial=0
    )
    description = forms.CharField(
        label=gettext_lazy("Mô tả"), required=False, widget=forms.Textarea({"rows": 3})
    )
    link = forms.URLField(
        label=gettext_lazy("Đường dẫn (bài viết, tin)"), required=False, assume_scheme="https"
    )
    files = MultipleFileField(label=gettext_lazy("Tệp minh chứng"), required=False)


class MeetingForm(DeliveryForm):
    kind = forms.ChoiceField(label=gettext_lazy("Loại cuộc họp"), choices=Meeting.Kind.choices)
    attendees = forms.IntegerField(label=gettext_lazy("Số người dự"), min_value=0, initial=0)
    agenda = forms.CharField(
        label=gettext_lazy("Chương trình họp"), required=False, widget=forms.Textarea({"rows": 3})
    )
    minutes = MultipleFileField(label=gettext_lazy("Biên bản họp"), required=False)


def _narrowed(request: HttpRequest, qs: QuerySet, which: str) -> QuerySet:
    """The list's filters (the reports link here with them): ?agency= (and its units), ?tu= /
    ?den= (dd/mm/yyyy), ?plan=, ?movement=, ?channel= (activities) or ?kind= (meetings),
    ?which=activities|meetings, ?activity= / ?meeting= (one record)."""
    params = request.GET
    shown = params.get("which", "")
    if shown and shown != which:
        return qs.none()
    single = params.get("activity" if which == "activities" else "meeting", "")
    if single.isdigit():
        return qs.filter(pk=int(single))
    qs = under_chosen_agency(request.user, qs, params.get("agency", ""))
    for key, lookup in (("tu", "date__gte"), ("den", "date__lte")):
        day = parse_day(params.get(key, ""))
        if day is not None:
            qs = qs.filter(**{lookup: day})
    for key, lookup in (("plan", "plan_id"), ("movement", "plan__movements")):
        value = params.get(key, "")
        if value.isdigit():
            qs = qs.filter(**{lookup: int(value)})
    code = params.get("channel" if which == "activities" else "kind", "")
    if code:
        qs = qs.filter(**{"channel" if which == "activities" else "kind": code})
    return qs


@require_admin_access
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    activities = _narrowed(
        request, queries.activities_visible_to(request.user), "activities"
    ).order_by("-date", "-pk")
    meetings = _narrowed(request, queries.meetings_visible_to(request.user), "meetings").order_by(
        "-date", "-pk"
    )
    if request.GET.get("format") == "xlsx":
        return deliveries_xlsx(activities, meetings)
    return render(
        request,
        "plans/deliveries.html",
        {
            # Pages without counts (two statements less): one row more says whether more follow.
            "activities": UncountedPage(activities, PER_PAGE, request.GET.get("p")),
            "meetings": UncountedPage(meetings, PER_PAGE, request.GET.get("m")),
            "filtered": bool(set(request.GET) - {"p", "m"}),
            "keep": _keep(request),
        },
    )


def _keep(request: HttpRequest) -> str:
    params = request.GET.copy()
    for key in ("p", "m", "format"):
        params.pop(key, None)
    return params.urlencode()


def deliveries_xlsx(activities: QuerySet, meetings: QuerySet) -> HttpResponse:
    """The filtered list as .xlsx: one sheet of activities, one of meetings."""
    return xlsx_response(
        "hoat-dong-tuyen-truyen",
        [
            Sheet(
                _("Hoạt động"),
                [_("Ngày"), _("Tên"), _("Hình thức"), _("Đơn vị"), _("Số người"), _("Kế hoạch")],
                (
                    [
                        a.date,
                        a.title,
                        a.get_channel_display(),
                        a.agency.name,
                        a.audience,
                        str(a.plan or ""),
                    ]
                    for a in activities.iterator(chunk_size=500)
                ),
            ),
            Sheet(
                _("Cuộc họp"),
                [_("Ngày"), _("Tên"), _("Loại"), _("Đơn vị"), _("Số người dự"), _("Kế hoạch")],
                (
                    [
                        m.date,
                        m.title,
                        m.get_kind_display(),
                        m.agency.name,
                        m.attendees,
                        str(m.plan or ""),
                    ]
                    for m in meetings.iterator(chunk_size=500)
                ),
            ),
        ],
    )


def _record(request: HttpRequest, form_class: type[DeliveryForm], kind: str) -> HttpResponse:
    if not queries.recording_agencies(request.user).exists():
        raise PermissionDenied
    form = form_class(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        plan_id=request.GET.get("plan") or request.POST.get("plan") or None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if kind == "activity":
                services.activity_record(actor=request.user, **data)
            else:
                services.meeting_record(actor=request.user, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận."))
            task: Task | None = data.get("fulfils")
            return redirect("plans:task_detail", task.pk) if task else redirect("plans:deliveries")
    return render(request, "plans/delivery_form.html", {"form": form, "kind": kind})


@require_admin_access
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest) -> HttpResponse:
    return _record(request, ActivityForm, "activity")


@require_admin_access
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest) -> HttpResponse:
    return _record(request, MeetingForm, "meeting")


class DisseminationForm(PlanLinkForm):
    """A document's dissemination as an e-office activity: which plan, topics and task."""


@require_admin_access
@require_http_methods(["GET", "POST"])
def dissemination_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a dissemination of the documents app as a propaganda activity (e-office)."""
    dissemination = get_object_or_404(
        document_queries.disseminations_visible_to(request.user), pk=pk
    )
    if not queries.recording_agencies(request.user).filter(pk=dissemination.agency_id).exists():
        raise PermissionDenied
    plan_id = request.GET.get("plan") or request.POST.get("plan") or None
    form = DisseminationForm(request.POST or None, user=request.user, plan_id=plan_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.dissemination_record(
                actor=request.user, dissemination=dissemination, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận đợt phổ biến là hoạt động tuyên truyền."))
            task: Task | None = form.cleaned_data.get("fulfils")
            return redirect("plans:task_detail", task.pk) if task else redirect("plans:deliveries")
    return render(
        request,
        "plans/dissemination_form.html",
        {"form": form, "dissemination": dissemination},
    )
