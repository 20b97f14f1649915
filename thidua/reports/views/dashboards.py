"""The dashboards: propaganda, plan progress, movements, exemplars, awards. Thin: parse the
filter, ask the queries, lay the figures out as charts beside linked tables."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.admin.auth import require_admin_access

from thidua.core.text import format_date
from thidua.org.queries import user_scope
from thidua.reports import permissions as perms
from thidua.reports.presentation import Cell, Figure, TableRow, figure
from thidua.reports.queries.awards import award_summary
from thidua.reports.queries.exemplars import exemplar_summary, list_link
from thidua.reports.queries.movements import cascade_link, movements_summary
from thidua.reports.queries.plans import plan_progress
from thidua.reports.queries.propaganda import Line, propaganda
from thidua.reports.scope import Filter, make_filter, period_from

PAGES = [
    ("reports:propaganda", gettext_lazy("Tuyên truyền")),
    ("reports:plans", gettext_lazy("Tiến độ kế hoạch")),
    ("reports:movements", gettext_lazy("Phong trào thi đua")),
    ("reports:exemplars", gettext_lazy("Điển hình tiên tiến")),
    ("reports:awards", gettext_lazy("Khen thưởng")),
]


def request_filter(request: HttpRequest) -> Filter:
    if not perms.can_view_dashboards(user_scope(request.user)):
        raise PermissionDenied
    start, end = period_from(request.GET)
    agency = request.GET.get("agency", "")
    return make_filter(
        request.user, start=start, end=end, agency=int(agency) if agency.isdigit() else None
    )


def _page(request: HttpRequest, flt: Filter, name: str, **context: Any) -> HttpResponse:
    return render(
        request,
        "reports/dashboard.html",
        {
            "flt": flt,
            "start": format_date(flt.start),
            "end": format_date(flt.end),
            "agencies": [(a.pk, "– " * a.depth + a.name) for a in flt.agencies.values()],
            "pages": PAGES,
            "current": name,
            "query": request.GET.urlencode(),
            **context,
        },
    )


def _lines(lines: list[Line]) -> list[TableRow]:
    return [
        TableRow(line.label, [Cell(c.value, c.url) for c in line.cells] + [Cell(line.total)])
        for line in lines
    ]


@require_admin_access
@require_GET
def propaganda_view(request: HttpRequest) -> HttpResponse:
    flt = request_filter(request)
    data = propaganda(flt)
    sources = data.source_labels
    heads = [*sources, _("Tổng")]
    figures = [
        figure(
            "month",
            _("Tuyên truyền theo tháng"),
            [_("Tháng"), *heads],
            _lines(data.by_month),
            chart_columns=list(range(len(sources))),
        ),
        figure(
            "channel",
            _("Tuyên truyền theo hình thức"),
            [_("Hình thức"), *heads],
            _lines(data.by_channel),
            chart_columns=list(range(len(sources))),
            note=_(
                "Phổ biến văn bản qua văn phòng điện tử được tính ở đây khi nguồn số liệu đó "
                "được kết nối."
            ),
        ),
        figure(
            "unit",
            _("Tuyên truyền theo đơn vị"),
            [_("Đơn vị"), *heads],
            _lines(data.by_unit),
            chart_columns=list(range(len(sources))),
        ),
        figure(
            "content",
            _("Tuyên truyền theo nội dung"),
            [_("Nội dung"), _("Số lượt")],
            [TableRow(title, [Cell(n)]) for title, n in data.by_content[:20]],
        ),
    ]
    return _page(
        request,
        flt,
        "reports:propaganda",
        title=_("Tuyên truyền"),
        figures=figures,
        totals=[(label, c.value, c.url) for label, c in zip(sources, data.totals, strict=True)],
        people=data.people,
    )


@require_admin_access
@require_GET
def plans_view(request: HttpRequest) -> HttpResponse:
    flt = request_filter(request)
    data = plan_progress(flt)
    heads = [_("Nhiệm vụ"), _("Hoàn thành"), _("Quá hạn"), _("Tỷ lệ hoàn thành")]

    def rows(items: list[Any]) -> list[TableRow]:
        return [
            TableRow(
                p.label,
                [
                    Cell(p.total, p.url_all),
                    Cell(p.done, p.url_done),
                    Cell(p.overdue, p.url_overdue),
                    Cell(f"{p.percent}%"),
                ],
            )
            for p in items
        ]

    figures = [
        figure(
            "plan",
            _("Tiến độ theo kế hoạch"),
            [_("Kế hoạch"), *heads],
            rows(data.by_plan),
            chart_columns=[1, 2],
        ),
        figure(
            "unit",
            _("Tiến độ theo đơn vị"),
            [_("Đơn vị"), *heads],
            rows(data.by_unit),
            chart_columns=[1, 2],
        ),
    ]
    t = data.totals
    return _page(
        request,
        flt,
        "reports:plans",
        title=_("Tiến độ kế hoạch"),
        figures=figures,
        totals=[
            (_("Nhiệm vụ đến hạn trong kỳ"), t.total, t.url_all),
            (_("Hoàn thành"), t.done, t.url_done),
            (_("Quá hạn"), t.overdue, t.url_overdue),
        ],
        overdue=data.overdue,
    )


@require_admin_access
@require_GET
def movements_view(request: HttpRequest) -> HttpResponse:
    flt = request_filter(request)
    data = movements_summary(flt)
    statuses = [label for _v, label in data.statuses]
    figures = [
        figure(
            "duties",
            _("Việc các cơ quan tham gia phải gửi"),
            [_("Phong trào"), *statuses, _("Đăng ký")],
            [
                TableRow(
                    r.movement.name,
                    [Cell(r.duties.get(v, 0), r.url) for v, _l in data.statuses]
                    + [
                        Cell(
                            r.registrations,
                            cascade_link(
                                r.movement.pk, flt.years[0] if len(flt.years) == 1 else None
                            ),
                        )
                    ],
                    url=r.url,
                )
                for r in data.rows
            ],
            chart_columns=list(range(len(statuses))),
        ),
        figure(
            "titles",
            _("Đăng ký thi đua theo danh hiệu"),
            [_("Danh hiệu (phong trào)"), _("Cá nhân"), _("Tập thể")],
            [
                TableRow(
                    f"{t.title} ({t.movement})",
                    [Cell(t.individual, t.url), Cell(t.collective, t.url)],
                )
                for t in data.by_title
            ],
        ),
    ]
    return _page(
        request,
        flt,
        "reports:movements",
        title=_("Phong trào thi đua"),
        figures=figures,
        totals=[
            (_("Phong trào trong kỳ"), len(data.rows), ""),
            (_("Việc phải gửi"), data.duty_total, ""),
            (_("Lượt đăng ký thi đua"), data.registrations, ""),
        ],
    )


@require_admin_access
@require_GET
def exemplars_view(request: HttpRequest) -> HttpResponse:
    flt = request_filter(request)
    data = exemplar_summary(flt)

    def simple(fid: str, title: str, first: str, items: list[Any]) -> Figure:
        return figure(
            fid,
            title,
            [first, _("Số điển hình")],
            [TableRow(c.label, [Cell(c.value, c.url)]) for c in items],
        )

    figures = [
        simple("stage", _("Điển hình theo giai đoạn"), _("Giai đoạn"), data.by_stage),
        simple("kind", _("Điển hình theo loại"), _("Loại"), data.by_kind),
        simple("unit", _("Điển hình theo đơn vị đề xuất"), _("Đơn vị"), data.by_unit),
        figure(
            "coverage",
            _("Tuyên truyền về điển hình trong kỳ"),
            [_("Hình thức"), _("Số lượt")],
            [TableRow(c.label, [Cell(c.value, c.url)]) for c in data.coverage_by_kind],
        ),
        simple(
            "uncovered",
            _("Đã công nhận nhưng chưa được tuyên truyền"),
            _("Giai đoạn"),
            data.uncovered,
        ),
    ]
    return _page(
        request,
        flt,
        "reports:exemplars",
        title=_("Điển hình tiên tiến"),
        figures=figures,
        totals=[
            (_("Điển hình đang có"), data.total, list_link(flt)),
            (_("Phát hiện trong kỳ"), data.found, data.found_url),
            (_("Lượt tuyên truyền trong kỳ"), data.coverage_total, ""),
        ],
        recognised=data.recognised,
    )


@require_admin_access
@require_GET
def awards_view(request: HttpRequest) -> HttpResponse:
    flt = request_filter(request)
    data = award_summary(flt)
    heads = [_("Cá nhân"), _("Tập thể"), _("Tiền thưởng (đồng)")]

    def rows(items: list[Any]) -> list[TableRow]:
        return [
            TableRow(
                r.label,
                [
                    Cell(r.individual, r.url),
                    Cell(r.collective, r.url),
                    Cell(f"{r.amount:,}".replace(",", ".")),
                ],
            )
            for r in items
        ]

    figures = [
        figure(
            "title",
            _("Khen thưởng theo danh hiệu, hình thức"),
            [_("Danh hiệu, hình thức"), *heads],
            rows(data.by_title),
            chart_columns=[0, 1],
        ),
        figure(
            "level",
            _("Khen thưởng theo cấp"),
            [_("Cấp"), *heads],
            rows(data.by_level),
            chart_columns=[0, 1],
        ),
        figure(
            "unit",
            _("Khen thưởng theo đơn vị"),
            [_("Đơn vị"), *heads],
            rows(data.by_unit),
            chart_columns=[0, 1],
        ),
        figure(
            "year",
            _("Khen thưởng theo năm"),
            [_("Năm"), *heads],
            rows(data.by_year),
            chart_columns=[0, 1],
        ),
    ]
    return _page(
        request,
        flt,
        "reports:awards",
        title=_("Khen thưởng"),
        figures=figures,
        totals=[
            (_("Lượt khen thưởng"), data.total, ""),
            (_("Tổng tiền thưởng (đồng)"), f"{data.amount:,}".replace(",", "."), ""),
        ],
    )
