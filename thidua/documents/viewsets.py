"""Back office of the document registry: list (filtered, searched in the full text without
diacritics), edit, publish on the portal (scoped). Adding goes through the two-step registration
from a file (views/registry.py); each row links to the document's page and dissemination."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column

from thidua.core.viewsets import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedModelViewSet,
    ScopedPermissionPolicy,
)
from thidua.documents import library, queries
from thidua.documents.models import Document
from thidua.documents.permissions import DISSEMINATORS
from thidua.org import queries as org_queries

EDIT_FIELDS = ("direction", *library.DOCUMENT_FIELDS)
FORM_FIELDS = ["agency", *EDIT_FIELDS]


class DocumentForm(WagtailAdminModelForm):
    class Meta:
        model = Document
        fields = FORM_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = queries.agencies_for_library(self.for_user)
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
    """A document enters the registry from its file: upload, check what was read, save."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect("documents:register")

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect("documents:register")


class DocumentIndexView(ScopedIndexView):
    row_actions = staticmethod(lambda user, document: _row_actions(user, document))

    def get_base_queryset(self) -> Any:
        # The list never shows a document's text: leave the long columns in the database.
        return super().get_base_queryset().defer("full_text", "search_text")

    def get_add_url(self) -> str | None:
        if queries.agencies_for_library(self.request.user).exists():
            return reverse("documents:register")
        return None


def _row_actions(user: Any, document: Document) -> list[tuple[str, str, str]]:
    actions = [
        (gettext_now("Xem văn bản"), reverse("documents:detail", args=[document.pk]), "view"),
    ]
    scope = org_queries.user_scope(user)
    if scope.is_province_admin or scope.paths_with(DISSEMINATORS):
        actions.append(
            (
                gettext_now("Phổ biến"),
                reverse("documents:disseminate", args=[document.pk]),
                "mail",
            )
        )
    return actions


class DocumentEditView(ScopedEditView):
    def save_instance(self) -> Document:
        data = self.form.cleaned_data
        fields = {name: data[name] for name in EDIT_FIELDS if name in data}
        if "file" in fields and fields["file"] in (None, False):
            fields.pop("file")
        return library.document_update(self.object, actor=self.request.user, **fields)


class PublishedColumn(Column):
    def get_value(self, instance: Document) -> str:
        return str(_("Công khai")) if instance.published else str(_("Chưa công khai"))


class DirectionColumn(Column):
    def get_value(self, instance: Document) -> str:
        return str(instance.get_direction_display())


class DocumentViewSet(ScopedModelViewSet):
    model = Document
    icon = "doc-full-inverse"
    menu_label = _("Sổ văn bản")
    add_to_admin_menu = False
    url_prefix = "documents/library"
    name = "library"
    form_class = DocumentForm
    index_view_class = DocumentIndexView
    add_view_class = DocumentCreateView
    edit_view_class = DocumentEditView
    list_filter = ["direction", "doc_type", "published"]
    list_display = [
        "number_symbol",
        "summary",
        "issuer",
        DayColumn("date", label=_("Ngày ban hành")),
        DirectionColumn("direction", label=_("Đến/đi")),
        PublishedColumn("published", label=_("Công khai")),
    ]
    inspect_view_fields = [
        "direction",
        "doc_type",
        "number_symbol",
        "issuer",
        "date",
        "effective_date",
        "summary",
        "published",
        "published_at",
    ]
