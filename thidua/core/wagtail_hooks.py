"""Audit action labels for history pages (in Vietnamese, with the changed fields), and an
offline help menu."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from thidua.core.audit import ACTIONS


def _field_label(log_entry, name: str) -> str:  # type: ignore[no-untyped-def]
    """The Vietnamese label of a changed field ("agency_id" -> "cơ quan, đơn vị")."""
    model = log_entry.content_type.model_class() if log_entry.content_type_id else None
    if model is not None:
        for field in model._meta.concrete_fields:
            if name in (field.name, field.attname):
                return str(field.verbose_name)
    return name


def _formatter(code: str, label: str, message: str) -> type[LogFormatter]:
    class Formatter(LogFormatter):
        def format_message(self, log_entry):  # type: ignore[no-untyped-def]
            changes = (log_entry.data or {}).get("changes") or {}
            base = _(message)
            if changes:
                fields = ", ".join(_field_label(log_entry, name) for name in changes)
                return _("%(action)s: %(fields)s") % {"action": base, "fields": fields}
            return base

        def format_comment(self, log_entry):  # type: ignore[no-untyped-def]
            return (log_entry.data or {}).get("note", "")

    Formatter.label = gettext_lazy(label)
    Formatter.__name__ = f"Formatter_{code.replace('.', '_')}"
    return Formatter


@hooks.register("register_log_actions")
def register_audit_actions(actions) -> None:  # type: ignore[no-untyped-def]
    for code, (label, message) in ACTIONS.items():
        actions.register_action(code)(_formatter(code, label, message))


@hooks.register("construct_help_menu")
def keep_help_offline(request, menu_items) -> None:  # type: ignore[no-untyped-def]
    """Offices run on closed networks: drop help links that point to wagtail.org."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in {"editor-guide"} and not item.name.startswith("whats-new")
    ]


@hooks.register("insert_global_admin_js")
def csp_safe_widget_init() -> str:
    """Initialises Wagtail's widgets whose inline scripts the CSP blocks (see csp-init.js)."""
    return format_html('<script src="{}"></script>', static("thidua/admin/csp-init.js"))


@hooks.register("register_admin_menu_item")
def format_check_menu_item() -> MenuItem:
    return MenuItem(
        gettext_lazy("Kiểm tra thể thức"),
        reverse("core:format_check"),
        icon_name="doc-full",
        order=900,
    )
