"""The import screens: upload, job page, confirmation, template download, scoping."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.org.import_helpers import import_media, upload, xlsx  # noqa: F401
from thidua.org.models import ImportJob, Person
from thidua.org.services import import_start

pytestmark = pytest.mark.usefixtures("import_media")

PEOPLE = [["Nguyễn Văn An", "Nam", "05/01/1985", "001085012345", None, "SKHCN", None, None]]


def test_upload_validate_confirm_through_the_pages(client_for, office_a, agency_a):
    client = client_for(office_a)
    assert client.get(reverse("org_import:upload")).status_code == 200

    response = client.post(
        reverse("org_import:upload"),
        {"agency": agency_a.pk, "file": upload(xlsx(None, PEOPLE))},
    )

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "org_import:detail", args=[job.pk]
    )
    page = client.get(response.url).content.decode()
    assert "Nhập tất cả" in page and "Chỉ nhập các dòng hợp lệ" not in page
    assert 'http-equiv="refresh"' not in page  # a finished validation does not reload
    assert not Person.objects.filter(id_number="001085012345").exists()  # nothing before confirming

    response = client.post(reverse("org_import:confirm", args=[job.pk]), {"mode": "all"})

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Person.objects.filter(id_number="001085012345").exists()


def test_refused_upload_shows_the_message_on_the_form(client_for, office_a, agency_a):
    client = client_for(office_a)

    response = client.post(
        reverse("org_import:upload"), {"agency": agency_a.pk, "file": upload(b"a,b\n1,2\n")}
    )

    assert response.status_code == 200
    assert "không phải là tệp Excel" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_job_page_lists_errors_with_sheet_row_column_and_offers_valid_rows(
    client_for, office_a, agency_a
):
    rows = [*PEOPLE, ["Lê Văn Bảy", "Nam", "31/02/1980", None, None, "SKHCN", None, None]]
    job = import_start(upload(xlsx(None, rows)), actor=office_a, agency=agency_a)

    page = client_for(office_a).get(reverse("org_import:detail", args=[job.pk])).content.decode()

    assert "Chỉ nhập các dòng hợp lệ" in page and 'value="all"' not in page
    assert re.search(r"<td>Cán bộ</td>\s*<td>3</td>\s*<td>C \(Ngày sinh\)</td>", page)
    assert "31/02/1980" in page


def test_errors_are_paginated(client_for, office_a, agency_a):
    rows = [[f"Người {i}", "X", None, None, None, "SKHCN", None, None] for i in range(60)]
    job = import_start(upload(xlsx(None, rows)), actor=office_a, agency=agency_a)
    client = client_for(office_a)

    first = client.get(reverse("org_import:detail", args=[job.pk])).content.decode()
    second = client.get(reverse("org_import:detail", args=[job.pk]) + "?p=2").content.decode()

    assert first.count("không hợp lệ; nhập Nam hoặc Nữ") == 50
    assert second.count("không hợp lệ; nhập Nam hoặc Nữ") == 10


def test_running_job_page_refreshes_itself_without_scripts(client_for, office_a, agency_a):
    job = import_start(upload(xlsx(None, PEOPLE)), actor=office_a, agency=agency_a)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALIDATING, processed_rows=1)

    page = client_for(office_a).get(reverse("org_import:detail", args=[job.pk])).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in page
    assert "<progress" in page
    # No inline script (the CSP forbids them); JSON data blocks are not executed.
    assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json))[^>]*>\s*\S", page)


def test_office_a_cannot_see_or_confirm_agency_b_jobs(client_for, office_a, office_b, agency_b):
    job = import_start(
        upload(xlsx(None, [["Lê Văn Bảy", None, None, None, None, agency_b.code, None, None]])),
        actor=office_b,
        agency=agency_b,
    )
    client = client_for(office_a)

    assert client.get(reverse("org_import:detail", args=[job.pk])).status_code == 404
    assert (
        client.post(reverse("org_import:confirm", args=[job.pk]), {"mode": "all"}).status_code
        == 404
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID
    assert client_for(office_b).get(reverse("org_import:detail", args=[job.pk])).status_code == 200


def test_staff_without_the_office_role_cannot_import(client_for, staff_a):
    client = client_for(staff_a)

    # Wagtail answers a refused admin page by sending the user back to the dashboard.
    for name in ("org_import:upload", "org_import:template"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("org_import:upload"))
    assert response.status_code == 302 and "login" in response.url


def test_template_downloads_opens_and_reimports_cleanly_when_filled(client_for, office_a, agency_a):
    client = client_for(office_a)

    response = client.get(reverse("org_import:template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Cơ quan", "Cán bộ", "Hướng dẫn"]
    people = workbook["Cán bộ"]
    assert [c.value for c in people[1]][:3] == ["Họ và tên*", "Giới tính", "Ngày sinh"]
    assert any("Nam" in str(v.formula1) for v in people.data_validations.dataValidation)
    assert workbook["Cơ quan"].data_validations.dataValidation  # the list of kinds
    workbook["Cơ quan"].append(
        ["SKHCN-P1", "Phòng Một", None, None, "Phòng, ban chuyên môn", "SKHCN"]
    )
    people.append(["Đỗ Thị Hoa", "Nữ", "01/02/1980", "001180000001", "Chuyên viên", "SKHCN-P1"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    job = import_start(upload(buffer.getvalue()), actor=office_a, agency=agency_a)

    assert job.status == ImportJob.Status.VALID, job.errors
    assert job.summary["agencies"]["create"] == 1 and job.summary["people"]["create"] == 1
