"""Dissemination: send a document, follow who has read it (sender), and the recipients' list of
documents to read with their acknowledgement."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail import hooks
from wagtail.admin.auth import require_admin_access

from thidua.core.forms import attach_errors
from thidua.core.search import search
from thidua.core.text import parse_day
from thidua.documents import queries, services
from thidua.documents.forms import AcknowledgeForm, DisseminateForm
from thidua.documents.models import Recipient
from thidua.documents.permissions import can_acknowledge
from thidua.documents.views import keep_filters
from thidua.org.models import Agency, Person
from thidua.org.queries import under_chosen_agency, user_scope

PER_PAGE = 25
# Other apps add links to a dissemination's page (plans: "record it as a propaganda activity"):
# a hook returning a callable (user, dissemination) -> list of (label, url).
ACTIONS_HOOK = "documents_dissemination_actions"


def _sending_agency(request: HttpRequest, agencies: Any) -> Agency | None:
    chosen = request.POST.get("agency") or request.GET.get("agency")
    if chosen and str(chosen).isdigit():
        found = agencies.filter(pk=int(chosen)).first()
        if found is not None:
            return found
    return agencies.first()


@require_admin_access
@require_http_methods(["GET", "POST"])
def disseminate(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(queries.documents_visible_to(request.user), pk=pk)
    agencies = queries.sending_agencies(request.user)
    agency = _sending_agency(request, agencies)
    if agency is None:
        raise PermissionDenied
    units = queries.recipient_agencies(agency)
    people = (
        Person.objects.filter(agency__in=units.values("pk"), user__isnull=False, is_active=True)
        .select_related("agency")
        .order_by("agency__path", "sort_name")
    )
    form = DisseminateForm(
        request.POST or None,
        agencies=agencies,
        units=units,
        people=people,
        initial={"agency": agency},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dissemination = services.dissemination_send(
                document=document,
                agency=data["agency"],
                deadline=data["deadline"],
                units=data["units"],
                people=data["people"],
                message=data["message"],
                actor=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã gửi văn bản tới %(n)d nơi nhận.") % {"n": dissemination.recipients.count()},
            )
            return redirect("documents:dissemination", dissemination.pk)
    return render(
        request,
        "documents/disseminate.html",
        {"form": form, "document": document, "agency": agency, "agencies": agencies},
    )


def _narrowed(request: HttpRequest, qs: QuerySet) -> QuerySet:
    """The list's filters (the reports link here with them): ?agency= (the sending agency and
    its units), ?tu= / ?den= (dd/mm/yyyy, the day sent)."""
    qs = under_chosen_agency(request.user, qs, request.GET.get("agency", ""))
    for key, lookup in (("tu", "sent_at__date__gte"), ("den", "sent_at__date__lte")):
        day = parse_day(request.GET.get(key, ""))
        if day is not None:
            qs = qs.filter(**{lookup: day})
    return qs


@require_admin_access
@require_GET
def dissemination_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    disseminations = _narrowed(
        request, queries.disseminations_visible_to(request.user).order_by("-sent_at", "-pk")
    )
    if query:
        disseminations = disseminations.filter(
            document__in=search(queries.documents_visible_to(request.user), query).values("pk")
        )
    page = Paginator(disseminations, PER_PAGE).get_page(request.GET.get("p"))
    counts = {
        row["dissemination_id"]: row
        for row in queries.dissemination_counts(
            disseminations.filter(pk__in=[d.pk for d in page.object_list]), by="dissemination"
        )
    }
    return render(
        request,
        "documents/dissemination_list.html",
        {
            "page": page,
            "rows": [(d, counts.get(d.pk)) for d in page.object_list],
            "query": query,
            "keep": keep_filters(request),
            "today": timezone.localdate(),
        },
    )


@require_admin_access
@require_GET
def dissemination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dissemination = get_object_or_404(queries.disseminations_visible_to(request.user), pk=pk)
    one = queries.disseminations_visible_to(request.user).filter(pk=dissemination.pk)
    by_unit = queries.dissemination_counts(one, by="unit")
    totals = (queries.dissemination_counts(one, by="dissemination") or [None])[0]
    recipients = dissemination.recipients.select_related(
        "agency", "user__person", "acknowledged_by__person"
    ).order_by("agency__path", "user_id", "pk")
    actions: list[tuple[str, str]] = []
    for hook in hooks.get_hooks(ACTIONS_HOOK):
        actions += hook(request.user, dissemination)
    return render(
        request,
        "documents/dissemination_detail.html",
        {
            "dissemination": dissemination,
            "document": dissemination.document,
            "by_unit": by_unit,
            "totals": totals,
            "page": Paginator(recipients, 100).get_page(request.GET.get("p")),
            "actions": actions,
            "today": timezone.localdate(),
        },
    )


@require_admin_access
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """ "Văn bản cần đọc": what was sent to the user or the user's units; unanswered first."""
    show = request.GET.get("xem", "")
    rows = queries.received_by(request.user)
    if show != "tat-ca":
        rows = rows.filter(status=Recipient.Status.PENDING)
    rows = rows.order_by("status", "dissemination__deadline", "-pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    scope = user_scope(request.user)
    items = [
        (
            row,
            can_acknowledge(
                scope, recipient_agency_path=row.agency.path, recipient_user_id=row.user_id
            ),
        )
        for row in page.object_list
    ]
    return render(
        request,
        "documents/inbox.html",
        {
            "page": page,
            "items": items,
            "show": show,
            "keep": keep_filters(request),
            "form": AcknowledgeForm(),
            "today": timezone.localdate(),
        },
    )


@require_admin_access
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    recipient = get_object_or_404(queries.received_by(request.user), pk=pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.recipient_acknowledge(
                recipient,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã ghi nhận xác nhận của bạn."))
    else:
        messages.error(request, _("Hãy chọn “Đã đọc” hoặc “Đã triển khai”."))
    return redirect("documents:inbox")
