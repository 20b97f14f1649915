"""Back-office screens for agencies, people, roles and blocs (thin: reads via queries.py,
writes via services, permissions via permissions.py)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ViewSetGroup

from thidua.core.forms import QuickSelect
from thidua.core.viewsets import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedModelViewSet,
    ScopedPermissionPolicy,
)
from thidua.org import permissions as perms
from thidua.org import queries, services
from thidua.org.models import Agency, Bloc, BlocMembership, BlocTerm, Person, RoleAssignment
from thidua.org.models.role import Role
from thidua.org.services.agencies import AGENCY_FIELDS
from thidua.org.services.blocs import BLOC_FIELDS
from thidua.org.services.people import PERSON_FIELDS
from thidua.org.views import actions

# --- Forms: foreign-key choices limited to what the user may see --------------------------


class ScopedForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Agency:
                field.queryset = (
                    queries.agencies_managed_by(user)
                    if name in {"agency", "parent"}
                    else queries.agencies_visible_to(user)
                )


class AgencyForm(ScopedForm):
    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "symbol",
            "kind",
            "parent",
            "valid_from",
            "valid_to",
            "address",
            "phone",
            "email",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        if self.instance.pk:
            # The current parent stays selectable even when the user does not manage it (the
            # Office editing its own department), and nothing moves under its own subtree.
            parent.queryset = (
                parent.queryset | Agency.objects.filter(pk=self.instance.parent_id)
            ).exclude(path__startswith=self.instance.path)
        if not queries.user_scope(self.for_user).is_province_admin:
            # Only the province admin creates top-level agencies.
            parent.required = True
            parent.help_text = _("Đơn vị mới được đặt dưới cơ quan bạn quản lý.")


class PersonForm(ScopedForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "gender",
            "date_of_birth",
            "id_number",
            "position",
            "agency",
            "email",
            "phone",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Moving someone to another unit is a transfer with dates, not an edit.
            self.fields["agency"].disabled = True


class RoleAssignmentForm(ScopedForm):
    class Meta:
        model = RoleAssignment
        fields = ["user", "agency", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible_people = queries.people_visible_to(self.for_user).exclude(user__isnull=True)
        self.fields["user"].queryset = (
            self.fields["user"]
            .queryset.filter(pk__in=visible_people.values("user_id"))
            .select_related("person")
            .order_by("person__sort_name")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.person.full_name} ({u.get_username()})"
            if hasattr(u, "person")
            else u.get_username()
        )
        if not queries.user_scope(self.for_user).is_province_admin:
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.PROVINCE_ADMIN]


# --- Filters --------------------------------------------------------------------------------


def _visible_agencies(request: Any) -> Any:
    """The agency filters' choices: every visible agency, only what the options and the filters
    read (a province lists hundreds)."""
    if not request:
        return Agency.objects.none()
    return (
        queries.agencies_visible_to(request.user)
        .select_related(None)
        .only("name", "path", "depth")
        .order_by("path")
    )


class PersonFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label=_("Cơ quan, đơn vị"),
        queryset=_visible_agencies,
        method="filter_agency",
        widget=QuickSelect,
    )

    class Meta:
        model = Person
        fields = ["agency", "gender", "is_active"]

    def filter_agency(self, queryset: Any, name: str, value: Agency) -> Any:
        """A unit includes everyone in the units under it."""
        return queryset.filter(agency__path__startswith=value.path) if value else queryset


class RoleFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label=_("Cơ quan, đơn vị"), queryset=_visible_agencies, widget=QuickSelect
    )

    class Meta:
        model = RoleAssignment
        fields = ["role", "agency"]


class AgencyFilterSet(WagtailFilterSet):
    parent = django_filters.ModelChoiceFilter(
        label=_("Cơ quan cấp trên"), queryset=_visible_agencies, widget=QuickSelect
    )
    merged = django_filters.BooleanFilter(
        label=_("Đã sáp nhập"), field_name="successor", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Agency
        fields = ["kind", "parent"]


# --- Permission policies --------------------------------------------------------------------


class AgencyPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.agencies_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = queries.user_scope(user)
        if action == "view":
            return scope.has_any_role
        if action == "add":
            return scope.is_province_admin or bool(scope.paths_with(perms.ORG_MANAGERS))
        if action == "change":
            return scope.is_province_admin or bool(scope.paths_with(perms.ORG_MANAGERS))
        return False  # agencies are merged or closed, never deleted

    def can_for(self, user: Any, action: str, instance: Agency) -> bool:
        scope = queries.user_scope(user)
        if action == "view":
            return perms.can_view_agency(scope, instance.path)
        if action == "change":
            return not instance.is_read_only and perms.can_manage_agency(scope, instance.path)
        return False

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        if action == "change":
            return queryset.filter(pk__in=queries.agencies_managed_by(user).values("pk"))
        return queryset.none()


class PersonPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.people_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = queries.user_scope(user)
        if action == "view":
            return scope.is_province_admin or bool(scope.paths_with(perms.PEOPLE_READERS))
        if action in {"add", "change"}:
            return scope.is_province_admin or bool(scope.paths_with(perms.ORG_MANAGERS))
        return False  # people leave (is_active off); their records stay

    def can_for(self, user: Any, action: str, instance: Person) -> bool:
        scope = queries.user_scope(user)
        if action == "view":
            return perms.can_view_person(scope, instance.agency.path, instance.pk)
        if action == "change":
            return not instance.agency.is_read_only and perms.can_manage_people_of(
                scope, instance.agency.path
            )
        return False

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        if action == "change":
            return queryset.filter(agency__in=queries.agencies_managed_by(user))
        return queryset.none()


class RolePolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.roles_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = queries.user_scope(user)
        if action == "view":
            return scope.is_province_admin or bool(
                scope.paths_with(perms.ORG_MANAGERS | {Role.LEADERSHIP})
            )
        if action in {"add", "delete"}:
            return scope.is_province_admin or bool(scope.paths_with(perms.ORG_MANAGERS))
        return False  # a role is granted or revoked, not edited

    def can_for(self, user: Any, action: str, instance: RoleAssignment) -> bool:
        scope = queries.user_scope(user)
        if action == "view":
            return instance.user_id == user.pk or perms.can_view_roles_at(
                scope, instance.agency.path
            )
        if action == "delete":
            return perms.can_manage_roles_at(scope, instance.agency.path, instance.role)
        return False

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        if action != "delete":
            return queryset.none()
        managed = queryset.filter(agency__in=queries.agencies_managed_by(user))
        if queries.user_scope(user).is_province_admin:
            return managed
        return managed.exclude(role=Role.PROVINCE_ADMIN)


class BlocPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.blocs_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = queries.user_scope(user)
        if action == "view":
            return scope.has_any_role
        return action in {"add", "change"} and perms.can_manage_blocs(scope)

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        allowed = action == "change" and perms.can_manage_blocs(queries.user_scope(user))
        return queryset if allowed else queryset.none()


def _bloc_part_queryset(model: type, *related: str) -> Any:
    """Rows of a bloc part the user may see, with the bloc and the agencies the list shows."""

    def scoped(user: Any) -> Any:
        return model.objects.filter(bloc__in=queries.blocs_visible_to(user)).select_related(
            "bloc", *related
        )

    return staticmethod(scoped)


class BlocMembershipPolicy(BlocPolicy):
    scoped_queryset = _bloc_part_queryset(BlocMembership, "agency")


class BlocTermPolicy(BlocPolicy):
    scoped_queryset = _bloc_part_queryset(BlocTerm, "leader", "deputy")


# --- Views that call services ---------------------------------------------------------------


def _fields(form: Any, names: set[str] | list[str]) -> dict[str, Any]:
    """The cleaned values of the service's editable fields that this form has."""
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


class AgencyCreateView(ScopedCreateView):
    def save_instance(self) -> Agency:
        return services.agency_create(
            actor=self.request.user,
            parent=self.form.cleaned_data.get("parent"),
            **_fields(self.form, AGENCY_FIELDS),
        )


class AgencyEditView(ScopedEditView):
    def save_instance(self) -> Agency:
        return services.agency_update(
            self.object,
            actor=self.request.user,
            parent=self.form.cleaned_data.get("parent"),
            **_fields(self.form, AGENCY_FIELDS),
        )


class PersonCreateView(ScopedCreateView):
    def save_instance(self) -> Person:
        return services.person_create(
            actor=self.request.user,
            agency=self.form.cleaned_data["agency"],
            **_fields(self.form, PERSON_FIELDS),
        )


class PersonEditView(ScopedEditView):
    def save_instance(self) -> Person:
        return services.person_update(
            self.object, actor=self.request.user, **_fields(self.form, PERSON_FIELDS)
        )


class RoleCreateView(ScopedCreateView):
    def save_instance(self) -> RoleAssignment:
        data = self.form.cleaned_data
        return services.role_grant(
            actor=self.request.user, user=data["user"], agency=data["agency"], role=data["role"]
        )


class RoleDeleteView(ScopedModelViewSet.delete_view_class):
    def delete_action(self) -> None:
        services.role_revoke(self.object, actor=self.request.user)


class BlocCreateView(ScopedCreateView):
    def save_instance(self) -> Bloc:
        return services.bloc_create(actor=self.request.user, **_fields(self.form, BLOC_FIELDS))


class BlocEditView(ScopedEditView):
    def save_instance(self) -> Bloc:
        return services.bloc_update(
            self.object,
            actor=self.request.user,
            **_fields(self.form, BLOC_FIELDS),
        )


class BlocMembershipCreateView(ScopedCreateView):
    def save_instance(self) -> BlocMembership:
        data = self.form.cleaned_data
        return services.bloc_set_member(
            data["bloc"],
            actor=self.request.user,
            agency=data["agency"],
            since_year=data["since_year"],
            until_year=data.get("until_year"),
        )


class BlocMembershipEditView(ScopedEditView):
    save_instance = BlocMembershipCreateView.save_instance


class BlocTermCreateView(ScopedCreateView):
    def save_instance(self) -> BlocTerm:
        data = self.form.cleaned_data
        return services.bloc_set_term(
            data["bloc"],
            actor=self.request.user,
            year=data["year"],
            leader=data["leader"],
            deputy=data.get("deputy"),
        )


class BlocTermEditView(ScopedEditView):
    save_instance = BlocTermCreateView.save_instance


class AgencyIndexView(ScopedModelViewSet.index_view_class):
    row_actions = staticmethod(actions.agency_buttons)

    def _get_title_column(
        self, field_name: str, column_class: Any = TitleColumn, **kwargs: Any
    ) -> Any:
        """Names indented by their depth in the tree (the list is ordered by tree path)."""
        if field_name == "name":
            kwargs["accessor"] = lambda agency: f"{'— ' * agency.depth}{agency.name}"
        return super()._get_title_column(field_name, column_class, **kwargs)


class PersonIndexView(ScopedModelViewSet.index_view_class):
    row_actions = staticmethod(actions.person_buttons)

    def _get_title_column(
        self, field_name: str, column_class: Any = TitleColumn, **kwargs: Any
    ) -> Any:
        """Sorting by name follows Vietnamese lists: given name first (Person.sort_name)."""
        column = super()._get_title_column(field_name, column_class, **kwargs)
        if field_name == "full_name":
            column.sort_key = "sort_name"
        return column


class PersonInspectView(ScopedModelViewSet.inspect_view_class):
    """The person's fields and their employment history across transfers and mergers."""

    template_name = "org/person_inspect.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["employments"] = self.object.employments.select_related("agency").order_by(
            "-start_date", "-id"
        )
        return context


# --- Viewsets -------------------------------------------------------------------------------


class AgencyViewSet(ScopedModelViewSet):
    model = Agency
    form_class = AgencyForm
    index_view_class = AgencyIndexView
    add_view_class = AgencyCreateView
    edit_view_class = AgencyEditView
    icon = "site"
    menu_label = _("Cơ quan, đơn vị")
    url_prefix = "org/agencies"
    name = "agencies"
    list_display = [
        "name",
        "code",
        Column("symbol", label=_("Ký hiệu")),
        "kind",
        "parent",
        DayColumn("valid_to", label=_("Hiệu lực đến")),
    ]
    filterset_class = AgencyFilterSet
    list_export = [
        "code",
        "name",
        "short_name",
        "symbol",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "successor",
        "address",
        "phone",
        "email",
    ]
    export_filename = "co-quan-don-vi"
    inspect_view_fields = [
        "code",
        "name",
        "short_name",
        "symbol",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "successor",
        "address",
        "phone",
        "email",
    ]


class PersonViewSet(ScopedModelViewSet):
    model = Person
    form_class = PersonForm
    index_view_class = PersonIndexView
    inspect_view_class = PersonInspectView
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    icon = "user"
    menu_label = _("Cán bộ")
    url_prefix = "org/people"
    name = "people"
    list_display = [
        "full_name",
        "position",
        "agency",
        DayColumn("date_of_birth", label=_("Ngày sinh")),
        "gender",
    ]
    filterset_class = PersonFilterSet
    list_export = [
        "full_name",
        "gender",
        "date_of_birth",
        "id_number",
        "position",
        "agency",
        "email",
        "phone",
        "is_active",
    ]
    export_filename = "can-bo"
    list_per_page = 50
    inspect_view_fields = [
        "full_name",
        "gender",
        "date_of_birth",
        "id_number",
        "position",
        "agency",
        "email",
        "phone",
        "is_active",
        "user",
    ]


class RoleViewSet(ScopedModelViewSet):
    model = RoleAssignment
    form_class = RoleAssignmentForm
    add_view_class = RoleCreateView
    delete_view_class = RoleDeleteView
    icon = "key"
    menu_label = _("Vai trò")
    url_prefix = "org/roles"
    name = "roles"
    list_display = ["user", "role", "agency", DayColumn("granted_at", label=_("Ngày giao"))]
    filterset_class = RoleFilterSet
    list_export = ["user", "role", "agency", "granted_at"]
    export_filename = "vai-tro"
    search_fields = ["user__person__search_text"]


class BlocViewSet(ScopedModelViewSet):
    model = Bloc
    form_fields = ["code", "name", "description"]
    add_view_class = BlocCreateView
    edit_view_class = BlocEditView
    icon = "group"
    menu_label = _("Khối thi đua")
    url_prefix = "org/blocs"
    name = "blocs"
    list_display = ["name", "code"]
    list_export = ["code", "name", "description"]
    export_filename = "khoi-thi-dua"


class BlocMembershipViewSet(ScopedModelViewSet):
    model = BlocMembership
    form_fields = ["bloc", "agency", "since_year", "until_year"]
    form_class = ScopedForm
    add_view_class = BlocMembershipCreateView
    edit_view_class = BlocMembershipEditView
    icon = "list-ul"
    menu_label = _("Thành viên khối")
    url_prefix = "org/bloc-members"
    name = "bloc_members"
    list_display = ["agency", "bloc", "since_year", "until_year"]
    list_filter = ["bloc"]
    list_export = ["bloc", "agency", "since_year", "until_year"]
    export_filename = "thanh-vien-khoi"
    search_fields = ["agency__search_text"]


class BlocTermViewSet(ScopedModelViewSet):
    model = BlocTerm
    form_fields = ["bloc", "year", "leader", "deputy"]
    form_class = ScopedForm
    add_view_class = BlocTermCreateView
    edit_view_class = BlocTermEditView
    icon = "date"
    menu_label = _("Khối trưởng, khối phó")
    url_prefix = "org/bloc-terms"
    name = "bloc_terms"
    list_display = ["bloc", "year", "leader", "deputy"]
    list_filter = ["bloc", "year"]
    list_export = ["bloc", "year", "leader", "deputy"]
    export_filename = "khoi-truong-khoi-pho"
    search_fields = ["bloc__search_text"]


class OrgViewSetGroup(ViewSetGroup):
    menu_label = _("Tổ chức")
    menu_icon = "site"
    menu_order = 200
    items = (
        AgencyViewSet,
        PersonViewSet,
        RoleViewSet,
        BlocViewSet,
        BlocMembershipViewSet,
        BlocTermViewSet,
    )
