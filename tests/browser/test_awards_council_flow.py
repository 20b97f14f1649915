"""The council flow in a browser: the secretary opens a session, three members vote from
separate browser contexts, the chair closes, the Office drafts and issues the decision, and the
certificate's public verification page shows it. Screenshots for docs/user-guide/council.md."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.awards import council_helpers
from tests.browser.conftest import screenshot
from thidua.awards.models import Certificate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
world = council_helpers.world
PASSWORD = "Mat-khau-thu-nghiem-2026"


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def test_council_session_to_verified_certificate(live_server, world, browser_page):
    base = live_server.url
    page = browser_page
    browser = page.context.browser

    # The secretary creates the session, puts both dossiers on the agenda and opens the vote
    login(page, base, world.secretary.username)
    page.goto(f"{base}/admin/awards/councils/{world.council.pk}/")
    page.get_by_role("link", name="Tạo phiên họp").click()
    page.fill("input[name=name]", "Phiên họp xét khen thưởng năm 2025")
    page.fill("input[name=year]", "2025")
    page.fill("input[name=date]", "15/12/2025")
    page.fill("input[name=place]", "Hội trường Sở")
    page.get_by_role("button", name="Tạo phiên họp").click()
    expect(page.get_by_text("Đang chuẩn bị")).to_be_visible()
    page.get_by_label(re.compile("Chiến sĩ thi đua cơ sở: Phạm Thị Thảo")).check()
    page.get_by_label(re.compile("Giấy khen: Đoàn Văn Nam")).check()
    page.get_by_role("button", name="Thêm vào chương trình").click()
    expect(page.locator("#agenda")).to_contain_text("Đoàn Văn Nam")
    screenshot(page, "council-chuong-trinh")
    page.locator("#open-button").click()
    expect(page.locator("#session-status")).to_have_text("Đang bỏ phiếu")
    session_url = page.url

    # Three members vote, each from a browser of their own
    member_pages = []
    for index, user in enumerate(world.members):
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        member = context.new_page()
        member.set_default_timeout(15_000)
        login(member, base, user.username)
        member.goto(session_url)
        member.locator("#vote-button").click()
        expect(member.locator("fieldset")).to_have_count(2)
        choices = ["Đồng ý", "Đồng ý"] if index < 2 else ["Không đồng ý", "Đồng ý"]
        for fieldset, choice in zip(member.locator("fieldset").all(), choices, strict=True):
            fieldset.get_by_label(choice, exact=True).check()
        if index == 0:
            screenshot(member, "council-phieu-bau")
        member.get_by_role("button", name="Bỏ phiếu").click()
        expect(member.locator("#voted-note")).to_be_visible()
        member_pages.append(member)

    # Before closing nobody sees a count: the secretary sees the turnout only
    page.reload()
    expect(page.locator("#turnout")).to_contain_text("3/3")
    expect(page.get_by_text("Kết quả được niêm phong")).to_be_visible()
    screenshot(page, "council-niem-phong")

    # The chair closes the vote; the results appear
    chair = member_pages[0]
    chair.reload()
    chair.locator("#close-button").click()
    expect(chair.locator("#session-status")).to_have_text("Đã kết thúc bỏ phiếu")
    expect(chair.locator("#agenda")).to_contain_text("2/3")
    screenshot(chair, "council-ket-qua")
    for member in member_pages:
        member.context.close()

    # The secretary draws up the minutes
    page.reload()
    page.locator("#minutes-button").click()
    expect(page.get_by_text(re.compile(r"Biên bản số 01/BB-SKHCN"))).to_be_visible()

    # The Office drafts the decision from the result and issues it
    office_context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    office = office_context.new_page()
    office.set_default_timeout(15_000)
    login(office, base, world.office.username)
    office.goto(session_url)
    office.locator("#draft-decision-button").click()
    expect(office.locator("#awardees")).to_contain_text("Phạm Thị Thảo")
    office.fill("input[name=signer_name]", "Nguyễn Hữu Phước")
    office.get_by_role("button", name="Lưu dự thảo").click()
    screenshot(office, "council-du-thao-quyet-dinh")
    office.fill("input[name=date]", "22/12/2025")
    office.locator("#issue-button").click()
    expect(office.locator("#decision-status")).to_have_text("Đã ban hành")
    expect(office.locator("#decision-symbol")).to_have_text("01/QĐ-SKHCN")
    screenshot(office, "council-quyet-dinh")

    # The certificate's public page (the QR code's target) shows the award
    code = Certificate.objects.get(kind="giay_khen").code
    office_context.close()
    page.goto(f"{base}/xac-minh/{code}/")
    expect(page.get_by_text("CÒN HIỆU LỰC")).to_be_visible()
    expect(page.get_by_text("Đoàn Văn Nam")).to_be_visible()
    expect(page.get_by_text(re.compile("Số 01/QĐ-SKHCN ngày 22/12/2025"))).to_be_visible()
    screenshot(page, "council-xac-minh")

    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
