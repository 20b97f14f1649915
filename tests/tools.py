"""External tools the tests need (no Django import, shared by every test folder).

Tesseract with ``vie``, LibreOffice, pdftoppm and Chromium are optional on a laptop but required
in CI: ``require_tool`` skips a test when a tool is missing, and fails it when the environment
variable CI is set, so CI can never pass by silently skipping.
"""

from __future__ import annotations

import os
import shutil

import pytest

_TOOL_HINTS = {
    "tesseract": "apt-get install tesseract-ocr tesseract-ocr-vie",
    "libreoffice": "apt-get install libreoffice-writer-nogui",
    "libreoffice-calc": "apt-get install libreoffice-calc-nogui",
    "pdftoppm": "apt-get install poppler-utils",
    "chromium": "apt-get install chromium",
}


def _tool_path(name: str) -> str | None:
    if name == "tesseract":
        from thidua.admindoc.extract_ocr import ocr_available

        # the binary *and* the Vietnamese language data
        return shutil.which("tesseract") if ocr_available() else None
    if name == "libreoffice":
        return shutil.which("libreoffice") or shutil.which("soffice")
    if name == "libreoffice-calc":  # LibreOffice with its spreadsheet module
        office = shutil.which("libreoffice") or shutil.which("soffice")
        calc = os.path.exists("/usr/lib/libreoffice/program/libsclo.so")
        return office if office and calc else None
    return shutil.which(name)


def require_tool(name: str) -> str:
    """The tool's path; skips the calling test when it is missing, fails it when CI is set."""
    path = _tool_path(name)
    if path:
        return path
    message = f"{name} is not installed ({_TOOL_HINTS.get(name, 'install it')})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must have every tool the tests need.")
    pytest.skip(message)
