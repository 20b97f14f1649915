"""An image chooser without an inline <script> (strict CSP, ADR 0002): the options go in a data
attribute and thidua/portal/static/portal/image-chooser.js makes Wagtail's own call."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.widgets import AdminImageChooser


class CspImageChooser(AdminImageChooser):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        id_ = (attrs or {})["id"]
        value_data = self.get_value_data(value)
        html = self.render_html(name, value_data, attrs)
        options = json.dumps(self.get_js_init_options(id_, name, value_data))
        marker = format_html(
            '<span hidden data-portal-image-chooser="{}" data-options="{}"></span>', id_, options
        )
        return mark_safe(html + marker)  # noqa: S308 (Wagtail's own widget HTML; marker escaped)

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["portal/image-chooser.js"])  # after Wagtail's
