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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from thidua.admindoc import layout, render
from thidua.awards.models import Awardee, Certificate, CertificateKind, Decision
from thidua.awards.services.paperwork import place_of
from thidua.core.i18n import in_official_language
from thidua.org.models import Gender

CERTIFIED_KINDS = {
    CertificateKind.GIAY_KHEN: "GIẤY KHEN",
    CertificateKind.BANG_KHEN: "BẰNG KHEN",
    CertificateKind.BANG_CHUNG_NHAN: "BẰNG CHỨNG NHẬN",
}
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
    # Page, margins, Times New Roman defaults and the helpers below are admindoc's, so a
    # certificate is typeset exactly like the Decree 30 documents render() writes.
    render._setup_styles(document)
    render._setup_page(document)
    document.core_properties.language = "vi-VN"
    agency = decision.agency
    cell = render._borderless_table(document, 1, [16.5]).rows[0].cells[0]
    _line(cell, layout.NATIONAL_NAME, 13, bold=True)
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

    bottom = render._borderless_table(
        document, 1, [layout.SIGNATURE_LEFT_CM, layout.SIGNATURE_RIGHT_CM]
    )
    left, right = bottom.rows[0].cells
    picture = left.paragraphs[0]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(24)
    picture.add_run().add_picture(io.BytesIO(qr_png(verify_url(certificate.code))), width=Cm(3))
    _line(left, f"Số: {decision.symbol}", layout.NUMBER.size_pt)
    _line(left, _("Mã xác minh: %(c)s") % {"c": certificate.code}, 11)
    _line(left, _("Quét mã QR để kiểm tra"), 11, italic=True)
    date_line = layout.format_place_date(place_of(agency), decision.date)
    _line(right, date_line, layout.PLACE_DATE.size_pt, italic=True, space_before=24)
    positions = [p.strip() for p in decision.signer_position.split("/") if p.strip()]
    for line in layout.signer_lines(decision.signer_authority or None, positions):
        _line(right, line, layout.SIGNER_POSITION.size_pt, bold=True)
    for _blank in range(layout.SIGNATURE_SPACE_LINES):
        _line(right, "", layout.SIGNER_NAME.size_pt)
    _line(right, decision.signer_name, layout.SIGNER_NAME.size_pt, bold=True)
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


def _line(  # type: ignore[no-untyped-def]
    cell, text: str, size: float, *, bold: bool = False, italic: bool = False, space_before=0
) -> None:
    """A centred line in a cell (the cell's first, empty paragraph is used first)."""
    style = layout.TextStyle(size, layout.Range(size, size), bold=bold, italic=italic)
    render._add_paragraph(cell, text, style, space_before=space_before)


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
