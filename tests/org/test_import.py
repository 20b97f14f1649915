"""Importing agencies and people from Excel through the services (given / when / then)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from tests.org.import_helpers import import_media, upload, world_state, xlsx  # noqa: F401
from thidua.org.models import Agency, Employment, ImportJob, Person
from thidua.org.services import import_confirm, import_start

pytestmark = pytest.mark.usefixtures("import_media")

AGENCIES = [
    ["SKHCN-KHTC", "Phòng Kế hoạch – Tài chính", "KHTC", "KHTC", "Phòng, ban chuyên môn", "SKHCN"],
    # Its parent comes later in the sheet: order of rows does not matter.
    ["SKHCN-TT1", "Tổ Thi đua 1", None, None, None, "SKHCN-TDKT"],
    ["SKHCN-TDKT", "Phòng Thi đua", None, None, "Đơn vị trực thuộc", None],
]
PEOPLE = [
    [
        "Nguyễn Văn An",
        "Nam",
        "05/01/1985",
        "001085012345",
        "Trưởng phòng",
        "SKHCN-KHTC",
        "an@example.vn",
        "0912345678",
    ],
    ["Lê Thị Bình", "Nữ", dt.datetime(1990, 3, 15), None, "Chuyên viên", "SKHCN-TT1", None, None],
    ["Trần Văn Cường", None, None, 1085012346, None, "SKHCN", None, 912000111],
]


def run(user, agency, content: bytes, *, only_valid: bool = False) -> ImportJob:
    job = import_start(upload(content), actor=user, agency=agency)
    if job.status in (ImportJob.Status.VALID, ImportJob.Status.INVALID):
        job = import_confirm(job, actor=user, only_valid_rows=only_valid)
    return job


def test_valid_file_creates_agencies_people_employments_and_audit(office_a, agency_a):
    audit_before = ModelLogEntry.objects.count()

    job = run(office_a, agency_a, xlsx(AGENCIES, PEOPLE))

    assert job.status == ImportJob.Status.DONE, job.errors
    assert job.summary["created"] == {"agencies": 3, "people": 3}
    khtc = Agency.objects.get(code="SKHCN-KHTC")
    assert khtc.parent == agency_a and khtc.path == f"{agency_a.path}{khtc.pk}/"
    tt1 = Agency.objects.get(code="SKHCN-TT1")
    assert tt1.parent.code == "SKHCN-TDKT"  # parent defined later in the same sheet
    assert Agency.objects.get(code="SKHCN-TDKT").parent == agency_a  # no parent code: job's agency
    assert tt1.kind == Agency.Kind.DIVISION
    an = Person.objects.get(id_number="001085012345")
    assert (an.date_of_birth, an.gender, an.agency) == (dt.date(1985, 1, 5), "male", khtc)
    binh = Person.objects.get(full_name="Lê Thị Bình")
    assert binh.date_of_birth == dt.date(1990, 3, 15) and binh.agency == tt1
    cuong = Person.objects.get(full_name="Trần Văn Cường")
    # Numeric cells: leading zeros of the ID number and the phone are restored.
    assert cuong.id_number == "001085012346" and cuong.phone == "0912000111"
    assert Employment.objects.filter(person__in=[an, binh, cuong]).count() == 3
    assert Employment.objects.get(person=an).position == "Trưởng phòng"
    # 3 agencies + 3 people created, plus one "imported" entry on the job's agency.
    assert ModelLogEntry.objects.count() - audit_before == 7
    assert ModelLogEntry.objects.filter(action="thidua.import").count() == 1
    assert job.progress_percent == 100


def test_bad_row_writes_nothing_and_names_row_and_column(office_a, agency_a):
    people = [*PEOPLE, ["Phạm Văn Dũng", "Nam", "31/02/1980", None, None, "SKHCN", None, None]]
    before = world_state()

    job = import_start(upload(xlsx(AGENCIES, people)), actor=office_a, agency=agency_a)

    assert job.status == ImportJob.Status.INVALID
    [error] = job.errors
    assert (error["sheet"], error["row"], error["column"], error["title"]) == (
        "Cán bộ",
        5,
        "C",
        "Ngày sinh",
    )
    assert error["text"] == (
        "Sheet “Cán bộ”, dòng 5, cột C (Ngày sinh): “31/02/1980” không phải ngày hợp lệ; "
        "nhập theo dạng dd/mm/yyyy."
    )
    assert job.summary["people"] == {"create": 3, "update": 0, "unchanged": 0, "invalid": 1}
    with pytest.raises(ValidationError):
        import_confirm(job, actor=office_a, only_valid_rows=False)
    assert world_state() == before


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        (["", "Nam", None, None, None, "SKHCN", None, None], "A", "ô bắt buộc"),
        (["Hà Văn E", "Khác", None, None, None, "SKHCN", None, None], "B", "Nam hoặc Nữ"),
        (["Hà Văn E", None, None, "12345", None, "SKHCN", None, None], "D", "đúng 12 chữ số"),
        (["Hà Văn E", None, None, None, None, "KHONG-CO", None, None], "F", "không tìm thấy"),
        (
            ["Hà Văn E", None, None, None, None, "SKHCN", "khong-phai-email", None],
            "G",
            "thư điện tử",
        ),
        (["Hà Văn E", None, "01/01/2999", None, None, "SKHCN", None, None], "C", "tương lai"),
    ],
)
def test_each_kind_of_bad_cell_is_reported_on_its_column(office_a, agency_a, row, column, fragment):
    job = import_start(upload(xlsx(None, [row])), actor=office_a, agency=agency_a)

    assert job.status == ImportJob.Status.INVALID
    [error] = job.errors
    assert (error["row"], error["column"]) == (2, column)
    assert fragment in error["message"]


def test_duplicates_within_the_file_are_reported(office_a, agency_a):
    agencies = [AGENCIES[0], AGENCIES[0]]
    people = [PEOPLE[0], PEOPLE[0], PEOPLE[1], PEOPLE[1]]
    people[3] = [*PEOPLE[1][:5], "SKHCN-KHTC", None, None]  # same name, DOB, different agency: fine
    people.append([*PEOPLE[1][:5], "SKHCN-KHTC", None, None])

    job = import_start(upload(xlsx(agencies, people)), actor=office_a, agency=agency_a)

    found = {(e["sheet"], e["row"], e["column"]) for e in job.errors}
    assert ("Cơ quan", 3, "A") in found
    assert ("Cán bộ", 3, "D") in found  # the same ID number twice
    assert ("Cán bộ", 6, "A") in found  # same name + birth date + agency without an ID number


def test_only_valid_rows_imports_the_valid_ones_and_reports_the_rest(office_a, agency_a):
    people = [*PEOPLE, ["Phạm Văn Dũng", "Nam", "31/02/1980", None, None, "SKHCN", None, None]]

    job = import_start(upload(xlsx(AGENCIES, people)), actor=office_a, agency=agency_a)
    job = import_confirm(job, actor=office_a, only_valid_rows=True)

    assert job.status == ImportJob.Status.DONE
    assert job.summary["created"] == {"agencies": 3, "people": 3}
    assert not Person.objects.filter(full_name="Phạm Văn Dũng").exists()
    assert [(e["row"], e["column"]) for e in job.errors] == [(5, "C")]


def test_people_of_a_bad_agency_row_are_skipped_with_a_reason(office_a, agency_a):
    agencies = [["SKHCN-X", "", None, None, None, None]]  # name missing
    people = [["Võ Văn Giàu", None, None, None, None, "SKHCN-X", None, None]]

    job = import_start(upload(xlsx(agencies, people)), actor=office_a, agency=agency_a)

    assert {(e["sheet"], e["row"]) for e in job.errors} == {("Cơ quan", 2), ("Cán bộ", 2)}
    person_error = next(e for e in job.errors if e["sheet"] == "Cán bộ")
    assert "dòng 2 có lỗi" in person_error["message"]


def test_reimporting_the_same_file_changes_nothing(office_a, agency_a):
    content = xlsx(AGENCIES, PEOPLE)
    run(office_a, agency_a, content)
    before = world_state()

    job = run(office_a, agency_a, content)

    assert job.status == ImportJob.Status.DONE
    assert job.summary["created"] == {"agencies": 0, "people": 0}
    assert job.summary["updated"] == {"agencies": 0, "people": 0}
    assert job.summary["unchanged"] == {"agencies": 3, "people": 3}
    assert world_state() == before


def test_matches_people_by_id_number_and_by_name_birth_date_and_agency(office_a, agency_a):
    by_id = Person.objects.create(
        full_name="Nguyễn Văn An", id_number="001085012345", agency=agency_a
    )
    by_name = Person.objects.create(
        full_name="Lê Thị Bình", date_of_birth=dt.date(1990, 3, 15), agency=agency_a
    )
    people = [
        ["Nguyễn Văn An", "Nam", None, "001085012345", "Phó phòng", "SKHCN", None, None],
        # Typed without diacritics: still the same person (folded name + birth date + agency).
        ["le thi binh", None, "15/03/1990", None, "Chuyên viên chính", "SKHCN", None, None],
        # Same name, another birth date: someone else.
        ["Lê Thị Bình", None, "16/03/1991", None, None, "SKHCN", None, None],
    ]
    count = Person.objects.count()

    job = run(office_a, agency_a, xlsx(None, people))

    assert job.status == ImportJob.Status.DONE, job.errors
    assert job.summary["updated"]["people"] == 2 and job.summary["created"]["people"] == 1
    assert Person.objects.count() == count + 1
    by_id.refresh_from_db()
    by_name.refresh_from_db()
    assert by_id.position == "Phó phòng" and by_id.gender == "male"
    assert by_name.position == "Chuyên viên chính"
    assert ModelLogEntry.objects.filter(action="thidua.update").count() == 2


def test_id_number_of_a_person_elsewhere_is_an_error_not_a_silent_move(
    office_a, agency_a, division_a
):
    Person.objects.create(full_name="Nguyễn Văn An", id_number="001085012345", agency=division_a)
    people = [["Nguyễn Văn An", None, None, "001085012345", None, "SKHCN", None, None]]

    job = import_start(upload(xlsx(None, people)), actor=office_a, agency=agency_a)

    [error] = job.errors
    assert error["column"] == "D" and "điều chuyển" in error["message"]


def test_office_of_a_cannot_import_into_agency_b(office_a, agency_a, agency_b):
    people = [
        ["Nguyễn Văn An", None, None, None, None, "SKHCN", None, None],
        ["Lê Văn Bảy", None, None, None, None, agency_b.code, None, None],
    ]
    agencies = [["SNV-MOI", "Phòng mới của Sở Nội vụ", None, None, None, agency_b.code]]
    before = world_state()

    job = import_start(upload(xlsx(agencies, people)), actor=office_a, agency=agency_a)

    assert job.status == ImportJob.Status.INVALID
    errors = {(e["sheet"], e["row"], e["column"]): e["message"] for e in job.errors}
    assert agency_b.code in errors[("Cơ quan", 2, "F")]
    assert "không thuộc phạm vi bạn quản lý" in errors[("Cán bộ", 3, "F")]
    with pytest.raises(ValidationError):
        import_confirm(job, actor=office_a, only_valid_rows=False)
    assert world_state() == before


def test_existing_agency_is_updated_only_in_the_fields_that_changed(office_a, agency_a, division_a):
    agencies = [[division_a.code, division_a.name, "VP", None, None, None]]
    before = world_state()

    job = run(office_a, agency_a, xlsx(agencies, None))

    division_a.refresh_from_db()
    assert job.summary["updated"]["agencies"] == 1
    assert division_a.short_name == "VP" and division_a.parent == agency_a
    assert ModelLogEntry.objects.count() == before["audit"] + 2  # the update + the import entry


def test_parent_cycle_in_the_sheet_is_reported(office_a, agency_a):
    agencies = [
        ["X1", "Một", None, None, None, "X2"],
        ["X2", "Hai", None, None, None, "X1"],
    ]

    job = import_start(upload(xlsx(agencies, None)), actor=office_a, agency=agency_a)

    assert {(e["row"], e["column"]) for e in job.errors} == {(2, "F"), (3, "F")}
    assert "vòng lặp" in job.errors[0]["message"]


def test_headers_are_matched_without_diacritics_and_in_any_order(office_a, agency_a):
    header = ["ma co quan", "HO VA TEN", "ngay sinh (dd/mm/yyyy)", "So dinh danh ca nhan"]
    rows = [["SKHCN", "Đỗ Thị Hoa", "01/02/1980", "001180000001"]]

    job = run(office_a, agency_a, xlsx(None, rows, person_header=header))

    assert job.status == ImportJob.Status.DONE, job.errors
    assert Person.objects.get(id_number="001180000001").full_name == "Đỗ Thị Hoa"


def test_missing_required_column_is_reported_on_the_header_row(office_a, agency_a):
    job = import_start(
        upload(xlsx(None, [["Đỗ Thị Hoa"]], person_header=["Họ và tên"])),
        actor=office_a,
        agency=agency_a,
    )

    [error] = job.errors
    assert error["row"] == 1 and "Mã cơ quan" in error["message"]
