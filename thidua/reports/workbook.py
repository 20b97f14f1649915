"""A report's figures and the records behind them as an .xlsx workbook.

Sheet "Tổng hợp" repeats the report's tables; one sheet per kind of record lists each record
counted (activities, meetings and other sources, tasks, registrations, exemplars, awardees) with
a link to it in the back office, so every figure can be checked against its records.

A province's year is some 60,000 records: they are read as plain values (no model instances)
and written by the streaming writer of ``thidua.reports.xlsx``, with each record's URL built
from a prefix reversed once.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.core.text import format_date
from thidua.reports.queries import awards, exemplars, movements, plans
from thidua.reports.scope import Filter
from thidua.reports.sources import propaganda_sources, record_url
from thidua.reports.xlsx import (
    STYLE_BOLD,
    STYLE_HEADING,
    STYLE_LINK,
    STYLE_LINK_WRAP,
    STYLE_TEXT,
    STYLE_TITLE,
    Sheet,
    Workbook,
)

CHUNK = 2000


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _absolute_maker() -> Callable[[str], str]:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")

    def make(url: str) -> str:
        if not url or url.startswith(("http://", "https://")):
            return url
        return base + url

    return make


def _sheet(wb: Workbook, title: str, headings: list[str], widths: list[int]) -> Sheet:
    ws = wb.sheet(title, widths, freeze_header=True)
    ws.append(headings, STYLE_HEADING)
    return ws


def _append(ws: Sheet, values: list[Any], link: str = "") -> None:
    ws.append(values, STYLE_TEXT, link=link, link_style=STYLE_LINK_WRAP)


def _dates() -> Callable[[dt.date | None], str]:
    """``format_date``, remembered: a year has 365 days and tens of thousands of records."""
    seen: dict[dt.date | None, str] = {}

    def day(value: dt.date | None) -> str:
        text = seen.get(value)
        if text is None:
            text = seen[value] = format_date(value)
        return text

    return day


def _summary(wb: Workbook, title: str, figures: dict[str, Any]) -> None:
    ws = wb.sheet(_("Tổng hợp"), [60, 16, 16, 16, 16, 16, 50])
    ws.append([title], STYLE_TITLE)
    ws.append([_("Cơ quan: %(agency)s") % {"agency": figures.get("agency", "")}])
    start, end = figures.get("period", ["", ""])
    ws.append([_("Kỳ báo cáo: %(start)s – %(end)s") % {"start": _day(start), "end": _day(end)}])

    def table(caption: str, headings: list[str], rows: Iterable[tuple[list[Any], str]]) -> None:
        ws.append([])
        ws.append([caption], STYLE_BOLD)
        ws.append([*headings, _("Danh sách hồ sơ")], STYLE_BOLD)
        for values, url in rows:
            if url:
                ws.append(values, link=absolute(url), link_style=STYLE_LINK)
            else:
                ws.append([*values, None])

    part = figures.get("propaganda")
    if part:
        heads = [*part["sources"], _("Tổng")]
        for key, caption, first in (
            ("by_channel", _("Tuyên truyền theo hình thức"), _("Hình thức")),
            ("by_unit", _("Tuyên truyền theo đơn vị"), _("Đơn vị")),
            ("by_month", _("Tuyên truyền theo tháng"), _("Tháng")),
        ):
            table(
                caption,
                [first, *heads],
                (
                    ([r["label"], *r["values"], r["total"]], next((u for u in r["urls"] if u), ""))
                    for r in part[key]
                ),
            )
        table(
            _("Tuyên truyền theo nội dung"),
            [_("Nội dung"), _("Số lượt")],
            (([c["label"], c["total"]], "") for c in part["by_content"]),
        )
    part = figures.get("plans")
    if part:
        for key, caption in (
            ("by_plan", _("Tiến độ theo kế hoạch")),
            ("by_unit", _("Tiến độ theo đơn vị")),
        ):
            table(
                caption,
                [_("Tên"), _("Nhiệm vụ"), _("Hoàn thành"), _("Quá hạn"), _("Tỷ lệ (%)")],
                (
                    ([r["label"], r["total"], r["done"], r["overdue"], r["percent"]], r["url"])
                    for r in part[key]
                ),
            )
    part = figures.get("movements")
    if part:
        table(
            _("Phong trào thi đua"),
            [_("Phong trào"), *part["statuses"], _("Đăng ký")],
            (([r["label"], *r["duties"], r["registrations"]], r["url"]) for r in part["rows"]),
        )
        table(
            _("Đăng ký thi đua theo danh hiệu"),
            [_("Phong trào"), _("Danh hiệu"), _("Cá nhân"), _("Tập thể")],
            (
                ([t["movement"], t["label"], t["individual"], t["collective"]], t["url"])
                for t in part["by_title"]
            ),
        )
    part = figures.get("exemplars")
    if part:
        table(
            _("Điển hình theo giai đoạn"),
            [_("Giai đoạn"), _("Số điển hình")],
            (([s["label"], s["total"]], s["url"]) for s in part["by_stage"]),
        )
    part = figures.get("awards")
    if part:
        for key, caption in (
            ("by_title", _("Khen thưởng theo danh hiệu, hình thức")),
            ("by_level", _("Khen thưởng theo cấp")),
            ("by_unit", _("Khen thưởng theo đơn vị")),
        ):
            table(
                caption,
                [_("Tên"), _("Cá nhân"), _("Tập thể"), _("Tiền thưởng (đồng)")],
                (
                    ([r["label"], r["individual"], r["collective"], r["amount"]], r["url"])
                    for r in part[key]
                ),
            )


def _day(iso: str) -> str:
    return format_date(dt.date.fromisoformat(iso)) if iso else ""


def report_workbook(flt: Filter, title: str, figures: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    wb = Workbook(buffer)
    _summary(wb, title, figures)
    link = _absolute_maker()
    day = _dates()
    if figures.get("propaganda"):
        for source in propaganda_sources():
            ws = _sheet(
                wb,
                source.label,
                [
                    _("Ngày"),
                    _("Tên"),
                    _("Hình thức"),
                    _("Đơn vị"),
                    _("Số người"),
                    _("Nội dung"),
                    _("Liên kết"),
                ],
                [12, 50, 28, 30, 10, 40, 40],
            )
            for r in source.records(flt):
                _append(
                    ws,
                    [day(r.date), r.title, r.channel, r.unit, r.people, "; ".join(r.topics)],
                    link(r.url),
                )
    if figures.get("plans"):
        ws = _sheet(
            wb,
            _("Nhiệm vụ"),
            [
                _("Hạn"),
                _("Nhiệm vụ"),
                _("Kế hoạch"),
                _("Đơn vị"),
                _("Trạng thái"),
                _("Tiến độ (%)"),
                _("Liên kết"),
            ],
            [12, 50, 30, 30, 16, 10, 40],
        )
        from thidua.plans.models import Task

        statuses = {k: str(v) for k, v in Task.Status.choices}
        url = record_url("plans:task_detail")
        for pk, due, name, number, plan, unit, status, percent in (
            plans.tasks(flt)
            .order_by("due_date", "pk")
            .values_list(
                "pk",
                "due_date",
                "title",
                "plan__number_symbol",
                "plan__title",
                "agency__name",
                "status",
                "percent",
            )
            .iterator(chunk_size=CHUNK)
        ):
            _append(
                ws,
                [day(due), name, number or plan, unit, statuses.get(status, status), percent],
                link(url(pk)),
            )
    if figures.get("movements"):
        ws = _sheet(
            wb,
            _("Đăng ký thi đua"),
            [_("Năm"), _("Phong trào"), _("Đơn vị"), _("Cá nhân"), _("Danh hiệu"), _("Liên kết")],
            [8, 40, 30, 30, 30, 40],
        )
        cascades: dict[tuple[int, int], str] = {}
        for year, movement_id, movement, unit, person, title_name in (
            movements.registrations(flt)
            .order_by("movement__name", "year", "agency__path")
            .values_list(
                "year",
                "movement_id",
                "movement__name",
                "agency__name",
                "person__full_name",
                "title_name",
            )
            .iterator(chunk_size=CHUNK)
        ):
            key = (movement_id, year)
            if key not in cascades:
                cascades[key] = link(movements.cascade_link(movement_id, year))
            _append(ws, [year, movement, unit, person or "", title_name], cascades[key])
    if figures.get("exemplars"):
        from thidua.exemplars.models import Stage

        stages = {k: str(v) for k, v in Stage.choices}
        url = record_url("exemplars:inspect")
        ws = _sheet(
            wb,
            _("Điển hình"),
            [
                _("Điển hình"),
                _("Đơn vị"),
                _("Giai đoạn"),
                _("Ngày phát hiện"),
                _("Quyết định công nhận"),
                _("Liên kết"),
            ],
            [40, 30, 18, 14, 30, 40],
        )
        for pk, name, unit, stage, discovered, number, date in (
            exemplars.exemplars(flt)
            .order_by("unit__path", "name")
            .values_list(
                "pk",
                "name",
                "unit__name",
                "stage",
                "discovered_on",
                "recognition_decision_number",
                "recognition_decision_date",
            )
            .iterator(chunk_size=CHUNK)
        ):
            decision = " ".join(p for p in (number, day(date)) if p)
            _append(
                ws,
                [name, unit, stages.get(stage, stage), day(discovered), decision],
                link(url(pk)),
            )
    if figures.get("awards"):
        url = record_url("awards:decision_detail")
        ws = _sheet(
            wb,
            _("Khen thưởng"),
            [
                _("Quyết định"),
                _("Ngày"),
                _("Danh hiệu, hình thức"),
                _("Họ tên, tập thể"),
                _("Đơn vị"),
                _("Tiền thưởng (đồng)"),
                _("Liên kết"),
            ],
            [20, 12, 30, 30, 30, 14, 40],
        )
        decisions: dict[int, str] = {}
        for decision_id, symbol, date, title_name, name, unit, amount in (
            awards.awardees(flt)
            .order_by("decision__date", "decision_id", "position")
            .values_list(
                "decision_id",
                "decision__symbol",
                "decision__date",
                "title__name",
                "name",
                "unit_name",
                "amount",
            )
            .iterator(chunk_size=CHUNK)
        ):
            if decision_id not in decisions:
                decisions[decision_id] = link(url(decision_id))
            _append(ws, [symbol, day(date), title_name, name, unit, amount], decisions[decision_id])
    wb.save()
    return buffer.getvalue()
