"""A unit head prepares a CSTĐCS dossier (generated achievement report, uploaded documents) and
sends it; the Office checks it and sees each rule's result with its legal basis. Screenshots
for docs/user-guide/awards.md."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from tests.awards.factories import initiative, make_person, ratings
from tests.browser.conftest import screenshot
from thidua.admindoc.model import AdminDocument, Section, Signer
from thidua.admindoc.render import render
from thidua.awards.models import Title

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mat-khau-thu-nghiem-2026"


@pytest.fixture
def catalogue(db):
    """The catalogue rows of the data migration (a transactional test may have flushed them)."""
    if not Title.objects.exists():
        importlib.import_module("thidua.awards.migrations.0002_catalogue").load(apps, None)


@pytest.fixture
def memo(tmp_path):
    path = tmp_path / "to-trinh.docx"
    path.write_bytes(
        render(
            AdminDocument(
                parent_body="UBND TỈNH AN GIANG",
                issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                type_name="Tờ trình",
                type_abbr="TTr",
                place="An Giang",
                title="Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở",
                sections=[Section("1", "Đề nghị", "Đề nghị tặng danh hiệu cho ông Phúc.")],
                signer=Signer(positions=["TRƯỞNG PHÒNG"]),
            )
        )
    )
    return path


def login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def test_unit_submits_a_dossier_and_the_office_sees_the_eligibility_result(
    live_server, catalogue, office_a, unit_head_a, division_a, memo, browser_page
):
    nominee = make_person(division_a, "Huỳnh Văn Phúc", position="Chuyên viên")
    ratings(nominee, y2025="good")
    initiative(nominee, 2025)
    page = browser_page
    base = live_server.url

    # The unit head starts the dossier
    login(page, base, "truongphong.a")
    page.goto(f"{base}/admin/awards/proposals/new/")
    page.select_option("select[name=title]", label="Chiến sĩ thi đua cơ sở")
    page.fill("input[name=year]", "2025")
    page.select_option("select[name=proposing_agency]", label=division_a.name)
    page.select_option("select[name=person]", label="Huỳnh Văn Phúc")
    page.fill("textarea[name=achievements]", "Hoàn thành tốt nhiệm vụ; sáng kiến cấp cơ sở.")
    screenshot(page, "ho-so-moi")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã tạo hồ sơ")).to_be_visible()

    # Attaches the generated achievement report, then uploads the memo and the minutes
    page.get_by_role("button", name="Đính kèm báo cáo do hệ thống tạo").click()
    expect(page.get_by_text("Đã đính kèm báo cáo thành tích")).to_be_visible()
    for kind in ("to_trinh", "bien_ban_binh_xet", "xac_nhan_sang_kien"):
        page.select_option("select[name=kind]", kind)
        page.set_input_files("input[name=file]", str(memo))
        page.get_by_role("button", name="Tải lên", exact=True).click()
        expect(page.get_by_text("Đã tải lên")).to_be_visible()
    screenshot(page, "ho-so-tai-lieu")
    page.get_by_role("button", name="Gửi Văn phòng").click()
    expect(page.get_by_text("Đã gửi hồ sơ đến Văn phòng.")).to_be_visible()

    # The Office finds it on the dashboard, checks it and reads each rule with its article
    login(page, base, "vanphong.a")
    panel = page.get_by_text("Hồ sơ khen thưởng chờ bạn xử lý")
    expect(panel).to_be_visible()
    screenshot(page, "ho-so-cho-xu-ly")
    page.get_by_role("link", name=re.compile("Huỳnh Văn Phúc – CSTĐCS 2025")).click()
    page.get_by_role("button", name=re.compile("Thẩm định")).click()
    expect(page.get_by_text("Hồ sơ đầy đủ và đủ tiêu chuẩn.")).to_be_visible()
    result = page.locator("#eligibility-result")
    expect(result).to_contain_text("Đủ tiêu chuẩn")
    expect(result).to_contain_text(
        "Điều 23 Luật TĐKT 2022: cần xếp loại Hoàn thành tốt nhiệm vụ trở lên năm 2025"
    )
    expect(page.locator("#proposal-status")).to_have_text("Văn phòng đã thẩm định")
    screenshot(page, "ho-so-tham-dinh")

    # Who else qualifies this year in the unit
    page.goto(f"{base}/admin/awards/candidates/?agency={division_a.pk}&year=2025")
    expect(page.get_by_role("link", name="Huỳnh Văn Phúc").first).to_be_visible()
    screenshot(page, "xet-du-tieu-chuan")

    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
