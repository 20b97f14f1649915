"""Form helpers shared by the back office's views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has that field,
    otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class QuickSelect(forms.Select):
    """A select rendered in one pass instead of one template per option: agency pickers and
    list filters offer up to a whole province (hundreds of options), which Django's template
    per option turns into hundreds of milliseconds. Flat choices only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None) -> str:  # type: ignore[no-untyped-def]
        final = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {"" if v is None else str(v) for v in values}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        safe_options = mark_safe(options)  # noqa: S308 (every key and label escaped above)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), safe_options)
