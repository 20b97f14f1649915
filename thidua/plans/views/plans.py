"""Plan list, plan page, issue/close/regenerate, .docx export and the plan dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.auth import require_admin_access

from thidua.core.exports import Sheet, wants_xlsx, xlsx_response
from thidua.core.search import search
from thidua.org.queries import user_scope
from thidua.plans import queries, services, stats
from thidua.plans.export import plan_docx
from thidua.plans.models import Plan, Task
from thidua.plans.permissions import can_manage_plans
from thidua.plans.views import keep_filters

PER_PAGE = 25
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_admin_access
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("status", "")
    plans = queries.plans_visible_to(request.user).annotate(
        task_count=Count("tasks", filter=~Q(tasks__status=Task.Status.CANCELLED)),
        done_count=Count("tasks", filter=Q(tasks__status=Task.Status.DONE)),
    )
    if status in Plan.Status.values:
        plans = plans.filter(status=status)
    plans = search(plans, query).order_by("-year_start", "-issued_on", "-pk")
    if wants_xlsx(request):
        return xlsx_response(
            "ke-hoach-tuyen-truyen",
            [
                Sheet(
                    _("Kế hoạch"),
                    [
                        _("Số, ký hiệu"),
                        _("Ngày ban hành"),
                        _("Trích yếu"),
                        _("Cơ quan ban hành"),
                        _("Thời gian"),
                        _("Trạng thái"),
                        _("Nhiệm vụ"),
                        _("Hoàn thành"),
                    ],
                    (
                        [
                            p.number_symbol,
                            p.issued_on,
                            p.title,
                            p.agency.name,
                            p.period_label,
                            p.get_status_display(),
                            p.task_count,
                            p.done_count,
                        ]
                        for p in plans.iterator(chunk_size=500)
                    ),
                )
            ],
        )
    page = Paginator(plans, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "plans/index.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": Plan.Status.choices,
            "may_write": queries.manageable_agencies(request.user).exists(),
            "keep": keep_filters(request),
        },
    )


def _plan(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(queries.plans_visible_to(request.user), pk=pk)


@require_admin_access
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    tasks = (
        queries.tasks_visible_to(request.user)
        .filter(plan=plan)
        .exclude(status=Task.Status.CANCELLED)
        .order_by("due_date", "agency__path", "pk")
    )
    page = Paginator(tasks, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "page": page,
            "may_manage": can_manage_plans(user_scope(request.user), plan.agency.path),
            "totals": stats.plan_totals(plan),
            "bases": plan.bases.all(),
            "items": plan.content_items.all(),
            "channels": plan.channels.all(),
            "phases": plan.phases.all(),
            "assignments": plan.assignments.select_related("agency"),
            "recipients": plan.recipients.all(),
            "movements": plan.movements.all(),
        },
    )


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = get_object_or_404(queries.plans_managed_by(request.user), pk=pk)
    try:
        if action == "issue":
            plan = services.plan_issue(plan, actor=request.user)
            messages.success(
                request,
                _("Đã ban hành kế hoạch số %(n)s và giao %(t)d nhiệm vụ.")
                % {"n": plan.number_symbol, "t": plan.tasks.count()},
            )
        elif action == "close":
            services.plan_close(plan, actor=request.user)
            messages.success(request, _("Đã kết thúc kế hoạch."))
        else:
            counts = services.plan_tasks_regenerate(plan, actor=request.user)
            messages.success(
                request,
                _(
                    "Đã tạo lại nhiệm vụ: %(created)d mới, %(updated)d cập nhật, %(cancelled)d hủy "
                    "(chưa làm), %(orphaned)d giữ lại vì đã có kết quả."
                )
                % counts,
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("plans:detail", plan.pk)


@require_admin_access
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "issue")


@require_admin_access
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "close")


@require_admin_access
@require_POST
def regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "regenerate")


@require_admin_access
@require_GET
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    data, name = plan_docx(plan)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_admin_access
@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    overdue = queries.overdue_tasks(queries.tasks_visible_to(request.user).filter(plan=plan))
    return render(
        request,
        "plans/dashboard.html",
        {
            "plan": plan,
            "totals": stats.plan_totals(plan),
            "by_unit": stats.progress_by_unit(plan),
            "by_phase": stats.progress_by_phase(plan),
            "by_channel": stats.progress_by_channel(plan),
            "grid": stats.coverage_grid(plan),
            "overdue": overdue.order_by("due_date", "pk")[:100],
        },
    )
