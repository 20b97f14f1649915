"""Tasks: the list, a task's page (reports, review, edit, split, cancel), evidence download."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.models import ModelLogEntry

from thidua.core.audit import ACTIONS
from thidua.core.exports import Sheet, wants_xlsx, xlsx_response
from thidua.core.forms import attach_errors
from thidua.core.search import search
from thidua.core.text import parse_day
from thidua.org.models import Agency
from thidua.org.queries import agencies_visible_to, user_scope
from thidua.plans import queries, services
from thidua.plans.models import ProgressReport, Task
from thidua.plans.permissions import can_manage_plans, can_report_on, can_review_reports
from thidua.plans.views import keep_filters
from thidua.plans.views.editor import DATE_FORMATS, DATE_INPUT

PER_PAGE = 50


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Kết quả đã thực hiện"), widget=forms.Textarea({"rows": 4})
    )
    percent = forms.IntegerField(label=gettext_lazy("Tiến độ (%)"), min_value=0, max_value=100)
    problems = forms.CharField(
        label=gettext_lazy("Khó khăn, vướng mắc"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    links = forms.CharField(
        label=gettext_lazy("Đường dẫn minh chứng"),
        required=False,
        help_text=gettext_lazy("Mỗi dòng một đường dẫn (bài viết trên cổng, văn bản...)."),
        widget=forms.Textarea({"rows": 2}),
    )
    files = MultipleFileField(
        label=gettext_lazy("Tệp minh chứng"),
        required=False,
        help_text=gettext_lazy("PDF, Word, Excel, JPEG hoặc PNG."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"), widget=forms.Textarea({"rows": 2})
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Nhiệm vụ"), max_length=500)
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị thực hiện"), queryset=Agency.objects.none()
    )
    start_date = forms.DateField(
        label=gettext_lazy("Bắt đầu"), required=False, input_formats=DATE_FORMATS, widget=DATE_INPUT
    )
    due_date = forms.DateField(
        label=gettext_lazy("Hạn hoàn thành"), input_formats=DATE_FORMATS, widget=DATE_INPUT
    )
    description = forms.CharField(
        label=gettext_lazy("Mô tả"), required=False, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, plan_agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = queries.units_of(plan_agency)


class SplitForm(forms.Form):
    parts = forms.CharField(
        label=gettext_lazy("Các phần"),
        help_text=gettext_lazy("Mỗi dòng một phần: tên phần; hạn dd/mm/yyyy"),
        widget=forms.Textarea({"rows": 3}),
    )

    def clean_parts(self) -> list[tuple[str, dt.date]]:
        parts = []
        for line in self.cleaned_data["parts"].splitlines():
            if not line.strip():
                continue
            title, _sep, due = line.rpartition(";")
            try:
                parts.append((title.strip(), dt.datetime.strptime(due.strip(), "%d/%m/%Y").date()))
            except ValueError as exc:
                raise ValidationError(
                    _("Dòng “%(line)s”: hãy viết “tên phần; dd/mm/yyyy”.") % {"line": line}
                ) from exc
        return parts


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do hủy"), max_length=500)


@require_admin_access
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "open")
    mine = request.GET.get("mine", "1") == "1"
    tasks = (
        queries.tasks_to_report(request.user) if mine else queries.tasks_visible_to(request.user)
    )
    if state == "overdue":
        tasks = queries.overdue_tasks(tasks)
    elif state == "due_soon":
        tasks = queries.due_soon_tasks(tasks)
    elif state == "done":
        tasks = tasks.filter(status=Task.Status.DONE)
    elif state == "open":
        tasks = tasks.filter(status__in=Task.OPEN)
    tasks = _narrowed(request, tasks)
    tasks = search(tasks, request.GET.get("q", "")[:200]).order_by("due_date", "pk")
    if wants_xlsx(request):
        return xlsx_response(
            "nhiem-vu",
            [
                Sheet(
                    _("Nhiệm vụ"),
                    [
                        _("Hạn"),
                        _("Nhiệm vụ"),
                        _("Kế hoạch"),
                        _("Đơn vị"),
                        _("Trạng thái"),
                        _("Tiến độ (%)"),
                    ],
                    (
                        [
                            t.due_date,
                            t.title,
                            str(t.plan),
                            t.agency.name,
                            t.get_status_display(),
                            t.percent,
                        ]
                        for t in tasks.iterator(chunk_size=500)
                    ),
                )
            ],
        )
    page = Paginator(tasks, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "plans/tasks.html",
        {
            "page": page,
            "state": state,
            "mine": mine,
            "query": request.GET.get("q", ""),
            "keep": keep_filters(request),
        },
    )


def _narrowed(request: HttpRequest, tasks: Any) -> Any:
    """Filters the reports link with: ?plan=, ?agency= (and its units), ?tu= / ?den= (due date,
    dd/mm/yyyy)."""
    plan = request.GET.get("plan", "")
    if plan.isdigit():
        tasks = tasks.filter(plan_id=int(plan))
    agency_id = request.GET.get("agency", "")
    if agency_id.isdigit():
        agency = agencies_visible_to(request.user).filter(pk=int(agency_id)).first()
        tasks = tasks.filter(agency__path__startswith=agency.path) if agency else tasks.none()
    for key, lookup in (("tu", "due_date__gte"), ("den", "due_date__lte")):
        day = parse_day(request.GET.get(key, ""))
        if day is not None:
            tasks = tasks.filter(**{lookup: day})
    return tasks


def _task(request: HttpRequest, pk: int) -> Task:
    return get_object_or_404(queries.tasks_visible_to(request.user), pk=pk)


def _history(task: Task) -> list[tuple[Any, str, str]]:
    """The task's audit entries, newest first: (time, who, what)."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Task), object_id=str(task.pk)
    ).select_related("user")
    return [
        (
            e.timestamp,
            (e.user.get_full_name() or e.user.get_username()) if e.user else "",
            gettext(ACTIONS.get(e.action, (e.action,))[0])
            + (f": {e.data['note']}" if (e.data or {}).get("note") else ""),
        )
        for e in entries.order_by("-timestamp", "-pk")[:50]
    ]


def _task_context(request: HttpRequest, task: Task, **forms_: Any) -> dict[str, Any]:
    scope = user_scope(request.user)
    may_manage = can_manage_plans(scope, task.plan.agency.path)
    return {
        "task": task,
        "reports": task.reports.select_related("author", "reviewed_by").prefetch_related("files"),
        "activities": task.activities.all(),
        "meetings": task.meetings.all(),
        "history": _history(task),
        "may_report": task.is_open
        and can_report_on(scope, task.plan.agency.path, task.agency.path),
        "may_review": can_review_reports(scope, task.plan.agency.path),
        "may_manage": may_manage and task.is_open,
        "report_form": forms_.get("report_form") or ReportForm(),
        "return_form": ReturnForm(),
        "task_form": forms_.get("task_form")
        or TaskForm(
            plan_agency=task.plan.agency,
            initial={
                "title": task.title,
                "agency": task.agency_id,
                "start_date": task.start_date,
                "due_date": task.due_date,
                "description": task.description,
            },
        ),
        "split_form": forms_.get("split_form") or SplitForm(),
        "cancel_form": forms_.get("cancel_form") or CancelForm(),
    }


@require_admin_access
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    return render(request, "plans/task_detail.html", _task_context(request, task))


@require_admin_access
@require_POST
def task_report(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.progress_report_submit(
                task,
                actor=request.user,
                text=form.cleaned_data["text"],
                percent=form.cleaned_data["percent"],
                problems=form.cleaned_data["problems"],
                links=form.cleaned_data["links"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã gửi báo cáo tiến độ; Văn phòng sẽ xem xét."))
            return redirect("plans:task_detail", task.pk)
    ctx = _task_context(request, task, report_form=form)
    return render(request, "plans/task_detail.html", ctx, status=400)


def _report(request: HttpRequest, pk: int) -> ProgressReport:
    tasks = queries.tasks_visible_to(request.user).values("pk")
    return get_object_or_404(ProgressReport.objects.filter(task__in=tasks), pk=pk)


@require_admin_access
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        services.progress_report_accept(report, actor=request.user)
        messages.success(request, _("Đã chấp nhận báo cáo."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("plans:task_detail", report.task_id)


@require_admin_access
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReturnForm(request.POST)
    try:
        reason = form.data.get("reason", "")
        services.progress_report_return(report, actor=request.user, reason=reason)
        messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("plans:task_detail", report.task_id)


@require_admin_access
@require_POST
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    form = TaskForm(request.POST, plan_agency=task.plan.agency)
    if form.is_valid():
        try:
            services.task_update(task, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("plans:task_detail", task.pk)
    return render(
        request, "plans/task_detail.html", _task_context(request, task, task_form=form), status=400
    )


@require_admin_access
@require_POST
def task_split(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    form = SplitForm(request.POST)
    if form.is_valid():
        try:
            parts = services.task_split(task, actor=request.user, parts=form.cleaned_data["parts"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã tách thành %d nhiệm vụ.") % len(parts))
            return redirect("plans:task_detail", task.pk)
    return render(
        request, "plans/task_detail.html", _task_context(request, task, split_form=form), status=400
    )


@require_admin_access
@require_POST
def task_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.task_cancel(task, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã hủy nhiệm vụ."))
            return redirect("plans:detail", task.plan_id)
    return render(
        request,
        "plans/task_detail.html",
        _task_context(request, task, cancel_form=form),
        status=400,
    )


@require_admin_access
@require_http_methods(["GET", "POST"])
def task_add(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(queries.plans_managed_by(request.user), pk=plan_pk)
    form = TaskForm(request.POST or None, plan_agency=plan.agency)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect("plans:task_detail", task.pk)
    return render(request, "plans/task_add.html", {"plan": plan, "form": form})


@require_admin_access
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(queries.evidence_visible_to(request.user), pk=pk)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
