"""Bloc scoring in the back office: tables, self- and cross-scoring with evidence, ranking,
publication, exports; and the yearly covenant with its signatures."""

from __future__ import annotations

from typing import Any

from django import forms as dj_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.forms import attach_errors
from thidua.movements import exports, queries, services
from thidua.movements import permissions as perms
from thidua.movements.models import (
    Covenant,
    CovenantSignatory,
    Criterion,
    Evidence,
    ScoreSheet,
    ScoringTable,
)
from thidua.movements.queries.scoring import FINAL_SCORE_RULE, TIE_BREAK_RULE, member_ids
from thidua.movements.scoring_text import parse_table_text, table_as_text
from thidua.movements.views.common import run_service
from thidua.org.models import Agency, Bloc, BlocTerm
from thidua.org.queries import blocs_visible_to, user_scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _table(request: HttpRequest, pk: int) -> ScoringTable:
    return get_object_or_404(queries.tables_visible_to(request.user), pk=pk)


def _acting_for(request: HttpRequest, members: list[Agency]) -> list[Agency]:
    """Of the bloc's members, those the user acts for (as their Office)."""
    scope = user_scope(request.user)
    if scope.is_province_admin:
        return []
    return [a for a in members if perms.can_act_for_bloc_member(scope, a.path)]


def _members(bloc_id: int, year: int) -> list[Agency]:
    return list(Agency.objects.filter(pk__in=member_ids(bloc_id, year)).order_by("path"))


def _my_members(request: HttpRequest, table: ScoringTable) -> list[Agency]:
    """The bloc members the user acts for (as their Office)."""
    return _acting_for(request, _members(table.bloc_id, table.year))


def _may_see_ranking(request: HttpRequest, table: ScoringTable) -> bool:
    return table.is_locked or queries.can_manage_bloc(request.user, table.bloc_id, table.year)


def _managed_bloc_year(request: HttpRequest, bloc_pk: int) -> tuple[Bloc, int]:
    """The bloc of the URL and the year asked (this year by default), when the user manages its
    scoring for that year (404 outside the user's blocs, 403 when not its manager)."""
    bloc = get_object_or_404(blocs_visible_to(request.user), pk=bloc_pk)
    raw_year = request.GET.get("year") or request.POST.get("year") or ""
    year = int(raw_year) if raw_year.isdigit() else timezone.localdate().year
    if not queries.can_manage_bloc(request.user, bloc, year):
        raise PermissionDenied
    return bloc, year


@login_required
def bloc_index(request: HttpRequest) -> HttpResponse:
    tables = list(
        queries.tables_visible_to(request.user).order_by("bloc__code", "-year", "-version")
    )
    covenants = list(
        Covenant.objects.filter(bloc__in=blocs_visible_to(request.user)).select_related("bloc")
    )
    year = timezone.localdate().year
    scope = user_scope(request.user)
    if scope.is_province_admin:  # manages every bloc, with or without a leader this year
        manageable = list(blocs_visible_to(request.user))
    else:  # only blocs whose leader this year is under the user's Office: one read
        terms = (
            BlocTerm.objects.filter(year=year, bloc__in=blocs_visible_to(request.user))
            .select_related("bloc", "leader")
            .order_by("bloc__code")
        )
        manageable = [t.bloc for t in terms if perms.can_manage_scoring(scope, t.leader.path)]
    return render(
        request,
        "movements/bloc_index.html",
        {"tables": tables, "covenants": covenants, "manageable": manageable, "year": year},
    )


@login_required
def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    sections = list(table.sections.prefetch_related("criteria"))
    members = _members(table.bloc_id, table.year)
    sheets = list(queries.sheets_visible_to(request.user, table))
    mine = _acting_for(request, members)
    leader = queries.bloc_leader(table.bloc_id, table.year)
    manager = perms.can_manage_scoring(user_scope(request.user), leader.path if leader else None)
    ranking = queries.ranking(table) if manager or table.is_locked else None
    return render(
        request,
        "movements/table_detail.html",
        {
            "table": table,
            "sections": sections,
            "members": members,
            "sheets": sheets,
            "mine": mine,
            "manager": manager,
            "ranking": ranking,
            "tie_rule": TIE_BREAK_RULE,
            "final_rule": FINAL_SCORE_RULE,
            "leader": leader,
        },
    )


@login_required
def sheet_edit(request: HttpRequest, pk: int, subject_pk: int) -> HttpResponse:
    table = _table(request, pk)
    mine = _my_members(request, table)
    if not mine:
        raise PermissionDenied
    scorer = mine[0]
    subject = get_object_or_404(Agency, pk=subject_pk, pk__in=member_ids(table.bloc_id, table.year))
    sheet = ScoreSheet.objects.filter(table=table, subject=subject, scorer=scorer).first()
    criteria = list(Criterion.objects.filter(section__table=table).select_related("section"))
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "evidence":
                criterion = get_object_or_404(
                    Criterion, pk=request.POST.get("criterion") or 0, section__table=table
                )
                upload = request.FILES.get("file")
                if upload is None:
                    raise ValidationError(_("Chọn tệp minh chứng để tải lên."))
                if sheet is None:
                    sheet = services.score_sheet_save(
                        table, actor=request.user, subject=subject, scorer=scorer, points={}
                    )
                services.evidence_upload(
                    sheet, actor=request.user, criterion=criterion, upload=upload
                )
                message = _("Đã tải minh chứng cho tiêu chí %(code)s.") % {"code": criterion.code}
            else:
                points = {c.pk: request.POST.get(f"points-{c.pk}", "") for c in criteria}
                notes = {c.pk: request.POST.get(f"note-{c.pk}", "")[:500] for c in criteria}
                sheet = services.score_sheet_save(
                    table,
                    actor=request.user,
                    subject=subject,
                    scorer=scorer,
                    points=points,
                    notes=notes,
                    reason=request.POST.get("reason", ""),
                )
                message = _("Đã lưu điểm.")
                if action == "submit":
                    services.score_sheet_submit(sheet, actor=request.user)
                    message = _("Đã gửi phiếu chấm cho khối.")
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, message)
            return redirect("movements:sheet", pk=pk, subject_pk=subject_pk)
    scores = {s.criterion_id: s for s in sheet.scores.all()} if sheet else {}
    evidence: dict[int, list[Evidence]] = {}
    if sheet:
        for item in sheet.evidence.all():
            evidence.setdefault(item.criterion_id, []).append(item)
    rows = [(c, scores.get(c.pk), evidence.get(c.pk, [])) for c in criteria]
    return render(
        request,
        "movements/sheet_edit.html",
        {
            "table": table,
            "subject": subject,
            "scorer": scorer,
            "sheet": sheet,
            "rows": rows,
            "errors": errors,
            "editable": table.is_locked or sheet is None or sheet.submitted_at is None,
            "is_self": subject.pk == scorer.pk,
        },
    )


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("sheet__table"), pk=pk)
    table = evidence.sheet.table
    if not queries.tables_visible_to(request.user).filter(pk=table.pk).exists():
        raise Http404
    if queries.visible_sheet(request.user, table, evidence.sheet_id) is None:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table(request, pk)
    if not queries.can_manage_bloc(request.user, table.bloc_id, table.year):
        raise PermissionDenied
    run_service(
        request,
        lambda: services.scoring_publish(table, actor=request.user),
        _("Đã công bố kết quả chấm điểm; điểm đã được khóa."),
    )
    return redirect("movements:table", pk=pk)


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _issuer(request: HttpRequest, table: ScoringTable) -> Agency:
    leader = queries.bloc_leader(table.bloc_id, table.year)
    mine = _my_members(request, table)
    return leader or (
        mine[0]
        if mine
        else Agency.objects.filter(pk__in=member_ids(table.bloc_id, table.year))
        .order_by("path")
        .first()
    )


@login_required
def ranking_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    table = _table(request, pk)
    if not _may_see_ranking(request, table):
        raise PermissionDenied
    rows = queries.ranking(table)
    issuer = _issuer(request, table)
    if issuer is None:
        raise Http404
    name = f"xep-hang-{table.bloc.code}-{table.year}"
    if fmt == "docx":
        return _attachment(exports.ranking_docx(table, rows, issuer), DOCX, f"{name}.docx")
    return _attachment(exports.ranking_xlsx(table, rows, issuer), XLSX, f"{name}.xlsx")


@login_required
def sheet_export(request: HttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
    table = _table(request, pk)
    sheet = None
    if sheet_pk:
        sheet = queries.visible_sheet(request.user, table, sheet_pk)
        if sheet is None:
            raise Http404
    issuer = sheet.scorer if sheet else _issuer(request, table)
    if issuer is None:
        raise Http404
    data = exports.scoring_sheet_xlsx(table, sheet, issuer)
    return _attachment(data, XLSX, f"bang-cham-diem-{table.bloc.code}-{table.year}.xlsx")


@login_required
def covenant(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Covenant.objects.filter(bloc__in=blocs_visible_to(request.user)).select_related("bloc"),
        pk=pk,
    )
    signed = {s.agency_id: s for s in CovenantSignatory.objects.filter(covenant=item)}
    members = _members(item.bloc_id, item.year)
    can_sign = [a for a in _acting_for(request, members) if a.pk not in signed]
    if request.method == "POST":
        agency = next((a for a in can_sign if str(a.pk) == request.POST.get("agency")), None)
        if agency is None:
            raise PermissionDenied
        run_service(
            request,
            lambda: services.covenant_sign(
                item,
                actor=request.user,
                agency=agency,
                signer_name=request.POST.get("signer_name", ""),
                signer_position=request.POST.get("signer_position", ""),
            ),
            _("Đã ghi nhận chữ ký giao ước của %(name)s.") % {"name": agency.name},
        )
        return redirect("movements:covenant", pk=pk)
    rows: list[tuple[Agency, Any]] = [(a, signed.get(a.pk)) for a in members]
    return render(
        request,
        "movements/covenant.html",
        {"covenant": item, "rows": rows, "can_sign": can_sign},
    )


@login_required
def table_new(request: HttpRequest, bloc_pk: int) -> HttpResponse:
    """The bloc leader issues the year's scoring table (a new version replaces the current)."""

    bloc, year = _managed_bloc_year(request, bloc_pk)
    current = ScoringTable.objects.filter(bloc=bloc, year=year, is_current=True).first()
    previous = (
        current or ScoringTable.objects.filter(bloc=bloc).order_by("-year", "-version").first()
    )

    class TableForm(dj_forms.Form):
        title = dj_forms.CharField(label=_("Tên bảng điểm"), max_length=255)
        basis = dj_forms.CharField(label=_("Căn cứ"), max_length=255, required=False)
        text = dj_forms.CharField(
            label=_("Mục và tiêu chí"),
            widget=dj_forms.Textarea(attrs={"rows": 16}),
            help_text=_(
                "Mỗi dòng một mục hoặc một tiêu chí. Mục: “I. Tên mục”. Tiêu chí: “1. Nội dung | "
                "điểm tối đa”, thêm “| thưởng”, “| trừ” hoặc “| minh chứng” khi cần."
            ),
        )

    initial = {
        "title": _("Bảng chấm điểm thi đua %(bloc)s năm %(year)s")
        % {"bloc": bloc.name, "year": year},
        "basis": previous.basis if previous else "",
        "text": table_as_text(previous) if previous else "",
    }
    form = TableForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            table = services.scoring_table_create(
                actor=request.user,
                bloc=bloc,
                year=year,
                title=data["title"],
                basis=data["basis"],
                sections=parse_table_text(data["text"]),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Đã ban hành bảng chấm điểm phiên bản %(v)s.") % {"v": table.version}
            )
            return redirect("movements:table", pk=table.pk)
    return render(
        request,
        "org/actions/form.html",
        {
            "form": form,
            "title": _("Ban hành bảng chấm điểm năm %(year)s") % {"year": year},
            "subtitle": bloc.name,
            "icon": "group",
            "submit": _("Ban hành bảng điểm"),
            "back": reverse("movements:blocs"),
            "warning": _(
                "Bảng hiện hành (phiên bản %(v)s) sẽ được thay; điểm đã chấm theo bảng cũ "
                "vẫn được giữ."
            )
            % {"v": current.version}
            if current
            else "",
        },
    )


@login_required
def covenant_edit(request: HttpRequest, bloc_pk: int) -> HttpResponse:
    """The bloc leader writes the year's covenant (until a member has signed it)."""

    bloc, year = _managed_bloc_year(request, bloc_pk)
    existing = Covenant.objects.filter(bloc=bloc, year=year).first()

    class CovenantForm(dj_forms.Form):
        title = dj_forms.CharField(label=_("Tiêu đề"), max_length=255)
        place = dj_forms.CharField(label=_("Địa điểm ký"), max_length=150, required=False)
        text = dj_forms.CharField(
            label=_("Nội dung giao ước"), widget=dj_forms.Textarea(attrs={"rows": 12})
        )

    initial = {
        "title": existing.title if existing else _("Giao ước thi đua năm %(y)s") % {"y": year},
        "place": existing.place if existing else "",
        "text": existing.text if existing else "",
    }
    form = CovenantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.covenant_save(
                actor=request.user,
                bloc=bloc,
                year=year,
                title=data["title"],
                text=data["text"],
                place=data["place"],
                signed_on=existing.signed_on if existing else None,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("movements:covenant", pk=item.pk)
    return render(
        request,
        "org/actions/form.html",
        {
            "form": form,
            "title": _("Giao ước thi đua năm %(year)s") % {"year": year},
            "subtitle": bloc.name,
            "icon": "doc-full",
            "submit": _("Lưu giao ước"),
            "back": reverse("movements:blocs"),
        },
    )
