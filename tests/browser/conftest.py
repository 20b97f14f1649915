import os

import pytest
from django.db import connections

from tests.tools import require_tool

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page():
    """Request data fixtures before this one, so they are created outside Playwright's loop.

    A Chromium page (Debian's /usr/bin/chromium, driven by Playwright) recording console
    errors."""
    from playwright.sync_api import sync_playwright

    executable = require_tool("chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
    # and the live server are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()
        # Connections opened while Playwright's event loop ran are local to that context:
        # close them here, or the test database cannot be dropped afterwards.
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def screenshot(page, name: str) -> None:
    """Screenshots for the user guide, written only when THIDUA_SCREENSHOTS names a folder."""
    folder = os.environ.get("THIDUA_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"))
