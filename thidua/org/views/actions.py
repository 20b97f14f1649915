"""Transferring a person and merging an agency: dated operations that are not plain edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.forms import attach_errors
from thidua.org import permissions as perms
from thidua.org import queries, services
from thidua.org.models import Agency, Person
from thidua.org.models.role import Role


def _day_input() -> forms.DateInput:
    """dd/mm/yyyy typed as text: Wagtail's date widget needs an inline script, which the CSP
    forbids outside its own form views."""
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
    )


class TransferForm(forms.Form):
    to = forms.ModelChoiceField(
        label=gettext_lazy("Chuyển đến đơn vị"), queryset=Agency.objects.none()
    )
    on = forms.DateField(label=gettext_lazy("Từ ngày"), widget=_day_input(), initial=dt.date.today)
    position = forms.CharField(label=gettext_lazy("Chức vụ mới"), required=False, max_length=150)


class AccountForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Tên đăng nhập"), max_length=150)
    role = forms.ChoiceField(
        label=gettext_lazy("Vai trò tại đơn vị của cán bộ"), initial=Role.STAFF
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=gettext_lazy("Sáp nhập vào"), queryset=Agency.objects.none()
    )
    on = forms.DateField(
        label=gettext_lazy("Ngày cơ quan kế thừa tiếp nhận"),
        widget=_day_input(),
        help_text=gettext_lazy("Cơ quan này hết hiệu lực từ ngày liền trước."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Tôi hiểu: cơ quan này sẽ chỉ còn để tra cứu và không thể hoàn tác."),
    )


def _render(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    """The shared page of these operations: title, subtitle, icon, submit, back, warning."""
    return render(request, "org/actions/form.html", {"form": form, **context})


@login_required
def person_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(queries.people_visible_to(request.user), pk=pk)
    scope = queries.user_scope(request.user)
    if not perms.can_manage_people_of(scope, person.agency.path):
        raise PermissionDenied
    form = TransferForm(request.POST or None, initial={"position": person.position})
    form.fields["to"].queryset = queries.agencies_managed_by(request.user).exclude(
        pk=person.agency_id
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_transfer(
                person,
                actor=request.user,
                to=data["to"],
                on=data["on"],
                position=data["position"] or None,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã điều chuyển %(name)s đến %(to)s.")
                % {"name": person.full_name, "to": data["to"].name},
            )
            return redirect(reverse("people:index"))
    return _render(
        request,
        form,
        title=_("Điều chuyển cán bộ"),
        subtitle=person.full_name,
        icon="user",
        submit=_("Điều chuyển"),
        back=reverse("people:index"),
    )


@login_required
def account_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(queries.people_visible_to(request.user), pk=pk)
    scope = queries.user_scope(request.user)
    if not perms.can_manage_people_of(scope, person.agency.path):
        raise PermissionDenied
    initial = {"username": services.suggest_username(person.full_name), "role": Role.STAFF}
    form = AccountForm(request.POST or None, initial=initial)
    form.fields["role"].choices = [
        (value, label)
        for value, label in Role.choices
        if perms.can_manage_roles_at(scope, person.agency.path, value)
    ]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.account_create(
                person, actor=request.user, username=data["username"], role=data["role"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tạo tài khoản %(username)s và gửi đường dẫn đặt mật khẩu đến %(email)s.")
                % {"username": user.get_username(), "email": user.email},
            )
            return redirect(reverse("people:index"))
    return _render(
        request,
        form,
        title=_("Tạo tài khoản"),
        subtitle=person.full_name,
        icon="key",
        submit=_("Tạo tài khoản và gửi thư"),
        back=reverse("people:index"),
        warning=_(
            "Tài khoản được tạo chưa có mật khẩu; cán bộ nhận thư tại %(email)s để tự đặt mật khẩu."
        )
        % {"email": person.email or _("(chưa có thư điện tử)")},
    )


@login_required
def agency_merge(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(queries.agencies_visible_to(request.user), pk=pk)
    if not perms.can_merge_agencies(queries.user_scope(request.user)):
        raise PermissionDenied
    if agency.is_read_only:
        raise Http404
    form = MergeForm(request.POST or None)
    form.fields["into"].queryset = queries.agencies_managed_by(request.user).exclude(
        path__startswith=agency.path
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agency_merge(agency, into=data["into"], on=data["on"], actor=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã sáp nhập %(name)s vào %(into)s.")
                % {"name": agency.name, "into": data["into"].name},
            )
            return redirect(reverse("agencies:index"))
    return _render(
        request,
        form,
        title=_("Sáp nhập cơ quan"),
        subtitle=agency.name,
        icon="site",
        submit=_("Sáp nhập"),
        back=reverse("agencies:index"),
        warning=_(
            "Cán bộ, vai trò, các đơn vị trực thuộc và công việc đang làm sẽ chuyển sang "
            "cơ quan kế thừa; cơ quan này giữ nguyên tên trên các văn bản đã ban hành."
        ),
    )


def person_buttons(user: Any, person: Person) -> list[tuple[str, str, str]]:
    """Extra actions on a person's row: (label, url, icon)."""
    scope = queries.user_scope(user)
    if not person.is_active or person.agency.is_read_only:
        return []
    if not perms.can_manage_people_of(scope, person.agency.path):
        return []
    buttons = [(_("Điều chuyển"), reverse("org:person_transfer", args=[person.pk]), "arrow-right")]
    if person.user_id is None:
        buttons.append((_("Tạo tài khoản"), reverse("org:account_create", args=[person.pk]), "key"))
    return buttons


def agency_buttons(user: Any, agency: Agency) -> list[tuple[str, str, str]]:
    if not agency.is_read_only and perms.can_merge_agencies(queries.user_scope(user)):
        return [(_("Sáp nhập"), reverse("org:agency_merge", args=[agency.pk]), "resubmit")]
    return []
