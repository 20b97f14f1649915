"""Reads the workbook (openpyxl, read-only streaming) into typed rows and row errors.

Only what can be judged from the file itself is checked here: required cells, formats, lengths,
choices and duplicates within the file. Whether a code exists, who may import into it and what
already matches in the database is decided by ``plan.py``.

An optional cell left empty is read as ``None``, meaning "not given": it never erases a value
already in the system (see apply.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.org.importing.cells import (
    CellError,
    code_cell,
    date_cell,
    email_cell,
    gender_cell,
    id_number_cell,
    kind_cell,
    phone_cell,
    text_cell,
)
from thidua.org.importing.layout import (
    AGENCY_SPEC,
    MAX_ROWS,
    PERSON_SPEC,
    SHEETS,
    Column,
    SheetSpec,
    column_letter,
)

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
        "code": ctx.get("code", code_cell),
        "name": ctx.get("name", text_cell(255)),
        "short_name": ctx.get("short_name", text_cell(100)),
        "symbol": ctx.get("symbol", text_cell(20)),
        "kind": ctx.get("kind", kind_cell),
        "parent_code": ctx.get("parent_code", code_cell),
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
        "full_name": ctx.get("full_name", text_cell(150)),
        "gender": ctx.get("gender", gender_cell),
        "date_of_birth": ctx.get("date_of_birth", date_cell),
        "id_number": ctx.get("id_number", id_number_cell),
        "position": ctx.get("position", text_cell(150)),
        "agency_code": ctx.get("agency_code", code_cell),
        "email": ctx.get("email", email_cell),
        "phone": ctx.get("phone", phone_cell),
    }
    return PersonRow(row=row, **values) if ctx.ok else None


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
