"""An editor writes an article about an exemplar, a leader approves it, it appears on the home
page and in /search/ typed without diacritics; axe-core finds no serious or critical violation
on the home page, an article, an exemplar profile, the document library and search. Screenshots
for docs/user-guide/editors.md (THIDUA_SCREENSHOTS)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.exemplars.factories import make_exemplar
from tests.portal.conftest import (  # noqa: F401 (fixtures)
    _empty_page_cache,
    add_document,
    editor,
    leader,
    portal,
    run_worker,
)
from thidua.exemplars.models import Stage
from thidua.portal.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (
    Path(__file__).resolve().parents[2]
    / "var"
    / "node"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)
PASSWORD = "Mat-khau-thu-nghiem-2026"


def require_axe() -> str:
    """axe-core's script; skips without it on a laptop, fails in CI (.ci/run installs it)."""
    if AXE.is_file():
        return AXE.read_text()
    message = "axe-core is not installed (npm install --prefix var/node axe-core)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it (.ci/run).")
    pytest.skip(message)


def assert_accessible(page, axe_source: str, label: str) -> None:
    page.evaluate(axe_source)
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', "
        "'wcag21a', 'wcag21aa', 'best-practice']}); return r.violations.map(v => "
        "({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));}"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{label}: {serious}"


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def test_editor_writes_leader_approves_public_finds_it(
    live_server,
    portal,  # noqa: F811 (fixture imported above)
    editor,  # noqa: F811
    leader,  # noqa: F811
    division_a,
    agency_a,
    browser_page,
):
    axe = require_axe()
    exemplar = make_exemplar(
        division_a,
        name="Lê Thị Hồng Gấm",
        stage=Stage.RECOGNISED,
        summary="Sáng kiến số hóa hồ sơ một cửa.",
        approved_for_publication=True,
    )
    add_document(agency_a, summary="Kế hoạch tuyên truyền gương điển hình tiên tiến năm 2026")
    base = live_server.url
    page = browser_page

    # The editor writes the article and sends it for approval.
    log_in(page, base, editor.username)
    page.goto(f"{base}/admin/pages/add/portal/articlepage/{portal.exemplars.pk}/")
    page.fill("input[name=title]", "Chị Lê Thị Hồng Gấm – gương sáng số hóa một cửa")
    page.fill("textarea[name=summary]", "Sáng kiến của chị giúp người dân chờ ít hơn 30%.")
    page.locator(".Draftail-Editor [contenteditable=true]").first.click()
    page.keyboard.type("Điển hình tiên tiến của Sở Khoa học và Công nghệ năm 2026.")
    page.select_option("select[name=exemplars]", value=str(exemplar.pk))
    screenshot(page, "portal-viet-tin")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    submit = page.get_by_role("button", name="Gửi duyệt theo Duyệt tin bài")
    expect(submit).to_be_visible()
    page.wait_for_timeout(400)  # the menu slides open
    submit.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"))
    expect(page.get_by_text("Đã tạo và gửi duyệt trang").first).to_be_visible()
    article = ArticlePage.objects.get(title__startswith="Chị Lê Thị Hồng Gấm")
    assert not article.live
    assert article.current_workflow_state is not None

    # The leader sees it waiting, and approves it.
    context = page.context.browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    leader_page = context.new_page()
    leader_page.set_default_timeout(15_000)
    log_in(leader_page, base, leader.username)
    expect(leader_page.get_by_text("Lịch đăng tin trên cổng")).to_be_visible()
    screenshot(leader_page, "portal-cho-duyet")
    leader_page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    leader_page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    approve = leader_page.locator("button[data-workflow-action-name='approve']").first
    expect(approve).to_be_visible()
    leader_page.wait_for_timeout(400)
    screenshot(leader_page, "portal-duyet-tin")
    approve.click()
    article.refresh_from_db()
    for _ in range(20):
        if article.live:
            break
        leader_page.wait_for_timeout(250)
        article.refresh_from_db()
    assert article.live
    context.close()
    run_worker()  # the worker indexes the published article

    # The public sees it on the home page and finds it typed without diacritics.
    public = page.context.browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    visitor = public.new_page()
    visitor_errors: list[str] = []
    visitor.on("console", lambda msg: msg.type == "error" and visitor_errors.append(msg.text))
    visitor.goto(f"{base}/")
    expect(visitor.get_by_role("link", name=re.compile("Chị Lê Thị Hồng Gấm"))).to_be_visible()
    screenshot(visitor, "portal-trang-chu")
    assert_accessible(visitor, axe, "home")

    visitor.get_by_role("link", name=re.compile("Chị Lê Thị Hồng Gấm")).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Hồng Gấm")
    assert_accessible(visitor, axe, "article")

    visitor.goto(f"{base}/guong-dien-hinh/{exemplar.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Lê Thị Hồng Gấm")
    # The approved article counts in the exemplar's coverage, listed on its profile
    expect(visitor.get_by_text(re.compile("Chị Lê Thị Hồng Gấm – gương sáng"))).to_be_visible()
    assert_accessible(visitor, axe, "exemplar profile")

    visitor.goto(f"{base}{portal.library.url}")
    expect(
        visitor.get_by_text("Kế hoạch tuyên truyền gương điển hình tiên tiến năm 2026")
    ).to_be_visible()
    assert_accessible(visitor, axe, "document library")

    visitor.goto(f"{base}/")
    visitor.fill("#site-search-q", "guong sang so hoa mot cua")
    visitor.keyboard.press("Enter")
    expect(visitor.locator("mark").first).to_be_visible()
    expect(visitor.get_by_role("link", name=re.compile("Hồng Gấm")).first).to_be_visible()
    screenshot(visitor, "portal-tim-kiem")
    assert_accessible(visitor, axe, "search")

    # Keyboard: the first Tab reaches the skip link, which leads to the main content.
    visitor.goto(f"{base}/")
    visitor.keyboard.press("Tab")
    expect(visitor.locator(".skip-link")).to_be_focused()
    public.close()
    # The public pages run under the strict CSP (no inline script or style) without a violation.
    csp_errors = [e for e in visitor_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
    # The article editor too (the image chooser is initialised without an inline script).
    admin_csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert admin_csp_errors == [], admin_csp_errors
