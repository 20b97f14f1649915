"""Import of past titles and forms from an .xlsx workbook into the ledger: every row is checked
first and the report lists each problem by row and column; nothing is written unless every row
is valid (all or nothing).

Columns (row 1 holds the headers, as in ``template_bytes``): A số định danh cá nhân (or empty
for a collective), B họ và tên (checked against the person), C mã tập thể (agency code, for a
collective), D mã danh hiệu (catalogue code), E năm, F số quyết định, G ngày quyết định,
H cơ quan quyết định.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from thidua.awards import permissions as perms
from thidua.awards.models import EntrySource, Title, TitleKind
from thidua.awards.services.ledger import award_entry_record
from thidua.core.text import fold
from thidua.org.importing.upload import UploadRejected, check_upload
from thidua.org.models import Agency, Person
from thidua.org.queries import user_scope

HEADERS = [
    "Số định danh cá nhân",
    "Họ và tên",
    "Mã tập thể",
    "Mã danh hiệu, hình thức",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
]
MAX_ROWS = 20_000


@dataclass
class ImportReport:
    rows: int = 0
    written: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    person: Person | None
    agency: Agency | None
    title: Title
    year: int
    decision_number: str
    decision_date: dt.date | None
    issuer_name: str


def template_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Khen thưởng"
    sheet.append(HEADERS)
    sheet.append(
        [
            "079085001234",
            "Nguyễn Văn An",
            "",
            "CSTDCS",
            2023,
            "15/QĐ-SKHCN",
            dt.date(2023, 12, 20),
            "Sở Khoa học và Công nghệ",
        ]
    )
    for column, width in zip("ABCDEFGH", (22, 28, 14, 24, 8, 18, 16, 32), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _read(stream: IO[bytes], actor: Any, report: ImportReport) -> list[_Row]:
    scope = user_scope(actor)
    workbook = load_workbook(stream, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    raw = list(sheet.iter_rows(min_row=2, max_col=8, values_only=True))
    raw = [row for row in raw if any(cell not in (None, "") for cell in row)]
    if len(raw) > MAX_ROWS:
        report.errors.append((0, "", _("Tệp có quá %(n)s dòng; hãy chia nhỏ.") % {"n": MAX_ROWS}))
        return []
    report.rows = len(raw)
    ids = {_text(r[0]) for r in raw if r[0]}
    codes = {_text(r[2]) for r in raw if r[2]}
    people = {
        p.id_number: p for p in Person.objects.filter(id_number__in=ids).select_related("agency")
    }
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    titles = {t.code: t for t in Title.objects.all()}
    seen: set[tuple] = set()
    rows: list[_Row] = []
    this_year = timezone.localdate().year
    for number, cells in enumerate(raw, start=2):
        cells = list(cells) + [None] * (8 - len(cells))
        errors_before = len(report.errors)

        def error(column: str, message: str, number: int = number) -> None:
            report.errors.append((number, column, message))

        id_number, name, code = _text(cells[0]), _text(cells[1]), _text(cells[2])
        person = agency = None
        if bool(id_number) == bool(code):
            error("A", _("Ghi số định danh (cá nhân) hoặc mã tập thể (cột C), không ghi cả hai."))
        elif id_number:
            person = people.get(id_number)
            if person is None:
                error("A", _("Không có cán bộ có số định danh %(v)s.") % {"v": id_number})
            elif name and fold(name) != fold(person.full_name):
                error(
                    "B",
                    _("Số định danh %(v)s là của %(name)s, không phải “%(given)s”.")
                    % {"v": id_number, "name": person.full_name, "given": name},
                )
            elif not perms.can_keep_ledger_of(scope, person.agency.path):
                error(
                    "A", _("%(name)s không thuộc đơn vị bạn quản lý.") % {"name": person.full_name}
                )
        else:
            agency = agencies.get(code)
            if agency is None:
                error("C", _("Không có cơ quan, đơn vị mã %(v)s.") % {"v": code})
            elif not perms.can_keep_ledger_of(scope, agency.path):
                error("C", _("%(name)s không thuộc đơn vị bạn quản lý.") % {"name": agency.name})
        title = titles.get(_text(cells[3]).upper())
        if title is None:
            error(
                "D",
                _("Mã danh hiệu “%(v)s” không có trong danh mục (ví dụ: LDTT, CSTDCS, BK_TINH).")
                % {"v": _text(cells[3])},
            )
        try:
            year = int(_text(cells[4]))
            if not 1945 <= year <= this_year:
                raise ValueError
        except ValueError:
            error(
                "E",
                _("Năm “%(v)s” không hợp lệ; ghi bốn chữ số, ví dụ 2023.") % {"v": _text(cells[4])},
            )
            year = 0
        decision_date = cells[6]
        if isinstance(decision_date, dt.datetime):
            decision_date = decision_date.date()
        elif decision_date not in (None, "") and not isinstance(decision_date, dt.date):
            try:
                decision_date = dt.datetime.strptime(_text(decision_date), "%d/%m/%Y").date()
            except ValueError:
                error(
                    "G", _("Ngày “%(v)s” không đúng dạng dd/mm/yyyy.") % {"v": _text(decision_date)}
                )
                decision_date = None
        else:
            decision_date = decision_date or None
        if len(report.errors) > errors_before:
            continue
        assert title is not None
        key = (getattr(person, "pk", None), getattr(agency, "pk", None), title.pk, year)
        if title.kind == TitleKind.TITLE:
            if key in seen:
                error(
                    "D",
                    _("Dòng trùng: %(t)s năm %(y)s đã có ở dòng trên.")
                    % {"t": title.label, "y": year},
                )
                continue
            seen.add(key)
        rows.append(
            _Row(
                number,
                person,
                agency,
                title,
                year,
                _text(cells[5])[:64],
                decision_date,
                _text(cells[7])[:255],
            )
        )
    return rows


def ledger_import(stream: IO[bytes], size: int, *, actor: Any) -> ImportReport:
    """Check every row, then write all of them in one transaction, or none."""
    report = ImportReport()
    scope = user_scope(actor)
    if not (scope.is_province_admin or scope.paths_with(perms.LEDGER_KEEPERS)):
        raise PermissionDenied(_("Bạn không có quyền nhập sổ khen thưởng."))
    try:
        check_upload(stream, size)
        rows = _read(stream, actor, report)
    except UploadRejected as exc:
        report.errors.append((0, "", exc.message))
        return report
    except Exception:
        report.errors.append((0, "", _("Không đọc được tệp Excel; hãy lưu lại dạng .xlsx.")))
        return report
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    award_entry_record(
                        actor=actor,
                        title=row.title,
                        year=row.year,
                        person=row.person,
                        agency=row.agency,
                        decision_number=row.decision_number,
                        decision_date=row.decision_date,
                        issuer_name=row.issuer_name,
                        source=EntrySource.IMPORT,
                    )
                except ValidationError as exc:
                    report.errors.append((row.number, "", " ".join(exc.messages)))
            if report.errors:
                raise _Rollback
            report.written = len(rows)
    except _Rollback:
        report.written = 0
    return report


class _Rollback(Exception):
    pass
