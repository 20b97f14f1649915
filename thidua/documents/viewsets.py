"""Back office of the document library: list, add, edit, publish on the portal (scoped).

Issue 8 extends this viewset into the full registry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup

from thidua.core.viewsets import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedModelViewSet,
    ScopedPermissionPolicy,
)
from thidua.documents import library
from thidua.documents.models import Document
from thidua.org import queries as org_queries

FORM_FIELDS = ["agency", *library.DOCUMENT_FIELDS]


class DocumentForm(WagtailAdminModelForm):
    class Meta:
        model = Document
        fields = FORM_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = library.agencies_for_library(self.for_user)
        if self.instance.pk:
            self.fields["agency"].disabled = True


class DocumentPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(library.documents_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = org_queries.user_scope(user)
        if action == "view":
            return scope.has_any_role
        if action in {"add", "change"}:
            return scope.is_province_admin or bool(scope.paths_with(library.LIBRARY_MANAGERS))
        return False  # documents are unpublished, never deleted

    def can_for(self, user: Any, action: str, instance: Document) -> bool:
        if action == "view":
            return True
        if action == "change":
            return library.can_manage_library_of(user, instance.agency.path)
        return False

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        if action == "change":
            return queryset.filter(pk__in=library.documents_managed_by(user).values("pk"))
        return queryset.none()


class DocumentCreateView(ScopedCreateView):
    def save_instance(self) -> Document:
        data = self.form.cleaned_data
        return library.document_create(
            actor=self.request.user,
            agency=data["agency"],
            **{name: data[name] for name in library.DOCUMENT_FIELDS if name in data},
        )


class DocumentEditView(ScopedEditView):
    def save_instance(self) -> Document:
        data = self.form.cleaned_data
        fields = {name: data[name] for name in library.DOCUMENT_FIELDS if name in data}
        if "file" in fields and fields["file"] in (None, False):
            fields.pop("file")
        return library.document_update(self.object, actor=self.request.user, **fields)


class PublishedColumn(Column):
    def get_value(self, instance: Document) -> str:
        return str(_("Công khai")) if instance.published else str(_("Chưa công khai"))


class DocumentViewSet(ScopedModelViewSet):
    model = Document
    icon = "doc-full-inverse"
    menu_label = _("Thư viện văn bản")
    add_to_admin_menu = False
    url_prefix = "documents/library"
    name = "library"
    form_class = DocumentForm
    add_view_class = DocumentCreateView
    edit_view_class = DocumentEditView
    list_filter = ["doc_type", "published"]
    list_display = [
        "number_symbol",
        "summary",
        "issuer",
        DayColumn("date", label=_("Ngày ban hành")),
        PublishedColumn("published", label=_("Công khai")),
    ]
    inspect_view_fields = [
        "doc_type",
        "number_symbol",
        "issuer",
        "date",
        "effective_date",
        "summary",
        "published",
        "published_at",
    ]


class DocumentsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Văn bản")
    menu_icon = "doc-full"
    menu_order = 400
    items = (DocumentViewSet,)
