"""Back-office screens for exemplars and their fields (thin: reads via queries.py, writes via
services, permissions via permissions.py)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ViewSetGroup

from thidua.core.forms import QuickSelect
from thidua.core.viewsets import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedModelViewSet,
    ScopedPermissionPolicy,
)
from thidua.exemplars import permissions as perms
from thidua.exemplars import queries, services
from thidua.exemplars.models import Coverage, Exemplar, ExemplarField, Kind, Stage
from thidua.org import queries as org_queries
from thidua.org.models import Agency

# --- Forms ----------------------------------------------------------------------------------


class ExemplarForm(WagtailAdminModelForm):
    class Meta:
        model = Exemplar
        fields = [
            "subject_kind",
            "person",
            "collective",
            "name",
            "kind",
            "field",
            "unit",
            "summary",
            "achievements",
            "discovered_on",
            "image",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["name"].required = False
        self.fields["unit"].queryset = queries.units_for_new_exemplars(user)
        self.fields["unit"].help_text = _("Đơn vị phát hiện, đề xuất và chịu trách nhiệm theo dõi.")
        self.fields["person"].queryset = org_queries.people_visible_to(user).filter(is_active=True)
        self.fields["person"].help_text = _("Với điển hình cá nhân: chọn cán bộ trong danh sách.")
        self.fields["collective"].queryset = org_queries.agencies_visible_to(user)
        self.fields["collective"].help_text = _("Với điển hình tập thể: chọn cơ quan, đơn vị.")
        self.fields["field"].queryset = queries.fields_visible_to(user).filter(is_active=True)
        self.fields["field"].help_text = _(
            "Lĩnh vực và tiêu chí do Văn phòng cấu hình (mục “Lĩnh vực điển hình”)."
        )
        if self.instance.pk:
            # An exemplar stays with the unit that proposed it.
            self.fields["unit"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("subject_kind") == "person" and not data.get("person") and not data.get("name"):
            self.add_error("person", _("Chọn cán bộ, hoặc nhập tên điển hình cá nhân."))
        if (
            data.get("subject_kind") == "collective"
            and not data.get("collective")
            and not data.get("name")
        ):
            self.add_error("collective", _("Chọn tập thể, hoặc nhập tên điển hình tập thể."))
        return data


class FieldForm(WagtailAdminModelForm):
    class Meta:
        model = ExemplarField
        fields = ["agency", "name", "description", "criteria", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = org_queries.user_scope(self.for_user)
        agency = self.fields["agency"]
        agency.queryset = Agency.objects.filter(
            pk__in=org_queries.agencies_managed_by(self.for_user).values("pk")
        )
        if not scope.is_province_admin:
            agency.required = True
            agency.help_text = _("Cơ quan sử dụng lĩnh vực này (các đơn vị trực thuộc dùng chung).")
        if self.instance.pk:
            agency.disabled = True
        self.fields["criteria"].widget = forms.Textarea(attrs={"rows": 6})


# --- Filters --------------------------------------------------------------------------------


def _visible_units(request: Any) -> Any:
    if not request:
        return Agency.objects.none()
    return (
        org_queries.agencies_visible_to(request.user)
        .select_related(None)
        .only("name", "path", "depth")
        .order_by("path")
    )


def _visible_fields(request: Any) -> Any:
    return queries.fields_visible_to(request.user) if request else ExemplarField.objects.none()


class ExemplarFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(label=_("Giai đoạn"), choices=Stage.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Kind.choices)
    field = django_filters.ModelChoiceFilter(label=_("Lĩnh vực"), queryset=_visible_fields)
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=_visible_units, method="filter_unit", widget=QuickSelect
    )
    approved_for_publication = django_filters.BooleanFilter(label=_("Được phép công bố"))
    # Used by the reports' links (the records behind a figure): found in a period, covered or not.
    discovered_from = django_filters.DateFilter(
        label=_("Phát hiện từ ngày"), field_name="discovered_on", lookup_expr="gte"
    )
    discovered_to = django_filters.DateFilter(
        label=_("Phát hiện đến ngày"), field_name="discovered_on", lookup_expr="lte"
    )
    covered = django_filters.BooleanFilter(label=_("Đã được tuyên truyền"), method="filter_covered")

    class Meta:
        model = Exemplar
        fields = ["stage", "kind", "field", "unit", "approved_for_publication"]

    def filter_covered(self, queryset: Any, name: str, value: bool | None) -> Any:
        if value is None:
            return queryset
        has = Exists(Coverage.objects.filter(exemplar=OuterRef("pk")))
        return queryset.filter(has if value else ~has)

    def filter_unit(self, queryset: Any, name: str, value: Agency) -> Any:
        """A unit includes the exemplars of the units under it."""
        return queryset.filter(unit__path__startswith=value.path) if value else queryset


# --- Permission policies --------------------------------------------------------------------


class ExemplarPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.exemplars_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = org_queries.user_scope(user)
        if action == "view":
            return perms.can_view_exemplars(scope)
        if action in {"add", "change"}:
            return perms.can_create_exemplars(scope)
        return False  # exemplars are dropped with a reason, never deleted

    def can_for(self, user: Any, action: str, instance: Exemplar) -> bool:
        scope = org_queries.user_scope(user)
        if action == "view":
            return perms.can_view_exemplar(scope, instance.unit.path)
        if action == "change":
            return not instance.unit.is_read_only and perms.can_manage_exemplar(
                scope, instance.unit.path
            )
        return False

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        if action == "change":
            return queryset.filter(pk__in=queries.exemplars_managed_by(user).values("pk"))
        return queryset.none()


class FieldPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.fields_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = org_queries.user_scope(user)
        if action == "view":
            return perms.can_view_exemplars(scope)
        if action in {"add", "change"}:
            return scope.is_province_admin or bool(scope.paths_with(perms.FIELD_MANAGERS))
        return False

    def can_for(self, user: Any, action: str, instance: ExemplarField) -> bool:
        scope = org_queries.user_scope(user)
        if action == "view":
            return True
        if action == "change":
            return perms.can_manage_fields_of(
                scope, instance.agency.path if instance.agency_id else None
            )
        return False

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        if action == "change":
            return queryset.filter(pk__in=queries.fields_managed_by(user).values("pk"))
        return queryset.none()


# --- Views that call services ---------------------------------------------------------------


def _fields(form: Any, names: set[str]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


class ExemplarCreateView(ScopedCreateView):
    def save_instance(self) -> Exemplar:
        data = self.form.cleaned_data
        fields = _fields(self.form, services.EXEMPLAR_FIELDS - {"field"})
        return services.exemplar_create(
            actor=self.request.user, unit=data["unit"], field=data["field"], **fields
        )

    def get_success_url(self) -> str:
        return reverse("exemplars:inspect", args=[self.object.pk])


class ExemplarEditView(ScopedEditView):
    def save_instance(self) -> Exemplar:
        return services.exemplar_update(
            self.object, actor=self.request.user, **_fields(self.form, services.EXEMPLAR_FIELDS)
        )


class FieldCreateView(ScopedCreateView):
    def save_instance(self) -> ExemplarField:
        return services.field_create(
            actor=self.request.user,
            agency=self.form.cleaned_data.get("agency"),
            **_fields(self.form, services.FIELD_FIELDS),
        )


class FieldEditView(ScopedEditView):
    def save_instance(self) -> ExemplarField:
        return services.field_update(
            self.object, actor=self.request.user, **_fields(self.form, services.FIELD_FIELDS)
        )


class ExemplarIndexView(ScopedModelViewSet.index_view_class):
    def get_base_queryset(self) -> Any:
        return queries.with_coverage_total(super().get_base_queryset())


class ExemplarInspectView(ScopedModelViewSet.inspect_view_class):
    """The exemplar's file: fields, nurturing plan, evidence, the actions the user may take,
    and the timeline of stage changes, log, replications and coverage."""

    template_name = "exemplars/exemplar_inspect.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from thidua.exemplars.views.detail import detail_context

        context = super().get_context_data(**kwargs)
        context.update(detail_context(self.request, self.object))
        return context


# --- Viewsets -------------------------------------------------------------------------------


class ExemplarViewSet(ScopedModelViewSet):
    model = Exemplar
    form_class = ExemplarForm
    index_view_class = ExemplarIndexView
    inspect_view_class = ExemplarInspectView
    add_view_class = ExemplarCreateView
    edit_view_class = ExemplarEditView
    icon = "pick"
    menu_label = _("Điển hình")
    url_prefix = "exemplars"
    name = "exemplars"
    list_display = [
        "name",
        "kind",
        "field",
        "unit",
        "stage",
        Column("coverage_total", label=_("Lượt tuyên truyền")),
        DayColumn("discovered_on", label=_("Ngày phát hiện")),
    ]
    filterset_class = ExemplarFilterSet
    list_export = [
        "name",
        "subject_kind",
        "kind",
        "field",
        "unit",
        "stage",
        "summary",
        "achievements",
        "discovered_on",
        "recognition_level",
        "recognition_decision_number",
        "recognition_decision_date",
        "recognition_title",
        "approved_for_publication",
        "coverage_total",
    ]
    export_headings = {"coverage_total": _("Lượt tuyên truyền")}
    export_filename = "dien-hinh"
    list_per_page = 50
    # The linked person or collective shows in the template, only when there is one.
    inspect_view_fields = [
        "name",
        "subject_kind",
        "kind",
        # "field" is shown by the template: Wagtail's inspect view would take the name for its
        # own get_field_display_value method.
        "unit",
        "summary",
        "achievements",
        "discovered_on",
    ]


class FieldViewSet(ScopedModelViewSet):
    model = ExemplarField
    form_class = FieldForm
    add_view_class = FieldCreateView
    edit_view_class = FieldEditView
    icon = "tag"
    menu_label = _("Lĩnh vực điển hình")
    url_prefix = "exemplars/fields"
    name = "exemplar_fields"
    list_display = ["name", "agency", "is_active"]
    list_filter = ["is_active"]
    list_export = ["name", "agency", "description", "criteria", "is_active"]
    export_filename = "linh-vuc-dien-hinh"
    inspect_view_fields = ["name", "agency", "description", "criteria", "is_active"]


class ExemplarViewSetGroup(ViewSetGroup):
    menu_label = _("Điển hình tiên tiến")
    menu_icon = "pick"
    menu_order = 300
    items = (ExemplarViewSet, FieldViewSet)
