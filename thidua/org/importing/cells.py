"""Cell converters: a raw Excel value -> a typed value, or CellError saying how to fix it.

An empty cell never reaches a converter (reader.py treats it as "not given").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from thidua.core.text import fold, format_date
from thidua.org.importing.layout import Column
from thidua.org.models import Agency, Gender


class CellError(Exception):
    """A cell's value cannot be used; the message says why and how to fix it."""


def _shown(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _plain_text(value: Any) -> str:
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    return " ".join(str(value).split())


def text_cell(max_length: int) -> Callable[[Any, Column], str]:
    def convert(value: Any, column: Column) -> str:
        text = _plain_text(value)
        if len(text) > max_length:
            raise CellError(
                _("dài %(n)s ký tự, vượt quá %(max)s ký tự cho phép; hãy rút gọn.")
                % {"n": len(text), "max": max_length}
            )
        return text

    return convert


_CODE = re.compile(r"^[\w.\-/&]+$")


def code_cell(value: Any, column: Column) -> str:
    text = _plain_text(value)
    if len(text) > 32:
        raise CellError(_("mã “%s” dài quá 32 ký tự; hãy dùng mã ngắn hơn.") % text)
    if not _CODE.match(text):
        raise CellError(
            _("mã “%s” chỉ được gồm chữ, số và các dấu . - _ / & (không có khoảng trắng).") % text
        )
    return text


def kind_cell(value: Any, column: Column) -> str:
    key = fold(_plain_text(value))
    for choice, label in Agency.Kind.choices:
        if key in {fold(str(label)), fold(choice)}:
            return str(choice)
    labels = "; ".join(str(label) for _c, label in Agency.Kind.choices)
    raise CellError(
        _("“%(value)s” không phải loại cơ quan hợp lệ; chọn một trong: %(labels)s.")
        % {"value": _shown(value), "labels": labels}
    )


def gender_cell(value: Any, column: Column) -> str:
    key = fold(_plain_text(value))
    if key in {"nam", "male", "m"}:
        return Gender.MALE
    if key in {"nu", "female", "f"}:
        return Gender.FEMALE
    raise CellError(_("“%s” không hợp lệ; nhập Nam hoặc Nữ.") % _shown(value))


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
# Excel stores dates as days since 1899-12-30; a date column whose cells lost their date format
# arrives as a plain number in this range (1900 … 2100).
_EXCEL_SERIAL_RANGE = (1, 73_415)


def date_cell(value: Any, column: Column) -> dt.date:
    hint = _("nhập theo dạng dd/mm/yyyy.")
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not (_EXCEL_SERIAL_RANGE[0] <= value <= _EXCEL_SERIAL_RANGE[1]):
            raise CellError(
                _("“%(v)s” không phải ngày hợp lệ; %(hint)s") % {"v": _shown(value), "hint": hint}
            )
        result = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    else:
        text = _plain_text(value)
        match = _DATE_TEXT.match(text)
        if not match:
            raise CellError(
                _("“%(v)s” không phải ngày hợp lệ; %(hint)s") % {"v": text, "hint": hint}
            )
        day, month, year = (int(g) for g in match.groups())
        try:
            result = dt.date(year, month, day)
        except ValueError as exc:
            raise CellError(
                _("“%(v)s” không phải ngày hợp lệ; %(hint)s") % {"v": text, "hint": hint}
            ) from exc
    if result > dt.date.today():
        raise CellError(_("ngày sinh “%s” ở tương lai; hãy kiểm tra lại.") % format_date(result))
    if result.year < 1900:
        raise CellError(_("ngày sinh “%s” trước năm 1900; hãy kiểm tra lại.") % format_date(result))
    return result


_DIGITS = re.compile(r"^\d{12}$")


def id_number_cell(value: Any, column: Column) -> str:
    """12 digits, kept as text.

    Every citizen ID begins with a province code 001–096, so its first digit is always 0. When
    Excel has turned the column into numbers it drops those leading zeros: 11 digits (province
    010–096) or 10 digits (province 001–009) remain. A NUMERIC cell of 10 or 11 digits is
    therefore padded back to 12. A TEXT cell is taken as typed: 11 digits there is a typing
    mistake, not an Excel conversion, and is reported.
    """
    if isinstance(value, bool):
        raise CellError(_("“%s” không phải số định danh; nhập đủ 12 chữ số.") % value)
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(
                _(
                    "“%s” không phải số định danh (Excel đã đổi thành số thập phân); định dạng cột "
                    "là Văn bản (Text) và nhập đủ 12 chữ số."
                )
                % value
            )
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        if len(digits) in (10, 11):
            digits = digits.zfill(12)
    else:
        digits = re.sub(r"[\s.\-]", "", str(value))
        if re.match(r"^\d+(\.\d+)?[eE]\+?\d+$", digits):
            raise CellError(
                _(
                    "“%s” là số bị Excel viết dạng khoa học; định dạng cột là Văn bản (Text) và "
                    "nhập lại đủ 12 chữ số."
                )
                % str(value).strip()
            )
    if not _DIGITS.match(digits):
        raise CellError(
            _("“%s” không hợp lệ; số định danh cá nhân phải gồm đúng 12 chữ số.") % _shown(value)
        )
    return digits


def email_cell(value: Any, column: Column) -> str:
    text = _plain_text(value)
    try:
        validate_email(text)
    except ValidationError as exc:
        raise CellError(
            _("“%s” không phải địa chỉ thư điện tử hợp lệ; nhập dạng ten@coquan.gov.vn.") % text
        ) from exc
    if len(text) > 254:
        raise CellError(_("địa chỉ thư điện tử quá dài."))
    return text


def phone_cell(value: Any, column: Column) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        # Excel drops the leading 0 of Vietnamese phone numbers typed into a number cell.
        text = str(value)
        if len(text) in (9, 10) and not text.startswith("0"):
            text = "0" + text
        return text
    text = _plain_text(value)
    if len(text) > 50:
        raise CellError(_("dài quá 50 ký tự; hãy rút gọn."))
    return text
