"""The movements listing in the back office (search, filters, pagination, export); create and
edit go through the services; the movement's own page is the cascade view (views/cascade.py)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn

from thidua.core.forms import QuickSelect
from thidua.core.viewsets import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedModelViewSet,
    ScopedPermissionPolicy,
)
from thidua.movements import permissions as perms
from thidua.movements import queries, services
from thidua.movements.models import Movement, Participation
from thidua.movements.services.movements import MOVEMENT_FIELDS
from thidua.org.models import Agency
from thidua.org.queries import agencies_managed_by, agencies_visible_to, user_scope

FORM_FIELDS = [
    "name",
    "slogan",
    "kind",
    "scope",
    "launched_by",
    "outside_launcher",
    "launch_document",
    "plan_link",
    "start_date",
    "end_date",
    "goals",
    "targets",
    "criteria",
    "asks_registration",
    "participants_mode",
    "participants_root",
    "registration_due",
    "interim_due",
    "final_due",
    "is_public",
]


class MovementForm(WagtailAdminModelForm):
    participant_agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan tham gia"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Với “các cơ quan được chọn”: đánh dấu các cơ quan tham gia phong trào."),
    )

    plan_link = forms.URLField(
        label=_("Liên kết kế hoạch"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Movement
        fields = FORM_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        launchers = agencies_managed_by(user).order_by("path")
        self.fields["launched_by"].queryset = launchers
        visible = agencies_visible_to(user).filter(successor__isnull=True)
        self.fields["participants_root"].queryset = visible
        self.fields["participant_agencies"].queryset = visible.exclude(
            kind=Agency.Kind.PROVINCE
        ).order_by("path")
        if self.instance.pk:
            self.fields["launched_by"].disabled = True
            if self.instance.status != Movement.Status.DRAFT:
                for name in ("participant_agencies", "participants_mode", "participants_root"):
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "Phong trào đã phát động: danh sách cơ quan tham gia không đổi được."
                    )
            self.initial["participant_agencies"] = list(
                Participation.objects.filter(movement=self.instance).values_list(
                    "agency_id", flat=True
                )
            )


def _fields(form: Any) -> dict[str, Any]:
    return {k: form.cleaned_data[k] for k in MOVEMENT_FIELDS if k in form.cleaned_data}


class MovementCreateView(ScopedCreateView):
    def save_instance(self) -> Movement:
        data = self.form.cleaned_data
        return services.movement_create(
            actor=self.request.user,
            launched_by=data["launched_by"],
            participants=list(data.get("participant_agencies") or []),
            **_fields(self.form),
        )

    def get_success_url(self) -> str:
        return reverse("movements:cascade", args=[self.object.pk])


class MovementEditView(ScopedEditView):
    def save_instance(self) -> Movement:
        participants = (
            list(self.form.cleaned_data.get("participant_agencies") or [])
            if self.object.status == Movement.Status.DRAFT
            else None
        )
        return services.movement_update(
            self.object, actor=self.request.user, participants=participants, **_fields(self.form)
        )

    def get_success_url(self) -> str:
        return reverse("movements:cascade", args=[self.object.pk])


class MovementFilterSet(WagtailFilterSet):
    launched_by = django_filters.ModelChoiceFilter(
        label=_("Cơ quan phát động"),
        queryset=lambda request: (
            agencies_visible_to(request.user).select_related(None).only("name", "path", "depth")
            if request
            else Agency.objects.none()
        ),
        widget=QuickSelect,
    )

    class Meta:
        model = Movement
        fields = ["kind", "status", "phase", "launched_by"]


class MovementPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.movements_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = user_scope(user)
        if action == "view":
            return scope.has_any_role
        if action in {"add", "change"}:
            return scope.is_province_admin or bool(scope.paths_with(perms.MOVEMENT_MANAGERS))
        return False  # movements are closed, never deleted

    def can_for(self, user: Any, action: str, instance: Movement) -> bool:
        scope = user_scope(user)
        if action == "view":
            return True
        if action == "change":
            return instance.status != Movement.Status.CLOSED and perms.can_manage_movements_of(
                scope, instance.launched_by.path
            )
        return False

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        if action == "change":
            return queryset.filter(pk__in=queries.movements_managed_by(user).values("pk")).exclude(
                status=Movement.Status.CLOSED
            )
        return queryset.none()


class CascadeTitleColumn(TitleColumn):
    def get_link_url(self, instance: Movement, parent_context: Any) -> str:
        return reverse("movements:cascade", args=[instance.pk])


class MovementViewSet(ScopedModelViewSet):
    model = Movement
    form_class = MovementForm
    add_view_class = MovementCreateView
    edit_view_class = MovementEditView
    icon = "pick"
    menu_label = _("Phong trào thi đua")
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "phong-trao"
    name = "movement"
    inspect_view_enabled = False
    list_display = [
        CascadeTitleColumn("name", label=_("Tên phong trào")),
        "kind",
        Column("launcher_label", label=_("Cấp phát động")),
        DayColumn("start_date", label=_("Từ ngày")),
        DayColumn("end_date", label=_("Đến ngày")),
        "phase",
        "status",
    ]
    filterset_class = MovementFilterSet
    list_export = [
        "name",
        "slogan",
        "kind",
        "scope",
        "launcher_label",
        "launch_document",
        "start_date",
        "end_date",
        "phase",
        "status",
    ]
    export_filename = "phong-trao-thi-dua"
