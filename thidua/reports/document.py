"""A report's figures → ``admindoc.AdminDocument`` (type BC) → .docx per Decree 30.

The parts follow the usual order of a Vietnamese periodic report: results achieved (propaganda
by channel, content and unit; plan progress; movements and registrations; exemplars found and
honoured; awards), limitations and their causes, tasks for the next period (both written by
the Office before generating). A part whose source has no data is left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from thidua.admindoc.model import AdminDocument, Section, Signer, Table
from thidua.admindoc.render import render
from thidua.awards.services.paperwork import parent_body_of, place_of
from thidua.core.i18n import in_official_language
from thidua.core.text import format_date
from thidua.reports.models import Report

ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _numbered(rows: list[list[str]]) -> list[list[str]]:
    return [[str(i), *row] for i, row in enumerate(rows, start=1)]


def _lines(text: str) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _propaganda(part: dict[str, Any]) -> Section:
    sources = part["sources"]
    body = _("Trong kỳ, các cơ quan, đơn vị đã thực hiện %(total)s lượt tuyên truyền") % {
        "total": _n(part["total"])
    }
    details = ", ".join(
        f"{label.lower()}: {_n(value)}"
        for label, value in zip(sources, part["totals"], strict=True)
        if value
    )
    body += f" ({details})" if details else ""
    if part["people"]:
        body += _(", với %(people)s lượt người được tuyên truyền, tham dự") % {
            "people": _n(part["people"])
        }
    body += "."
    tables = []
    heads = [_("STT"), "", *sources, _("Tổng")]
    for key, caption, first in (
        ("by_channel", _("Kết quả theo hình thức tuyên truyền"), _("Hình thức")),
        ("by_unit", _("Kết quả theo đơn vị"), _("Đơn vị")),
    ):
        if part[key]:
            rows = [
                [line["label"], *(_n(v) for v in line["values"]), _n(line["total"])]
                for line in part[key]
            ]
            tables.append(
                Table(columns=[heads[0], first, *heads[2:]], rows=_numbered(rows), caption=caption)
            )
    if part["by_content"]:
        tables.append(
            Table(
                columns=[_("STT"), _("Nội dung tuyên truyền"), _("Số lượt")],
                rows=_numbered([[c["label"], _n(c["total"])] for c in part["by_content"]]),
                caption=_("Kết quả theo nội dung tuyên truyền"),
            )
        )
    return Section("", _("Công tác tuyên truyền"), body, tables=tables)


def _plans(part: dict[str, Any]) -> Section:
    body = _(
        "Trong kỳ có %(total)s nhiệm vụ đến hạn, đã hoàn thành %(done)s (%(percent)s%%); "
        "%(overdue)s nhiệm vụ quá hạn chưa hoàn thành."
    ) % {
        "total": _n(part["total"]),
        "done": _n(part["done"]),
        "percent": part["percent"],
        "overdue": _n(part["overdue"]),
    }
    heads = [_("Nhiệm vụ"), _("Hoàn thành"), _("Quá hạn"), _("Tỷ lệ")]
    tables = []
    for key, caption, first in (
        ("by_plan", _("Tiến độ theo kế hoạch"), _("Kế hoạch")),
        ("by_unit", _("Tiến độ theo đơn vị"), _("Đơn vị")),
    ):
        rows = [
            [r["label"], _n(r["total"]), _n(r["done"]), _n(r["overdue"]), f"{r['percent']}%"]
            for r in part[key]
        ]
        if rows:
            tables.append(
                Table(columns=[_("STT"), first, *heads], rows=_numbered(rows), caption=caption)
            )
    if part["overdue_tasks"]:
        tables.append(
            Table(
                columns=[_("STT"), _("Nhiệm vụ quá hạn"), _("Đơn vị"), _("Hạn")],
                rows=_numbered([[t["label"], t["unit"], t["due"]] for t in part["overdue_tasks"]]),
                caption=_("Nhiệm vụ quá hạn"),
            )
        )
    return Section("", _("Tiến độ thực hiện nhiệm vụ"), body, tables=tables)


def _movements(part: dict[str, Any]) -> Section:
    body = _(
        "Có %(movements)s phong trào thi đua trong kỳ; %(registrations)s lượt đăng ký thi đua."
    ) % {
        "movements": _n(len(part["rows"])),
        "registrations": _n(part["registrations"]),
    }
    tables = []
    if part["rows"]:
        rows = [
            [r["label"], *(_n(v) for v in r["duties"]), _n(r["registrations"])]
            for r in part["rows"]
        ]
        tables.append(
            Table(
                columns=[_("STT"), _("Phong trào"), *part["statuses"], _("Đăng ký")],
                rows=_numbered(rows),
                caption=_("Việc các cơ quan tham gia phải gửi, theo trạng thái"),
            )
        )
    if part["by_title"]:
        rows = [
            [t["movement"], t["label"], _n(t["individual"]), _n(t["collective"])]
            for t in part["by_title"]
        ]
        tables.append(
            Table(
                columns=[
                    _("STT"),
                    _("Phong trào"),
                    _("Danh hiệu đăng ký"),
                    _("Cá nhân"),
                    _("Tập thể"),
                ],
                rows=_numbered(rows),
                caption=_("Đăng ký thi đua theo danh hiệu"),
            )
        )
    return Section("", _("Phong trào thi đua và đăng ký thi đua"), body, tables=tables)


def _exemplars(part: dict[str, Any]) -> Section:
    body = _(
        "Đang theo dõi %(total)s điển hình; phát hiện mới trong kỳ %(found)s; "
        "%(covered)s lượt tuyên truyền về điển hình trong kỳ."
    ) % {
        "total": _n(part["total"]),
        "found": _n(part["found"]),
        "covered": _n(part["coverage_total"]),
    }
    if part["uncovered_total"]:
        body += " " + _("%(n)s điển hình đã công nhận chưa được tuyên truyền.") % {
            "n": _n(part["uncovered_total"])
        }
    tables = [
        Table(
            columns=[_("STT"), _("Giai đoạn"), _("Số điển hình")],
            rows=_numbered([[s["label"], _n(s["total"])] for s in part["by_stage"]]),
            caption=_("Điển hình theo giai đoạn"),
        )
    ]
    if part["recognised"]:
        tables.append(
            Table(
                columns=[
                    _("STT"),
                    _("Điển hình"),
                    _("Đơn vị"),
                    _("Hình thức công nhận"),
                    _("Quyết định"),
                ],
                rows=_numbered(
                    [
                        [
                            e["label"],
                            e["unit"],
                            e["title"],
                            " ".join(p for p in (e["decision"], e["date"]) if p),
                        ]
                        for e in part["recognised"]
                    ]
                ),
                caption=_("Điển hình được công nhận, tôn vinh trong kỳ"),
            )
        )
    return Section(
        "", _("Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến"), body, tables=tables
    )


def _awards(part: dict[str, Any]) -> Section:
    body = _(
        "Đã khen thưởng %(total)s lượt cá nhân, tập thể; tổng tiền thưởng %(amount)s đồng."
    ) % {
        "total": _n(part["total"]),
        "amount": part["amount_text"],
    }
    heads = [_("Cá nhân"), _("Tập thể"), _("Tiền thưởng (đồng)")]
    tables = []
    for key, caption, first in (
        ("by_title", _("Khen thưởng theo danh hiệu, hình thức"), _("Danh hiệu, hình thức")),
        ("by_level", _("Khen thưởng theo cấp"), _("Cấp")),
        ("by_unit", _("Khen thưởng theo đơn vị"), _("Đơn vị")),
    ):
        rows = [
            [r["label"], _n(r["individual"]), _n(r["collective"]), r["amount_text"]]
            for r in part[key]
        ]
        if rows:
            tables.append(
                Table(columns=[_("STT"), first, *heads], rows=_numbered(rows), caption=caption)
            )
    return Section("", _("Công tác khen thưởng"), body, tables=tables)


BUILDERS = [
    ("propaganda", _propaganda),
    ("plans", _plans),
    ("movements", _movements),
    ("exemplars", _exemplars),
    ("awards", _awards),
]


def subject_phrase(report: Report) -> str:
    if report.plan_id:
        plan = report.plan
        if plan.number_symbol:
            return _("Kế hoạch số %(number)s về %(title)s") % {
                "number": plan.number_symbol,
                "title": plan.title[:1].lower() + plan.title[1:],
            }
        return _("Kế hoạch %(title)s") % {"title": plan.title}
    if report.movement_id:
        return _("phong trào thi đua “%(name)s”") % {"name": report.movement.name}
    return ""


@in_official_language
def report_document(report: Report, *, on: dt.date | None = None) -> AdminDocument:
    figures = report.figures
    results = []
    for key, build in BUILDERS:
        if figures.get(key):
            section = build(figures[key])
            section.number = str(len(results) + 1)
            results.append(section)
    if not results:
        results.append(Section("", "", _("Trong kỳ chưa có số liệu được ghi nhận trên hệ thống.")))
    subject = subject_phrase(report)
    period = {
        "agency": report.agency.name,
        "start": format_date(report.period_start),
        "end": format_date(report.period_end),
        "subject": subject,
    }
    if subject:
        opening = (
            _(
                "Thực hiện %(subject)s, %(agency)s báo cáo kết quả thực hiện từ ngày %(start)s "
                "đến ngày %(end)s như sau:"
            )
            % period
        )
    else:
        opening = (
            _("%(agency)s báo cáo kết quả thực hiện từ ngày %(start)s đến ngày %(end)s như sau:")
            % period
        )
    sections = [
        Section("", "", opening),
        Section(ROMAN[0], _("KẾT QUẢ ĐẠT ĐƯỢC"), children=results),
        Section(ROMAN[1], _("HẠN CHẾ, NGUYÊN NHÂN"), _lines(report.limitations) or _("Không có.")),
        Section(ROMAN[2], _("NHIỆM VỤ KỲ TỚI"), _lines(report.next_tasks) or _("Không có.")),
        Section(
            "",
            "",
            _("Trên đây là báo cáo %(title)s của %(agency)s.")
            % {
                "title": report.title[:1].lower() + report.title[1:],
                "agency": report.agency.name,
            },
        ),
    ]
    positions = [p.strip() for p in report.signer_positions.split("/") if p.strip()]
    recipients = [r.strip() for r in report.recipients_text.splitlines() if r.strip()]
    return AdminDocument(
        parent_body=parent_body_of(report.agency),
        issuer=report.agency.name.upper(),
        number=report.number_symbol or None,
        type_abbr="BC",
        type_name="Báo cáo",
        place=place_of(report.agency),
        date=report.issued_on or on or dt.date.today(),
        title=report.title,
        sections=sections,
        recipients=recipients,
        signer=Signer(
            authority=report.signer_authority or None,  # type: ignore[arg-type]
            positions=positions,
            name=report.signer_name or None,
        )
        if positions or report.signer_name
        else None,
    )


def report_docx(report: Report, *, on: dt.date | None = None) -> bytes:
    return render(report_document(report, on=on))
