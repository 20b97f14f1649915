"""Build the POST a browser would send from a rendered plan editor."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _fmt(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if value is True:
        return "on"
    return getattr(value, "pk", value)


def editor_post(editor: Any, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for bf in editor.form:
        value = bf.value()
        if value not in (None, False):
            data[bf.html_name] = _fmt(value)
    for formset in editor.formsets.values():
        for bf in formset.management_form:
            data[bf.html_name] = bf.value()
        for form in formset.forms:
            for bf in form:
                value = bf.value()
                if value not in (None, False, ""):
                    data[bf.html_name] = _fmt(value)
    data.update(changes)
    return data
