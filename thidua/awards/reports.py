"""The achievement report (báo cáo thành tích) of a dossier, generated as a Decree 30 .docx from
the ledger and the dossier's summary via ``thidua.admindoc.render``. The unit downloads it, edits
it in Word and uploads it back."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from thidua.admindoc.model import AdminDocument, Section, Signer
from thidua.admindoc.render import render
from thidua.awards.models import (
    Achievement,
    AwardEntry,
    Proposal,
    Rating,
    YearRating,
)
from thidua.core.i18n import in_official_language
from thidua.org.models import Agency


def _department(agency: Agency) -> Agency:
    """The agency that issues the report: the proposing unit's department (or itself)."""
    ids = agency.ancestor_ids()
    chain = list(Agency.objects.filter(id__in=ids).order_by("depth"))
    for candidate in reversed([*chain, agency]):
        if candidate.kind == Agency.Kind.DEPARTMENT:
            return candidate
    return agency


def _place(agency: Agency) -> str:
    """The place name of the heading line: the province's name without "Ủy ban nhân dân tỉnh"."""
    ids = agency.ancestor_ids()
    root = Agency.objects.filter(id=ids[0]).first() if ids else agency
    name = (root.short_name or root.name) if root else ""
    for prefix in ("Ủy ban nhân dân tỉnh ", "UBND tỉnh ", "Ủy ban nhân dân thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _holder_filter(proposal: Proposal) -> dict[str, object]:
    if proposal.person_id:
        return {"person_id": proposal.person_id}
    return {"agency_id": proposal.nominee_agency_id}


@in_official_language
def achievement_report(proposal: Proposal, *, on: dt.date | None = None) -> bytes:
    on = on or dt.date.today()
    holder = _holder_filter(proposal)
    first = proposal.year - 4
    ratings = YearRating.objects.filter(**holder, year__gte=first, year__lte=proposal.year)
    achievements = Achievement.objects.filter(**holder, year__gte=first, year__lte=proposal.year)
    entries = AwardEntry.objects.filter(**holder, revoked_at__isnull=True).select_related("title")
    labels = dict(Rating.choices)
    nominee = proposal.nominee
    if proposal.person_id:
        person = proposal.person
        intro = "\n".join(
            line
            for line in [
                _("Họ và tên: %(v)s") % {"v": person.full_name},
                _("Chức vụ: %(v)s") % {"v": person.position} if person.position else "",
                _("Đơn vị công tác: %(v)s") % {"v": person.agency.name},
            ]
            if line
        )
    else:
        intro = _("Tên tập thể: %(v)s") % {"v": getattr(nominee, "name", "")}
    rating_lines = "\n".join(
        f"- {_('Năm')} {r.year}: {labels.get(r.rating, r.rating)}" for r in ratings.order_by("year")
    )
    initiative_lines = "\n".join(
        f"- {a.year}: {a.name} ({a.get_effect_level_display()})"
        for a in achievements.order_by("year")
    )
    decision_label = _("Quyết định số")
    award_lines = "\n".join(
        f"- {e.year}: {e.title.name}"
        + (f" ({decision_label} {e.decision_number})" if e.decision_number else "")
        for e in entries.order_by("year")
    )
    department = _department(proposal.proposing_agency)
    parent = department.parent.name.upper() if department.parent_id else None
    document = AdminDocument(
        parent_body=parent,
        issuer=department.name.upper(),
        type_abbr="BC",
        type_name="Báo cáo",
        date=on,
        place=_place(department),
        title=_("Thành tích đề nghị tặng %(title)s năm %(year)s")
        % {"title": proposal.title.name, "year": proposal.year},
        sections=[
            Section("I", _("SƠ LƯỢC LÝ LỊCH, ĐẶC ĐIỂM"), intro),
            Section(
                "II",
                _("THÀNH TÍCH ĐẠT ĐƯỢC"),
                proposal.achievements or _("(Đơn vị ghi thành tích vào đây.)"),
                children=[
                    Section("1", _("Kết quả xếp loại"), rating_lines or _("Chưa có dữ liệu.")),
                    Section(
                        "2",
                        _("Sáng kiến, đề tài nghiên cứu"),
                        initiative_lines or _("Không có."),
                    ),
                ],
            ),
            Section("III", _("CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"), award_lines or _("Chưa có.")),
        ],
        recipients=[_("Như trên"), _("Lưu: VT")],
        signer=Signer(positions=[_("THỦ TRƯỞNG ĐƠN VỊ")]),
    )
    return render(document)
