"""The award decision as a Decree 30 .docx: the decision itself through ``admindoc.render``, then
the list of awardees as an appendix on its own page (a table, Times New Roman, black)."""

from __future__ import annotations

import io
from collections import OrderedDict

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm

from thidua.admindoc import layout
from thidua.admindoc import render as render_helpers
from thidua.admindoc.model import AdminDocument, Basis, Section, Signer
from thidua.admindoc.render import render
from thidua.awards.models import Awardee, Decision
from thidua.awards.services.money import format_vnd
from thidua.awards.services.paperwork import parent_body_of, place_of
from thidua.core.i18n import in_official_language
from thidua.core.text import date_in_words

LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE_BASIS = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật "
    "Thi đua, khen thưởng;"
)


@in_official_language
def decision_document(decision: Decision, awardees: list[Awardee]) -> AdminDocument:
    agency = decision.agency
    by_title: OrderedDict[str, list[Awardee]] = OrderedDict()
    for awardee in awardees:
        by_title.setdefault(awardee.title.name, []).append(awardee)
    bases = [Basis(LAW_BASIS), Basis(DECREE_BASIS)]
    session = decision.session
    if session is not None and session.minutes_number_id:
        bases.append(
            Basis(
                _("Căn cứ Biên bản họp %(c)s số %(n)s ngày %(d)s;")
                % {
                    "c": session.council.name,
                    "n": session.minutes_number.symbol,
                    "d": session.date.strftime("%d/%m/%Y"),
                }
            )
        )
    bases.append(Basis(_("Theo đề nghị của Chánh Văn phòng.")))
    article_one = [
        _("Tặng %(t)s cho %(n)s %(who)s có thành tích năm %(y)s (có danh sách kèm theo).")
        % {
            "t": title,
            "n": len(group),
            "who": _("tập thể") if group[0].agency_id else _("cá nhân"),
            "y": decision.year,
        }
        for title, group in by_title.items()
    ]
    total = sum(a.amount for a in awardees)
    sections = [
        Section("", _("QUYẾT ĐỊNH:")),
        Section("Điều 1", " ".join(article_one)),
        Section(
            "Điều 2",
            _(
                "Kèm theo danh hiệu, hình thức khen thưởng là tiền thưởng theo Điều 54 Nghị định "
                "số 98/2023/NĐ-CP (mức lương cơ sở %(b)s đồng), tổng cộng %(t)s đồng, chi từ "
                "quỹ thi đua, khen thưởng của cơ quan."
            )
            % {"b": format_vnd(decision.base_salary or 0), "t": format_vnd(total)},
        ),
        Section(
            "Điều 3",
            _(
                "Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan và các cá nhân, tập thể có "
                "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
            ),
        ),
    ]
    return AdminDocument(
        parent_body=parent_body_of(agency),
        issuer=agency.name.upper(),
        number=decision.symbol or None,
        type_abbr="QĐ",
        type_name="Quyết định",
        place=place_of(agency),
        date=decision.date,
        title=decision.summary,
        bases=bases,
        sections=sections,
        recipients=[_("Như Điều 3"), _("Lưu: VT, VP")],
        signer=Signer(
            authority=decision.signer_authority or None,  # type: ignore[arg-type]
            positions=[p for p in decision.signer_position.split("/") if p.strip()],
            name=decision.signer_name,
        ),
    )


def decision_docx(decision: Decision, awardees: list[Awardee]) -> bytes:
    document = Document(io.BytesIO(render(decision_document(decision, awardees))))
    _appendix(document, decision, awardees)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _run(paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    style = layout.TextStyle(size, layout.Range(size, size), bold=bold, italic=italic)
    render_helpers._style_run(paragraph.add_run(text), style)


def _centred(document, text: str, size: float, *, bold=False, italic=False, page_break=False):  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if page_break:
        paragraph.add_run().add_break(WD_BREAK.PAGE)
    _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _appendix(document, decision: Decision, awardees: list[Awardee]) -> None:  # type: ignore[no-untyped-def]
    _centred(document, _("DANH SÁCH"), 14, bold=True, page_break=True)
    _centred(
        document,
        _("Cá nhân, tập thể được khen thưởng năm %(y)s") % {"y": decision.year},
        14,
        bold=True,
    )
    reference = _("(Kèm theo Quyết định số %(n)s %(d)s của %(a)s)") % {
        "n": decision.symbol or "      ",
        "d": date_in_words(decision.date) if decision.date else "",
        "a": decision.agency.name,
    }
    _centred(document, reference, 13, italic=True)
    headers = [
        _("STT"),
        _("Họ và tên / Tên tập thể"),
        _("Chức vụ, đơn vị"),
        _("Danh hiệu, hình thức"),
        _("Tiền thưởng (đồng)"),
    ]
    widths = [1.2, 4.3, 4.6, 3.6, 2.8]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, text in enumerate(headers):
        cell = table.rows[0].cells[index]
        cell.width = Cm(widths[index])
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], text, 12, bold=True)
    for number, awardee in enumerate(awardees, start=1):
        cells = table.add_row().cells
        values = [
            str(number),
            awardee.name,
            awardee.unit_name,
            awardee.title.name,
            format_vnd(awardee.amount),
        ]
        for index, text in enumerate(values):
            cells[index].width = Cm(widths[index])
            paragraph = cells[index].paragraphs[0]
            if index in (0, 4):
                paragraph.alignment = (
                    WD_ALIGN_PARAGRAPH.CENTER if index == 0 else WD_ALIGN_PARAGRAPH.RIGHT
                )
            _run(paragraph, text, 12)
    total = table.add_row().cells
    merged = total[0].merge(total[3])
    _run(merged.paragraphs[0], _("Tổng cộng: %(n)s") % {"n": len(awardees)}, 12, bold=True)
    total[4].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(total[4].paragraphs[0], format_vnd(sum(a.amount for a in awardees)), 12, bold=True)
