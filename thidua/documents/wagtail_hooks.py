from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy

from thidua.documents import queries
from thidua.documents.dashboard import DocumentsToReadPanel
from thidua.documents.models import Document
from thidua.documents.viewsets import DocumentPolicy, DocumentViewSet
from thidua.org.queries import user_scope
from thidua.org.views.search import SearchSection

register_permission_policy(Document, DocumentPolicy(Document))

library_viewset = DocumentViewSet()


@hooks.register("register_admin_viewset")
def register_document_library():  # type: ignore[no-untyped-def]
    return library_viewset


class _ScopedItem(MenuItem):
    """A menu item shown to users for whom ``shown(scope)`` holds."""

    def __init__(self, *args, shown, **kwargs):  # type: ignore[no-untyped-def]
        self.shown = shown
        super().__init__(*args, **kwargs)

    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return self.shown(user_scope(request.user))


def _overseer(scope):  # type: ignore[no-untyped-def]
    from thidua.documents.permissions import DISSEMINATION_OVERSEERS

    return scope.is_province_admin or bool(scope.paths_with(DISSEMINATION_OVERSEERS))


def _register_reader(scope):  # type: ignore[no-untyped-def]
    from thidua.documents.permissions import REGISTER_READERS

    return scope.is_province_admin or bool(scope.paths_with(REGISTER_READERS))


@hooks.register("register_admin_menu_item")
def register_documents_menu():  # type: ignore[no-untyped-def]
    items = [
        _ScopedItem(
            gettext_lazy("Sổ văn bản"),
            reverse("library:index"),
            name="documents-library",
            icon_name="doc-full-inverse",
            order=10,
            shown=lambda scope: scope.has_any_role,
        ),
        _ScopedItem(
            gettext_lazy("Văn bản cần đọc"),
            reverse("documents:inbox"),
            name="documents-inbox",
            icon_name="doc-full",
            order=20,
            shown=lambda scope: scope.has_any_role,
        ),
        _ScopedItem(
            gettext_lazy("Văn bản đã phổ biến"),
            reverse("documents:disseminations"),
            name="documents-disseminations",
            icon_name="mail",
            order=30,
            shown=_overseer,
        ),
        _ScopedItem(
            gettext_lazy("Sổ đăng ký văn bản đi"),
            reverse("documents:register_list"),
            name="documents-register",
            icon_name="list-ol",
            order=40,
            shown=_register_reader,
        ),
    ]
    return SubmenuMenuItem(
        gettext_lazy("Văn bản"),
        Menu(items=items),
        name="documents",
        icon_name="doc-full",
        order=400,
    )


@hooks.register("register_back_office_search")
def documents_search_section():  # type: ignore[no-untyped-def]
    return SearchSection(
        _("Văn bản"),
        queries.documents_visible_to,
        lambda d: reverse("documents:detail", args=[d.pk]),
        reverse("library:index"),
        lambda d: f"{d.number_symbol} – {d.summary}",
    )


@hooks.register("construct_homepage_panels", order=110)
def add_documents_panel(request, panels):  # type: ignore[no-untyped-def]
    panels.append(DocumentsToReadPanel(request))
