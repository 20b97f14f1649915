"""The report's streaming .xlsx writer makes files that LibreOffice opens: text with
diacritics, numbers, escaped markup and links come out as written."""

from __future__ import annotations

import csv
import io
import subprocess

import openpyxl

from tests.tools import require_tool
from thidua.reports import xlsx


def build(path) -> None:
    with path.open("wb") as stream:
        book = xlsx.Workbook(stream)
        sheet = book.sheet("Hoạt động tuyên truyền", (30, 12, 40), freeze_header=True)
        sheet.append(["Nội dung", "Số người", "Liên kết"], xlsx.STYLE_HEADING)
        sheet.append(
            ["Hội nghị điển hình tiên tiến <Đắk Lắk> & “Thi đua”", 120],
            xlsx.STYLE_TEXT,
            link="https://thidua.example.vn/admin/a?b=1&c=2",
            link_style=xlsx.STYLE_LINK_WRAP,
        )
        sheet.append([None, 3.5, "Bình xét\ncuối năm"], xlsx.STYLE_TEXT)
        book.sheet("Hoạt động tuyên truyền")  # a repeated title gets a suffix
        book.save()


def test_openpyxl_reads_what_was_written(tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    build(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Hoạt động tuyên truyền", "Hoạt động tuyên truyền (2)"]
    sheet = book.worksheets[0]
    assert sheet["A2"].value == "Hội nghị điển hình tiên tiến <Đắk Lắk> & “Thi đua”"
    assert sheet["B2"].value == 120
    assert sheet["C2"].hyperlink.target == "https://thidua.example.vn/admin/a?b=1&c=2"
    assert sheet["C3"].value == "Bình xét\ncuối năm"
    assert sheet.freeze_panes == "A2"


def test_libreoffice_opens_it(tmp_path):
    soffice = require_tool("libreoffice-calc")
    path = tmp_path / "bao-cao.xlsx"
    build(path)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "bao-cao.csv").read_text("utf-8"))))
    assert rows[0] == ["Nội dung", "Số người", "Liên kết"]
    assert rows[1] == [
        "Hội nghị điển hình tiên tiến <Đắk Lắk> & “Thi đua”",
        "120",
        "https://thidua.example.vn/admin/a?b=1&c=2",
    ]
    assert rows[2][1] == "3.5"
