"""The Office imports a staff list from Excel in the browser: a bad row is reported with its row
and column, nothing is written, then only the valid rows are imported."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.org.import_helpers import xlsx
from thidua.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    ["Lâm Thị Diệu", "Nữ", "12/03/1988", "089188000123", "Chuyên viên", "SKHCN-VP", None, None],
    ["Phạm Văn Dũng", "Nam", "31/02/1980", None, "Chuyên viên", "SKHCN-VP", None, None],
]


def test_office_imports_valid_rows_after_reading_the_error(
    live_server, office_a, division_a, browser_page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    workbook = tmp_path / "danh-sach-can-bo.xlsx"
    workbook.write_bytes(xlsx(None, PEOPLE))
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "vanphong.a")
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()

    page.goto(f"{live_server.url}/admin/org/import/")
    screenshot(page, "nhap-excel")
    expect(page.locator("select[name=agency]")).to_have_value(str(division_a.parent_id))
    page.select_option("select[name=agency]", label=division_a.parent.name)
    page.set_input_files("input[name=file]", str(workbook))
    page.get_by_role("button", name=re.compile("Tải lên và kiểm tra")).click()

    error = page.get_by_text(re.compile("31/02/1980"))
    expect(error.first).to_be_visible()
    expect(page.locator("table").first).to_contain_text("C")  # the column letter of "Ngày sinh"
    screenshot(page, "nhap-excel-loi")
    assert not Person.objects.filter(full_name__in=["Lâm Thị Diệu", "Phạm Văn Dũng"]).exists()

    page.get_by_role("button", name="Chỉ nhập các dòng hợp lệ").click()
    expect(page.get_by_text(re.compile("Đã nhập xong"))).to_be_visible()
    assert Person.objects.filter(full_name="Lâm Thị Diệu", agency=division_a).exists()
    assert not Person.objects.filter(full_name="Phạm Văn Dũng").exists()
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
