"""Certificates (Giấy khen, Bằng khen, Bằng chứng nhận) as printable .docx, and as PDF through
LibreOffice when it is installed. Each carries a verification code and a QR code of the public
page ``/xac-minh/<code>/``, which says who was awarded what, by which decision, and whether the
award was revoked. Lao động tiên tiến has no certificate (the decision only).

A certificate is not one of the administrative document types of Decree 30 (Art. 7): it has no
type name line and no "Nơi nhận". Everything else it shares with them (A4 portrait, margins,
Times New Roman in black, national name and motto, "Số:", place and date) follows the Decree and
passes ``admindoc.check`` (which knows a certificate has no type name and no «Nơi nhận»).
"""

from __future__ import annotations

import io
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from thidua.admindoc import layout
from thidua.awards.models import Awardee, Certificate, CertificateKind, Decision
from thidua.awards.services.paperwork import place_of
from thidua.core.i18n import in_official_language
from thidua.org.models import Gender

CERTIFIED_KINDS = {
    CertificateKind.GIAY_KHEN: "GIẤY KHEN",
    CertificateKind.BANG_KHEN: "BẰNG KHEN",
    CertificateKind.BANG_CHUNG_NHAN: "BẰNG CHỨNG NHẬN",
}
# admindoc.check rules that a certificate by its nature does not meet (see the module docstring).
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud without confusion


def new_code() -> str:
    """ "K7QX-M2PA-9RTB": 12 random characters (60 bits), grouped for reading aloud."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def verify_url(code: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("awards_public:verify", args=[code])


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def certificates_create(decision: Decision, awardees: list[Awardee]) -> list[Certificate]:
    """One certificate for each awardee whose title comes with one. Runs inside the issuing
    transaction (decision_issue)."""
    created = []
    for awardee in awardees:
        kind = awardee.title.certificate_kind
        if kind not in CERTIFIED_KINDS:
            continue
        certificate = Certificate(awardee=awardee, code=new_code(), kind=kind)
        certificate.file.save(
            f"{certificate.code}.docx",
            ContentFile(certificate_docx(certificate, decision)),
            save=False,
        )
        certificate.save()
        created.append(certificate)
    return created


@in_official_language
def certificate_docx(certificate: Certificate, decision: Decision) -> bytes:
    awardee = certificate.awardee
    document = Document()
    _setup(document)
    agency = decision.agency
    top = _table(document, [16.5])
    cell = top.rows[0].cells[0]
    _line(cell, layout.NATIONAL_NAME, 13, bold=True, first=True)
    _line(cell, layout.MOTTO, 14, bold=True)
    _line(cell, "", 14)
    authority = decision.signer_position.split("/")[0].strip().upper()
    _line(cell, f"{authority} {agency.name.upper()}", 14, bold=True, space_before=18)
    _line(cell, _("TẶNG"), 16, bold=True, space_before=12)
    _line(cell, CERTIFIED_KINDS[certificate.kind], 32, bold=True, space_before=6)
    _line(cell, _salutation(awardee), 22, bold=True, italic=True, space_before=18)
    if awardee.unit_name:
        _line(cell, awardee.unit_name, 14, space_before=6)
    _line(cell, _reason(certificate, awardee, decision), 14, italic=True, space_before=12)

    bottom = _table(document, [7.5, 9.0])
    left, right = bottom.rows[0].cells
    picture = left.paragraphs[0]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(24)
    picture.add_run().add_picture(io.BytesIO(qr_png(verify_url(certificate.code))), width=Cm(3))
    _line(left, f"Số: {decision.symbol}", 13)
    _line(left, _("Mã xác minh: %(c)s") % {"c": certificate.code}, 11)
    _line(left, _("Quét mã QR để kiểm tra"), 11, italic=True)
    date_line = layout.format_place_date(place_of(agency), decision.date)
    _line(right, date_line, 14, italic=True, first=True, space_before=24)
    for index, position in enumerate(p for p in decision.signer_position.split("/") if p.strip()):
        prefix = f"{decision.signer_authority} " if decision.signer_authority and not index else ""
        _line(right, f"{prefix}{position.strip()}".upper(), 14, bold=True)
    for _blank in range(4):
        _line(right, "", 14)
    _line(right, decision.signer_name, 14, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _salutation(awardee: Awardee) -> str:
    if awardee.person_id:
        honorific = _("Bà") if awardee.person.gender == Gender.FEMALE else _("Ông")
        return f"{honorific} {awardee.name}"
    return awardee.name


def _reason(certificate: Certificate, awardee: Awardee, decision: Decision) -> str:
    if certificate.kind == CertificateKind.BANG_CHUNG_NHAN:
        return _("Đạt danh hiệu %(t)s năm %(y)s") % {"t": awardee.title.name, "y": decision.year}
    return _("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm %(y)s") % {"y": decision.year}


def _setup(document: Document) -> None:  # type: ignore[valid-type]
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(layout.PAGE_WIDTH_MM)
    section.page_height = Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin = Mm(layout.MARGIN_TOP_MM.chosen)
    section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM.chosen)
    section.left_margin = Mm(layout.MARGIN_LEFT_MM.chosen)
    section.right_margin = Mm(layout.MARGIN_RIGHT_MM.chosen)
    normal = document.styles["Normal"]
    normal.font.name = layout.FONT_NAME
    normal.font.size = Pt(layout.BODY.size_pt)
    _fonts(normal.element.get_or_add_rPr())
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    document.core_properties.language = "vi-VN"


def _fonts(rpr) -> None:  # type: ignore[no-untyped-def]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), layout.FONT_NAME)


def _table(document, widths: list[float]):  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(widths):
        table.rows[0].cells[index].width = Cm(width)
    return table


def _line(cell, text: str, size: float, *, bold=False, italic=False, first=False, space_before=0):  # type: ignore[no-untyped-def]
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.name = layout.FONT_NAME
    _fonts(run._r.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = RGBColor.from_string(layout.COLOR_BLACK)


# --- PDF -----------------------------------------------------------------------------------------
def libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def docx_to_pdf(data: bytes, timeout: int = 120) -> bytes | None:
    """The .docx converted by LibreOffice (headless), or None when LibreOffice is not installed."""
    binary = libreoffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "giay.docx"
        source.write_bytes(data)
        subprocess.run(  # noqa: S603 - our own binary path and temporary files
            [
                binary,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (Path(folder) / "giay.pdf").read_bytes()
