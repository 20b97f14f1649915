"""Council pages: councils and members, a session with its agenda, attendance, the ballot paper,
paper tallies, closing the vote, results and minutes. Thin: each POST calls one service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards import council_access as access
from thidua.awards.models import (
    AgendaItem,
    BallotMode,
    Choice,
    Council,
    CouncilKind,
    MemberPosition,
    Outcome,
    Participation,
    Proposal,
    ProposalStatus,
    Session,
    SessionStatus,
)
from thidua.awards.services import council as svc
from thidua.awards.services import voting
from thidua.awards.services.minutes import minutes_generate
from thidua.core.forms import attach_errors
from thidua.org.models import Agency, Bloc, RoleAssignment
from thidua.org.queries import agencies_managed_by, blocs_visible_to

SESSIONS_PER_PAGE = 20


def _day_input() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
    )


class CouncilForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Cơ quan"), queryset=Agency.objects.none())
    name = forms.CharField(
        label=gettext_lazy("Tên hội đồng"),
        max_length=255,
        initial=gettext_lazy("Hội đồng Thi đua – Khen thưởng"),
    )
    term_start = forms.DateField(label=gettext_lazy("Nhiệm kỳ từ ngày"), widget=_day_input())
    term_end = forms.DateField(label=gettext_lazy("Đến ngày"), widget=_day_input(), required=False)
    quorum_percent = forms.IntegerField(
        label=gettext_lazy("Số thành viên có mặt tối thiểu để họp (%)"),
        min_value=1,
        max_value=100,
        initial=50,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"), choices=CouncilKind.choices, initial=CouncilKind.COUNCIL
    )
    bloc = forms.ModelChoiceField(
        label=gettext_lazy("Khối thi đua (khi bầu khối trưởng)"),
        queryset=Bloc.objects.none(),
        required=False,
    )


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Thành viên"), queryset=get_user_model().objects.none()
    )
    position = forms.ChoiceField(
        label=gettext_lazy("Chức danh"), choices=MemberPosition.choices, initial="member"
    )


class SessionForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên phiên họp"),
        max_length=255,
        initial=gettext_lazy("Phiên họp xét khen thưởng"),
    )
    year = forms.IntegerField(label=gettext_lazy("Năm xét"), min_value=2000, max_value=2100)
    date = forms.DateField(label=gettext_lazy("Ngày họp"), widget=_day_input())
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=255, required=False)
    mode = forms.ChoiceField(label=gettext_lazy("Hình thức bỏ phiếu"), choices=BallotMode.choices)


def _council(request: HttpRequest, pk: int) -> Council:
    return get_object_or_404(access.councils_visible_to(request.user), pk=pk)


def _session(request: HttpRequest, pk: int) -> Session:
    return get_object_or_404(access.sessions_visible_to(request.user), pk=pk)


def _form_page(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    return render(request, "awards/form.html", {"form": form, **context})


# --- Councils ------------------------------------------------------------------------------------
@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    councils = access.councils_visible_to(request.user).order_by("-term_start", "name")
    # Sessions page without a count (one query less): one row more than a page says whether
    # more follow.
    number = int(request.GET["p"]) if request.GET.get("p", "").isdigit() else 1
    number = max(number, 1)
    offset = (number - 1) * SESSIONS_PER_PAGE
    sessions = list(
        access.sessions_visible_to(request.user).order_by("-date", "-id")[
            offset : offset + SESSIONS_PER_PAGE + 1
        ]
    )
    has_next = len(sessions) > SESSIONS_PER_PAGE
    return render(
        request,
        "awards/council/list.html",
        {
            "councils": councils,
            "sessions": sessions[:SESSIONS_PER_PAGE],
            "number": number,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if has_next else None,
            "can_create": agencies_managed_by(request.user).exists(),
        },
    )


@login_required
def council_create(request: HttpRequest) -> HttpResponse:
    form = CouncilForm(request.POST or None, initial={"term_start": dt.date.today()})
    form.fields["agency"].queryset = agencies_managed_by(request.user)
    form.fields["bloc"].queryset = blocs_visible_to(request.user)
    if not form.fields["agency"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            council = svc.council_create(actor=request.user, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lập %(c)s.") % {"c": council.name})
            return redirect("awards:council_detail", council.pk)
    return _form_page(
        request,
        form,
        title=_("Lập hội đồng"),
        subtitle=_("Thành viên, thư ký được thêm ở bước sau"),
        submit=_("Lập hội đồng"),
        back=reverse("awards:council_list"),
    )


def _seat_candidates(council: Council) -> Any:
    """Users who hold a role that lets them sit on this council."""
    agency = council.agency
    agencies = Agency.objects.filter(path__startswith=agency.path) | Agency.objects.filter(
        pk__in=agency.ancestor_ids()
    )
    if council.kind == CouncilKind.BLOC and council.bloc:
        agencies = council.bloc.members.all() | agencies
    user_ids = RoleAssignment.objects.filter(agency__in=agencies).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(council_seats__council=council)
        .select_related("person")
        .order_by("person__sort_name", "username")
    )


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk)
    can_manage = access.can_manage_councils_of(request.user, council.agency.path)
    form = MemberForm(request.POST or None) if can_manage else None
    if form is not None:
        form.fields["user"].queryset = _seat_candidates(council)
        form.fields["user"].label_from_instance = lambda u: (
            f"{u.person.full_name} ({u.username})" if hasattr(u, "person") else u.username
        )
        if request.method == "POST" and form.is_valid():
            try:
                svc.council_member_add(
                    council,
                    user=form.cleaned_data["user"],
                    position=form.cleaned_data["position"],
                    actor=request.user,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã thêm thành viên."))
                return redirect("awards:council_detail", council.pk)
    return render(
        request,
        "awards/council/council_detail.html",
        {
            "council": council,
            "members": council.members.select_related("user"),
            "sessions": council.sessions.order_by("-date"),
            "can_manage": can_manage,
            "can_prepare": access.can_prepare_session(request.user, council),
            "form": form,
        },
    )


@login_required
@require_POST
def council_member_remove(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    council = _council(request, pk)
    seat = get_object_or_404(council.members, pk=member)
    try:
        svc.council_member_remove(seat, actor=request.user)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Đã bớt %(n)s khỏi hội đồng.") % {"n": seat.display_name})
    return redirect("awards:council_detail", council.pk)


# --- Sessions ------------------------------------------------------------------------------------
@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk)
    if not access.can_prepare_session(request.user, council):
        raise PermissionDenied
    form = SessionForm(
        request.POST or None, initial={"year": dt.date.today().year, "date": dt.date.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = svc.session_create(council, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("awards:session_detail", session.pk)
    return _form_page(
        request,
        form,
        title=_("Tạo phiên họp"),
        subtitle=council.name,
        submit=_("Tạo phiên họp"),
        back=reverse("awards:council_detail", args=[council.pk]),
    )


def _agenda_candidates(session: Session) -> Any:
    council = session.council
    if council.kind == CouncilKind.BLOC:
        if not council.bloc:
            return Agency.objects.none()
        return council.bloc.members.exclude(pk__in=session.items.values("nominee_agency")).order_by(
            "name"
        )
    return (
        Proposal.objects.filter(
            status=ProposalStatus.AT_COUNCIL,
            proposing_agency__path__startswith=council.agency.path,
        )
        .exclude(agenda_items__session=session)
        .select_related("title", "person", "nominee_agency")
        .order_by("title__position", "id")
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    council = session.council
    seat = access.seat_of(request.user, council)
    can_prepare = access.can_prepare_session(request.user, council)
    items = list(
        session.items.select_related("title", "proposal").prefetch_related("recusals__member")
    )
    members = list(council.members.all())
    attendance = {a.member_id: a.present for a in session.attendance.all()}
    voters = [m for m in members if m.votes]
    voted_members = set(
        Participation.objects.filter(item__session=session).values_list("member_id", flat=True)
    )
    context = {
        "session": session,
        "council": council,
        "items": items,
        "members": [(m, attendance.get(m.pk, False)) for m in members],
        "voting_count": len(voters),
        "present_count": len([m for m in voters if attendance.get(m.pk)]),
        "voted_count": len(voted_members),
        "seat": seat,
        "can_prepare": can_prepare,
        "can_close": access.can_close_session(request.user, council),
        "can_vote": bool(
            seat
            and seat.votes
            and session.status == SessionStatus.VOTING
            and session.mode == BallotMode.ELECTRONIC
            and attendance.get(seat.pk)
            and seat.pk not in voted_members
            and voting.items_for_member(session, seat)
        ),
        "has_voted": bool(seat and seat.pk in voted_members),
        "closed": session.status == SessionStatus.CLOSED,
        "can_draft": session.status == SessionStatus.CLOSED
        and access.can_draft_decisions(request.user, council.agency.path)
        and any(i.outcome == Outcome.PASSED and i.proposal_id for i in items),
        "decisions": session.decisions.all() if session.status == SessionStatus.CLOSED else [],
    }
    if can_prepare and session.status == SessionStatus.DRAFT:
        context["candidates"] = _agenda_candidates(session)
    return render(request, "awards/council/session_detail.html", context)


def refusal(error: ValidationError | PermissionDenied) -> str:
    """What a service's refusal says to the user (shared by the council and decision pages)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Bạn không có quyền thực hiện thao tác này.")


def _post_action(request: HttpRequest, session: Session, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, done)
    return redirect("awards:session_detail", session.pk)


def _session_step(service: Callable[..., Any], done: str) -> Callable[..., HttpResponse]:
    """A POST that runs ``service(session, actor=user)`` and comes back to the session page."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        session = _session(request, pk)
        return _post_action(
            request, session, lambda: service(session, actor=request.user), str(done)
        )

    return view


@login_required
@require_POST
def session_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if request.POST.get("remove"):
        item = get_object_or_404(session.items, pk=request.POST["remove"])
        return _post_action(
            request,
            session,
            lambda: svc.session_item_remove(item, actor=request.user),
            _("Đã bỏ nội dung khỏi chương trình."),
        )
    candidates = _agenda_candidates(session)
    chosen = candidates.filter(pk__in=request.POST.getlist("add"))
    if not chosen:
        messages.error(request, _("Hãy chọn ít nhất một hồ sơ để đưa vào chương trình."))
        return redirect("awards:session_detail", session.pk)

    def add() -> None:
        for obj in chosen:
            if isinstance(obj, Proposal):
                svc.session_item_add(session, proposal=obj, actor=request.user)
            else:
                svc.session_item_add(session, nominee_agency=obj, actor=request.user)

    return _post_action(request, session, add, _("Đã cập nhật chương trình phiên họp."))


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    present = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
    return _post_action(
        request,
        session,
        lambda: svc.session_attendance_set(session, present=present, actor=request.user),
        _("Đã điểm danh."),
    )


session_open = _session_step(
    svc.session_open, gettext_lazy("Đã mở bỏ phiếu. Các thành viên có mặt có thể bỏ phiếu.")
)
session_close = _session_step(
    voting.session_close, gettext_lazy("Đã kết thúc bỏ phiếu; kết quả đã được công bố.")
)


@login_required
@require_POST
def session_tally(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    session = _session(request, pk)
    agenda_item = get_object_or_404(AgendaItem, pk=item, session=session)

    def count(name: str) -> int:
        value = request.POST.get(name, "0").strip() or "0"
        if not value.isdigit():
            raise ValidationError(_("Số phiếu phải là số nguyên không âm."))
        return int(value)

    return _post_action(
        request,
        session,
        lambda: voting.paper_tally_enter(
            agenda_item,
            approve=count("approve"),
            reject=count("reject"),
            blank=count("blank"),
            actor=request.user,
        ),
        _("Đã nhập kết quả kiểm phiếu: %(i)s.") % {"i": agenda_item.label},
    )


@login_required
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot paper: one choice per item; the page never shows anybody's choice."""
    session = _session(request, pk)
    seat = access.seat_of(request.user, session.council)
    if seat is None or not seat.votes:
        raise PermissionDenied
    items = voting.items_for_member(session, seat)
    error = None
    if request.method == "POST":
        choices = {}
        for item in items:
            value = request.POST.get(f"item-{item.pk}", "")
            if value:
                choices[item.pk] = value
        try:
            voting.ballot_cast(session, choices=choices, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Phiếu của bạn đã được bỏ vào hòm phiếu."))
            return redirect("awards:session_detail", session.pk)
    return render(
        request,
        "awards/council/ballot.html",
        {
            "session": session,
            "items": items,
            "choices": Choice.choices,
            "error": error,
            "recused": session.items.exclude(pk__in=[i.pk for i in items]),
        },
    )


session_minutes = _session_step(minutes_generate, gettext_lazy("Đã lập biên bản."))


@login_required
def minutes_download(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if not session.minutes_file:
        raise Http404
    return FileResponse(
        session.minutes_file.open("rb"),
        as_attachment=True,
        filename=f"bien-ban-{session.minutes_number.symbol.replace('/', '-')}.docx",
    )
