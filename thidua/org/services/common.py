from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from thidua.core.text import format_date
from thidua.org.models import Agency


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def ensure_writable(agency: Agency) -> None:
    """Merged or dissolved agencies are kept for reading only."""
    if agency.successor_id is not None:
        raise ValidationError(
            _(
                "%(name)s đã sáp nhập vào %(successor)s từ ngày %(date)s; hồ sơ của cơ quan "
                "này chỉ còn để tra cứu. Hãy thao tác trên cơ quan kế thừa."
            )
            % {
                "name": agency.name,
                "successor": agency.successor.name if agency.successor else "",
                # valid_to is the agency's last day; the successor took over the next day.
                "date": format_date(agency.valid_to + dt.timedelta(days=1))
                if agency.valid_to
                else "",
            }
        )
    if agency.is_read_only:
        raise ValidationError(
            _("%(name)s đã hết hiệu lực sau ngày %(date)s; hồ sơ chỉ còn để tra cứu.")
            % {"name": agency.name, "date": format_date(agency.valid_to)}
        )


def apply_fields(instance: Any, fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)
