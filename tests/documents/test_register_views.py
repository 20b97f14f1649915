"""The outgoing register's screens: scoped list with filters and pages, a number taken by hand
with its summary, a cancellation with its reason (shown, never reused), the .xlsx export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from thidua.documents import services
from thidua.documents.models import OutgoingNumber
from thidua.org.models import Agency

pytestmark = pytest.mark.django_db
D = dt.date(2026, 3, 15)


def _take(agency, actor, summary="V/v tổ chức hội nghị", type_abbr="KH"):
    return services.register_number_take(
        agency=agency, type_abbr=type_abbr, date=D, summary=summary, actor=actor
    )


def test_office_takes_and_cancels_a_number_by_hand(client_for, office_a, agency_a):
    client = client_for(office_a)
    response = client.post(
        reverse("documents:number_take"),
        {"agency": agency_a.pk, "type_abbr": "", "date": "15/03/2026", "summary": "V/v mời họp"},
    )
    assert response.status_code == 302
    entry = OutgoingNumber.objects.get()
    assert entry.symbol == "01/SKHCN" and entry.summary == "V/v mời họp"

    # Cancelling needs a reason
    url = reverse("documents:number_cancel", args=[entry.pk])
    assert client.post(url, {"reason": "  "}).status_code == 200
    entry.refresh_from_db()
    assert not entry.is_cancelled
    client.post(url, {"reason": "Trùng nội dung với công văn khác"})
    entry.refresh_from_db()
    assert entry.is_cancelled and entry.cancel_reason == "Trùng nội dung với công văn khác"

    # The list shows it cancelled with its reason; the next number is 02
    page = client.get(reverse("documents:register_list"), {"status": "cancelled"}).content
    assert "Trùng nội dung với công văn khác" in page.decode()
    letters = client.get(reverse("documents:register_list"), {"type_abbr": "-"}).content
    assert "01/SKHCN" in letters.decode()
    assert _take(agency_a, office_a, type_abbr="").symbol == "02/SKHCN"


def test_taking_a_number_needs_a_summary_and_the_office(office_a, staff_a, office_b, agency_a):
    with pytest.raises(ValidationError):
        _take(agency_a, office_a, summary=" ")
    for outsider in (staff_a, office_b):
        with pytest.raises(ValidationError):
            _take(agency_a, outsider)
    assert not OutgoingNumber.objects.exists()


def test_the_register_is_scoped(client_for, office_a, office_b, leader_a, staff_a, agency_a):
    entry = _take(agency_a, office_a, summary="Kế hoạch tuyên truyền riêng của Sở A")
    assert (
        "riêng của Sở A"
        in client_for(leader_a).get(reverse("documents:register_list")).content.decode()
    )
    for outsider in (office_b, staff_a):
        client = client_for(outsider)
        listing = client.get(reverse("documents:register_list")).content.decode()
        assert "riêng của Sở A" not in listing
        exported = client.get(reverse("documents:register_export")).content
        assert "riêng của Sở A" not in _cells(exported)
        cancel = client.post(reverse("documents:number_cancel", args=[entry.pk]), {"reason": "x"})
        assert cancel.status_code == 404
    entry.refresh_from_db()
    assert not entry.is_cancelled
    # the leadership reads but does not cancel
    assert client_for(leader_a).get(
        reverse("documents:number_cancel", args=[entry.pk])
    ).status_code in (302, 403)


def _cells(data: bytes) -> str:
    sheet = load_workbook(io.BytesIO(data)).active
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


def test_filters_pages_and_export(client_for, office_a, agency_a):
    for i in range(55):
        _take(agency_a, office_a, summary=f"Kế hoạch số {i + 1}")
    qd = _take(agency_a, office_a, summary="=HYPERLINK(1)", type_abbr="QĐ")
    client = client_for(office_a)

    first = client.get(reverse("documents:register_list"), {"type_abbr": "KH"}).content.decode()
    assert "55/KH-SKHCN" in first and "05/KH-SKHCN" not in first and "Trang 1<" in first
    assert "p=2" in first  # one row more than a page: a next page, without counting
    second = client.get(reverse("documents:register_list"), {"type_abbr": "KH", "p": 2})
    assert "05/KH-SKHCN" in second.content.decode()
    only_qd = client.get(reverse("documents:register_list"), {"type_abbr": "QĐ"}).content
    assert qd.symbol in only_qd.decode() and "55/KH-SKHCN" not in only_qd.decode()
    found = client.get(reverse("documents:register_list"), {"q": "ke hoach so 17"}).content
    assert "17/KH-SKHCN" in found.decode() and "16/KH-SKHCN" not in found.decode()
    other_year = client.get(reverse("documents:register_list"), {"year": 2025}).content
    assert "Chưa có số nào khớp bộ lọc" in other_year.decode()

    response = client.get(reverse("documents:register_export"), {"type_abbr": "QĐ"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 1 and rows[0][4] == "01/QĐ-SKHCN"
    assert sheet.cell(row=4, column=7).data_type == "s"  # text, never a formula


def test_merged_agency_takes_numbers_from_its_successor_register(
    client_for, office_a, agency_a, agency_b
):
    Agency.objects.filter(pk=agency_b.pk).update(valid_to=dt.date(2026, 1, 31), successor=agency_a)
    agency_b.refresh_from_db()
    entry = services.number_reserve(agency=agency_b, type_abbr="KH", date=D, actor=office_a)
    assert entry.symbol == "01/KH-SKHCN"
    page = client_for(office_a).get(reverse("documents:register_list")).content.decode()
    assert "01/KH-SKHCN" in page
