"""Wagtail admin viewsets whose every view is scoped to what the user may see, and whose writes
go through services.

A viewset names a ``scoped_queryset`` (a function of the user from the app's queries.py) and a
permission policy built from the app's predicates. Objects outside the user's scope answer 404
on every detail URL (edit, delete, history, usage, inspect), so their existence does not leak.
Services raise ``ValidationError`` for bad input: the form shows it instead of a server error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import modelform_factory
from django.http import Http404
from django.utils import timezone
from django.utils.formats import localize, number_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from thidua.core.forms import attach_errors
from thidua.core.search import search
from thidua.core.text import format_date

ScopedQuerySet = Callable[[Any], QuerySet]


class QuickColumn(Column):
    """A plain column whose cells are rendered in Python, with the markup and escaping of
    Wagtail's ``wagtailadmin/tables/cell.html``: a page of 50 rows renders hundreds of cells,
    and one template per cell is most of a list page's time."""

    def render_cell_html(self, instance: Model, parent_context: Any) -> str:
        value = self.get_cell_context_data(instance, parent_context)["value"]
        value = "" if value is None else localize(template_localtime(value))
        classname = format_html(' class="{}"', self.classname) if self.classname else ""
        return format_html("<td{}>{}</td>", classname, value)


class DayColumn(QuickColumn):
    """A date as dd/mm/yyyy (Wagtail's DateColumn shows relative times such as "3 years ago")."""

    def get_value(self, instance: Model) -> str:
        value = super().get_value(instance)
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).date()
        return format_date(value)


class CappedPaginator(WagtailPaginator):
    """Counts at most ``cap`` rows: at province scale, counting every document or proposal in
    scope costs more than reading the page. Beyond the cap the listing says "more than N" and
    pages through the first N rows in the chosen order (filters and search narrow the rest)."""

    cap = 10_000

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        if not isinstance(self.object_list, QuerySet):
            return super().count
        counted = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False

    @cached_property
    def items_count_label(self) -> str:
        if self.count and self.capped:
            return gettext("Hơn %(count)s %(items)s") % {
                "count": number_format(self.cap, force_grouping=True),
                "items": self.verbose_name_plural,
            }
        return super().items_count_label


class ScopedPermissionPolicy(BasePermissionPolicy):
    """Permission policy answering from our predicates instead of Django model permissions.

    Subclasses implement ``can(user, action)`` and ``can_for(user, action, instance)``;
    ``scoped_queryset`` restricts which instances exist for the user at all.
    """

    scoped_queryset: ScopedQuerySet

    def can(self, user: Any, action: str) -> bool:
        raise NotImplementedError

    def can_for(self, user: Any, action: str, instance: Model) -> bool:
        return self.can(user, action)

    def user_has_permission(self, user: Any, action: str) -> bool:
        return bool(user.is_active) and self.can(user, action)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Model) -> bool:
        return bool(user.is_active) and self.can_for(user, action, instance)

    def instances_user_has_permission_for(self, user: Any, action: str) -> QuerySet:
        """In the database, never row by row: everything in scope may be viewed; other actions
        narrow the scoped queryset through ``instances_for(user, action, queryset)``."""
        queryset = type(self).scoped_queryset(user)
        if not user.is_active:
            return queryset.none()
        if action == "view":
            return queryset
        return self.instances_for(user, action, queryset)

    def instances_for(self, user: Any, action: str, queryset: QuerySet) -> QuerySet:
        return queryset.none()

    def users_with_permission(self, action: str) -> QuerySet:
        raise NotImplementedError("Scoped policies do not enumerate users")


class ScopedObjectMixin:
    """Detail views: an object outside the user's scope does not exist (404)."""

    def get_object(self, *args: Any, **kwargs: Any) -> Model:
        obj = super().get_object(*args, **kwargs)  # type: ignore[misc]
        policy = self.permission_policy  # type: ignore[attr-defined]
        if not type(policy).scoped_queryset(self.request.user).filter(pk=obj.pk).exists():  # type: ignore[attr-defined]
            raise Http404
        return obj


class ServiceFormMixin:
    """Create/edit views: the write is one service call; its ValidationError lands on the form."""

    def form_valid(self, form: Any) -> Any:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            attach_errors(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]


class ScopedIndexView(generic.IndexView):
    """Listing restricted to the user's scope, searched without diacritics on ``search_text``.

    ``row_actions(user, instance)`` (set by the viewset) adds (label, url, icon) entries to each
    row's "more" menu, for operations that are not plain edits.
    """

    row_actions: Callable[[Any, Model], list[tuple[str, str, str]]] | None = None
    paginator_class = CappedPaginator

    def get_list_more_buttons(self, instance: Model) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        actions = type(self).row_actions
        for priority, (label, url, icon) in enumerate(
            actions(self.request.user, instance) if actions else []
        ):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=40 + priority))
        return buttons

    def get_base_queryset(self) -> QuerySet:
        return type(self.permission_policy).scoped_queryset(self.request.user)

    @cached_property
    def columns(self) -> list[Any]:
        """Plain columns render their cells in Python (``QuickColumn``)."""
        columns = super().columns
        for column in columns:
            if type(column) is Column:
                column.__class__ = QuickColumn
        return columns

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        if not self.is_searching:
            return queryset
        return search(queryset, self.search_query, field=self.search_fields[0])


class ScopedEditView(ScopedObjectMixin, ServiceFormMixin, generic.EditView):
    pass


class ScopedCreateView(ServiceFormMixin, generic.CreateView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedModelViewSet(ModelViewSet):
    """Base for every domain viewset in the back office."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["search_text"]
    # A WagtailAdminModelForm subclass (gets Wagtail's widgets and ``for_user``); its Meta.fields
    # are used unless the viewset lists ``form_fields``.
    form_class: type[WagtailAdminModelForm] = WagtailAdminModelForm

    def get_form_class(self, for_update: bool = False) -> type[WagtailAdminModelForm]:
        meta = getattr(self.form_class, "Meta", None)
        fields = getattr(self, "form_fields", None) or getattr(meta, "fields", None)
        return modelform_factory(self.model, form=self.form_class, fields=fields)
