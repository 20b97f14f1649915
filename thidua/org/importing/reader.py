"""Reads the workbook (openpyxl, read-only streaming) into typed rows and row errors.

Only what can be judged from the file itself is checked here: required cells, formats, lengths,
choices and duplicates within the file. Whether a code exists, who may import into it and what
already matches in the database is decided by ``plan.py``.

An optional cell left empty is read as ``None``, meaning "not given": it never erases a value
already in the system (see apply.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from thidua.core.text import fold, format_date
from thidua.org.importing.layout import (
    AGENCY_SPEC,
    MAX_ROWS,
    PERSON_SPEC,
    SHEETS,
    Column,
    SheetSpec,
    column_letter,
)
from thidua.org.models import Agency, Gender

ProgressCallback = Callable[[int], None]
PROGRESS_EVERY = 200  # rows between progress reports


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str  # letter, "" when the error concerns the whole row or file
    title: str  # the column's title
    message: str  # what is wrong and how to fix it

    @property
    def text(self) -> str:
        """The full sentence: "Sheet “Cán bộ”, dòng 7, cột C (Ngày sinh): …"."""
        parts = []
        if self.sheet:
            parts.append(_("Sheet “%s”") % self.sheet)
        if self.row:
            parts.append(_("dòng %s") % self.row)
        if self.column:
            parts.append(
                _("cột %(letter)s (%(title)s)") % {"letter": self.column, "title": self.title}
            )
        prefix = ", ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "title": self.title,
            "message": self.message,
            "text": self.text,
        }


@dataclass
class AgencyRow:
    row: int
    code: str
    name: str
    short_name: str | None = None
    symbol: str | None = None
    kind: str | None = None
    parent_code: str | None = None


@dataclass
class PersonRow:
    row: int
    full_name: str
    agency_code: str
    gender: str | None = None
    date_of_birth: dt.date | None = None
    id_number: str | None = None
    position: str | None = None
    email: str | None = None
    phone: str | None = None

    @property
    def name_key(self) -> str:
        return fold(self.full_name)


@dataclass
class ParsedWorkbook:
    agencies: list[AgencyRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total_rows: int = 0
    # sheet title -> column key -> zero-based index, as found in the file's header row
    positions: dict[str, dict[str, int]] = field(default_factory=dict)
    # codes of agency rows that could not be read, so references to them name the row
    invalid_agency_codes: dict[str, int] = field(default_factory=dict)

    def bad_rows(self, sheet: str) -> set[int]:
        return {e.row for e in self.errors if e.sheet == sheet and e.row}

    def cell_error(self, spec: SheetSpec, row: int, key: str, message: str) -> RowError:
        """Record an error on one cell, naming the column where it sits in this file."""
        index = self.positions.get(spec.title, {}).get(key)
        if index is None:  # column absent from the file: name it by the template's position
            index = [c.key for c in spec.columns].index(key)
        error = RowError(spec.title, row, column_letter(index), spec.column(key).title, message)
        self.errors.append(error)
        return error


class CellError(Exception):
    """A cell's value cannot be used; the message says why and how to fix it."""


# --- Counting (for the sync/async decision) -----------------------------------------------------


def count_rows(stream: IO[bytes]) -> int:
    """Data rows in the recognised sheets, without the header row.

    Uses the sheet's stored dimension when present (cheap); files written by some tools omit it,
    and then the rows are streamed and counted.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(stream, read_only=True, data_only=True)
    try:
        total = 0
        for sheet in workbook.worksheets:
            if not any(spec.matches(sheet.title) for spec in SHEETS):
                continue
            max_row = sheet.max_row if sheet.max_row and sheet.max_row > 1 else None
            if max_row is None:
                max_row = sum(1 for _row in sheet.iter_rows(values_only=True))
            total += max(0, max_row - 1)
        return total
    finally:
        workbook.close()
        stream.seek(0)


# --- Reading ----------------------------------------------------------------------------------


def read_workbook(
    stream: IO[bytes], *, on_progress: ProgressCallback | None = None
) -> ParsedWorkbook:
    from openpyxl import load_workbook

    parsed = ParsedWorkbook()
    workbook = load_workbook(stream, read_only=True, data_only=True)
    try:
        found = {spec.title: _find_sheet(workbook, spec) for spec in SHEETS}
        if not any(found.values()):
            parsed.errors.append(
                RowError(
                    "",
                    None,
                    "",
                    "",
                    _(
                        "Không tìm thấy sheet “%(a)s” hoặc “%(p)s”. Hãy dùng tệp mẫu và giữ nguyên "
                        "tên các sheet."
                    )
                    % {"a": AGENCY_SPEC.title, "p": PERSON_SPEC.title},
                )
            )
            return parsed
        counter = _Counter(on_progress)
        for spec in SHEETS:
            sheet = found[spec.title]
            if sheet is not None:
                _read_sheet(sheet, spec, parsed, counter)
        parsed.total_rows = counter.count
        counter.flush()
    finally:
        workbook.close()
    _check_duplicates(parsed)
    return parsed


class _Counter:
    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.count > MAX_ROWS:
            raise TooManyRows
        if self.callback and self.count % PROGRESS_EVERY == 0:
            self.callback(self.count)

    def flush(self) -> None:
        if self.callback:
            self.callback(self.count)


class TooManyRows(Exception):
    pass


def _find_sheet(workbook: Any, spec: SheetSpec) -> Any:
    for sheet in workbook.worksheets:
        if spec.matches(sheet.title):
            return sheet
    return None


def _read_sheet(sheet: Any, spec: SheetSpec, parsed: ParsedWorkbook, counter: _Counter) -> None:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    positions = _map_header(header or (), spec, parsed)
    if positions is None:
        return
    for offset, values in enumerate(rows, start=2):
        if values is None or all(_is_blank(v) for v in values):
            continue
        counter.tick()
        cells = {
            key: (values[index] if index < len(values) else None)
            for key, index in positions.items()
        }
        if spec is AGENCY_SPEC:
            row = _agency_row(offset, cells, positions, parsed)
            if row is not None:
                parsed.agencies.append(row)
        else:
            person = _person_row(offset, cells, positions, parsed)
            if person is not None:
                parsed.people.append(person)


def _map_header(
    header: tuple[Any, ...], spec: SheetSpec, parsed: ParsedWorkbook
) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        for column in spec.columns:
            if column.key not in positions and column.matches(raw):
                positions[column.key] = index
                break
    missing = [c for c in spec.columns if c.required and c.key not in positions]
    if missing:
        parsed.errors.append(
            RowError(
                spec.title,
                1,
                "",
                "",
                _(
                    "thiếu cột bắt buộc %(cols)s ở dòng tiêu đề. Hãy dùng tệp mẫu và giữ nguyên "
                    "dòng tiêu đề."
                )
                % {"cols": ", ".join(f"“{c.title}”" for c in missing)},
            )
        )
        return None
    parsed.positions[spec.title] = positions
    return positions


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _RowContext:
    """Collects the errors of one row, each naming its cell."""

    def __init__(
        self,
        spec: SheetSpec,
        row: int,
        cells: dict[str, Any],
        positions: dict[str, int],
        parsed: ParsedWorkbook,
    ) -> None:
        self.spec, self.row, self.cells, self.positions, self.parsed = (
            spec,
            row,
            cells,
            positions,
            parsed,
        )
        self.ok = True

    def error(self, key: str, message: str) -> None:
        column = self.spec.column(key)
        index = self.positions.get(key)
        self.parsed.errors.append(
            RowError(
                self.spec.title,
                self.row,
                column_letter(index) if index is not None else "",
                column.title,
                message,
            )
        )
        self.ok = False

    def get(self, key: str, convert: Callable[[Any, Column], Any]) -> Any:
        raw = self.cells.get(key)
        column = self.spec.column(key)
        if _is_blank(raw):
            if column.required:
                self.error(key, _("ô bắt buộc đang để trống; hãy nhập %s.") % column.title.lower())
            return None
        try:
            return convert(raw, column)
        except CellError as exc:
            self.error(key, str(exc))
            return None


def _agency_row(
    row: int, cells: dict[str, Any], positions: dict[str, int], parsed: ParsedWorkbook
) -> AgencyRow | None:
    ctx = _RowContext(AGENCY_SPEC, row, cells, positions, parsed)
    values = {
        "code": ctx.get("code", _code),
        "name": ctx.get("name", _text(255)),
        "short_name": ctx.get("short_name", _text(100)),
        "symbol": ctx.get("symbol", _text(20)),
        "kind": ctx.get("kind", _kind),
        "parent_code": ctx.get("parent_code", _code),
    }
    if ctx.ok and values["parent_code"] == values["code"]:
        ctx.error("parent_code", _("cơ quan không thể là cấp trên của chính nó."))
    if not ctx.ok and values["code"]:
        parsed.invalid_agency_codes.setdefault(values["code"], row)
    return AgencyRow(row=row, **values) if ctx.ok else None


def _person_row(
    row: int, cells: dict[str, Any], positions: dict[str, int], parsed: ParsedWorkbook
) -> PersonRow | None:
    ctx = _RowContext(PERSON_SPEC, row, cells, positions, parsed)
    values = {
        "full_name": ctx.get("full_name", _text(150)),
        "gender": ctx.get("gender", _gender),
        "date_of_birth": ctx.get("date_of_birth", _date),
        "id_number": ctx.get("id_number", _id_number),
        "position": ctx.get("position", _text(150)),
        "agency_code": ctx.get("agency_code", _code),
        "email": ctx.get("email", _email),
        "phone": ctx.get("phone", _phone),
    }
    return PersonRow(row=row, **values) if ctx.ok else None


# --- Cell converters: raw Excel value -> typed value, or CellError with a fix ----------------


def _shown(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _plain_text(value: Any) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    return " ".join(str(value).split())


def _text(max_length: int) -> Callable[[Any, Column], str]:
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


def _code(value: Any, column: Column) -> str:
    text = _plain_text(value)
    if len(text) > 32:
        raise CellError(_("mã “%s” dài quá 32 ký tự; hãy dùng mã ngắn hơn.") % text)
    if not _CODE.match(text):
        raise CellError(
            _("mã “%s” chỉ được gồm chữ, số và các dấu . - _ / & (không có khoảng trắng).") % text
        )
    return text


def _kind(value: Any, column: Column) -> str:
    key = fold(_plain_text(value))
    for choice, label in Agency.Kind.choices:
        if key in {fold(str(label)), fold(choice)}:
            return str(choice)
    labels = "; ".join(str(label) for _c, label in Agency.Kind.choices)
    raise CellError(
        _("“%(value)s” không phải loại cơ quan hợp lệ; chọn một trong: %(labels)s.")
        % {"value": _shown(value), "labels": labels}
    )


def _gender(value: Any, column: Column) -> str:
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


def _date(value: Any, column: Column) -> dt.date:
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


def _id_number(value: Any, column: Column) -> str:
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


def _email(value: Any, column: Column) -> str:
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


def _phone(value: Any, column: Column) -> str:
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


# --- Duplicates within the file ---------------------------------------------------------------


def _check_duplicates(parsed: ParsedWorkbook) -> None:
    seen_codes: dict[str, int] = {}
    kept_agencies = []
    for agency in parsed.agencies:
        first = seen_codes.setdefault(agency.code, agency.row)
        if first != agency.row:
            parsed.cell_error(
                AGENCY_SPEC,
                agency.row,
                "code",
                _("mã “%(code)s” trùng với dòng %(first)s; mỗi cơ quan chỉ khai một dòng.")
                % {"code": agency.code, "first": first},
            )
        else:
            kept_agencies.append(agency)
    parsed.agencies = kept_agencies

    # Rows with an ID number are told apart by it; rows without one by name + birth + agency.
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple[str, dt.date | None, str], int] = {}
    kept_people = []
    for person in parsed.people:
        if person.id_number:
            first = seen_ids.setdefault(person.id_number, person.row)
            if first != person.row:
                parsed.cell_error(
                    PERSON_SPEC,
                    person.row,
                    "id_number",
                    _(
                        "số định danh “%(id)s” trùng với dòng %(first)s; mỗi cán bộ chỉ khai một "
                        "dòng."
                    )
                    % {"id": person.id_number, "first": first},
                )
                continue
        else:
            key = (person.name_key, person.date_of_birth, person.agency_code)
            first = seen_keys.setdefault(key, person.row)
            if first != person.row:
                parsed.cell_error(
                    PERSON_SPEC,
                    person.row,
                    "full_name",
                    _(
                        "trùng họ tên, ngày sinh và mã cơ quan với dòng %(first)s; xóa dòng lặp "
                        "hoặc ghi số định danh để phân biệt."
                    )
                    % {"first": first},
                )
                continue
        kept_people.append(person)
    parsed.people = kept_people


def iter_errors(errors: list[RowError]) -> Iterator[dict[str, Any]]:
    for error in errors:
        yield error.as_dict()
