"""Demo stage "awards": the award ledger of Phòng Quản lý khoa học (Sở KH&CN) for 2021–2025 and
a few dossiers at different steps, written through the awards services by the Sở's Office and
the division head: a CSTĐCS draft, a CSTĐ tỉnh dossier open for public comment, an LĐTT dossier
returned with a reason. Idempotent: rows already present are left as they are.

The council session and decision of the demo are appended below (_council_and_decision).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from thidua.admindoc.model import AdminDocument, Section, Signer
from thidua.admindoc.render import render
from thidua.awards.models import (
    Achievement,
    AwardEntry,
    EntrySource,
    Proposal,
    ProposalStatus,
    Quota,
    Title,
    YearRating,
)
from thidua.awards.reports import achievement_report
from thidua.awards.services import catalogue as catalogue_services
from thidua.awards.services import ledger as ledger_services
from thidua.awards.services import proposals as proposal_services
from thidua.org.models import Agency, Person

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader

DIVISION = "AG.SKHCN.QLKH"
DEPARTMENT = "AG.SKHCN"
STAR = "canbo.khcn"  # Dương Văn An: three CSTĐCS in a row and a provincial initiative
# (rating by year for the others of the division, cycling through the list)
PATTERN = ["good", "excellent", "good", "complete", "good"]


def _users() -> dict[str, Any]:
    users = get_user_model().objects.filter(
        username__in=["vanphong.khcn", "truongphong.khcn", STAR, "quantri.tinh"]
    )
    return {u.username: u for u in users}


def _ledger(office: Any, people: list[Person], star: Person) -> int:
    created = 0
    titles = {t.code: t for t in Title.objects.all()}
    this_year = timezone.localdate().year
    years = list(range(this_year - 5, this_year))
    for index, person in enumerate(people):
        for offset, year in enumerate(years):
            if YearRating.objects.filter(person=person, year=year).exists():
                continue
            rating = "excellent" if person == star else PATTERN[(index + offset) % len(PATTERN)]
            ledger_services.rating_set(actor=office, person=person, year=year, rating=rating)
            created += 1
            if rating in ("good", "excellent") and year < years[-1]:
                ledger_services.award_entry_record(
                    actor=office,
                    person=person,
                    title=titles["LDTT"],
                    year=year,
                    decision_number=f"{10 + offset}/QĐ-SKHCN",
                    decision_date=dt.date(year, 12, 20),
                    issuer_name="Sở Khoa học và Công nghệ",
                    source=EntrySource.IMPORT,
                )
                created += 1
    if not AwardEntry.objects.filter(person=star, title__code="CSTDCS").exists():
        for year in years[-3:]:
            ledger_services.award_entry_record(
                actor=office,
                person=star,
                title=titles["CSTDCS"],
                year=year,
                decision_number=f"{30 + year % 10}/QĐ-SKHCN",
                decision_date=dt.date(year, 12, 28),
                issuer_name="Sở Khoa học và Công nghệ",
                source=EntrySource.IMPORT,
            )
            created += 1
    if not Achievement.objects.filter(person=star).exists():
        ledger_services.achievement_add(
            actor=office,
            person=star,
            year=years[-1],
            kind="initiative",
            name="Số hóa quy trình thẩm định đề tài khoa học cấp tỉnh",
            effect_level="province",
            recognised_by="Hội đồng sáng kiến tỉnh, Quyết định 215/QĐ-UBND",
        )
        ledger_services.achievement_add(
            actor=office,
            person=people[1],
            year=years[-1],
            kind="initiative",
            name="Bộ mẫu hồ sơ đăng ký nhiệm vụ khoa học điện tử",
            effect_level="agency",
            recognised_by="Hội đồng sáng kiến Sở KH&CN",
        )
        created += 2
    return created


def _simple_docx(type_name: str, type_abbr: str, title: str, body: str) -> bytes:
    return render(
        AdminDocument(
            parent_body="UBND TỈNH AN GIANG",
            issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            type_name=type_name,
            type_abbr=type_abbr,
            place="An Giang",
            date=timezone.localdate(),
            title=title,
            sections=[Section("1", title, body)],
            recipients=["Như trên", "Lưu: VT"],
            signer=Signer(positions=["TRƯỞNG PHÒNG"]),
        )
    )


def _attach_all(proposal: Proposal, author: Any) -> None:
    for kind in proposal.title.documents_for(proposal.procedure):
        if kind == "bao_cao_thanh_tich":
            content = achievement_report(proposal)
        elif kind == "bien_ban_binh_xet":
            content = _simple_docx("Biên bản", "BB", "Họp bình xét thi đua", "Nhất trí đề nghị.")
        elif kind == "xac_nhan_sang_kien":
            content = _simple_docx(
                "Giấy xác nhận", "XN", "Xác nhận hiệu quả sáng kiến", "Sáng kiến được áp dụng."
            )
        else:
            content = _simple_docx(
                "Tờ trình", "TTr", f"Đề nghị tặng {proposal.title.name}", proposal.achievements
            )
        proposal_services.proposal_document_add(
            proposal,
            actor=author,
            kind=kind,
            name=f"{kind}.docx",
            content=content,
            generated=True,
        )


def _dossiers(users: dict[str, Any], people: list[Person], star: Person) -> int:
    author, office = users["truongphong.khcn"], users["vanphong.khcn"]
    division = Agency.objects.get(code=DIVISION)
    year = timezone.localdate().year - 1
    created = 0
    wanted = [
        (
            star,
            "CSTD_TINH",
            "Ba năm liên tục đạt Chiến sĩ thi đua cơ sở; sáng kiến số hóa quy "
            "trình thẩm định đề tài được áp dụng toàn tỉnh.",
            "publicised",
        ),
        (
            people[1],
            "CSTDCS",
            "Hoàn thành tốt nhiệm vụ; có sáng kiến cấp cơ sở về hồ sơ điện tử.",
            "draft",
        ),
        (people[3], "LDTT", "Hoàn thành nhiệm vụ được giao.", "returned"),
    ]
    for person, code, summary, goal in wanted:
        title = Title.objects.get(code=code)
        if Proposal.objects.filter(person=person, title=title, year=year).exists():
            continue
        proposal = proposal_services.proposal_create(
            actor=author,
            title=title,
            year=year,
            proposing_agency=division,
            person=person,
            achievements=summary,
        )
        created += 1
        if goal == "draft":
            continue
        _attach_all(proposal, author)
        proposal = proposal_services.proposal_submit(proposal, actor=author)
        proposal = proposal_services.proposal_check(proposal, actor=office)
        if goal == "returned" or proposal.status != ProposalStatus.CHECKED:
            failing = [r["line"] for r in proposal.eligibility["results"] if r["passed"] is False]
            proposal_services.proposal_return(
                proposal,
                actor=office,
                reason=failing[0] if failing else "Bổ sung biên bản bình xét có chữ ký.",
            )
            continue
        proposal_services.proposal_publicise(proposal, actor=office)
    return created


def load(loader: DemoLoader) -> int:
    users = _users()
    if "vanphong.khcn" not in users:
        return 0
    people = list(
        Person.objects.filter(agency__code=DIVISION, is_active=True).order_by("sort_name")[:8]
    )
    star = Person.objects.filter(user=users.get(STAR)).first()
    if star is None or len(people) < 4:
        return 0
    if star in people:
        people.remove(star)
    people = [star, *people]
    created = _ledger(users["vanphong.khcn"], people, star)
    year = timezone.localdate().year - 1
    issuer = Agency.objects.get(code=DEPARTMENT)
    cstdcs = Title.objects.get(code="CSTDCS")
    if not Quota.objects.filter(issuer=issuer, title=cstdcs, year=year).exists():
        catalogue_services.quota_set(
            actor=loader.admin,
            issuer=issuer,
            title=cstdcs,
            year=year,
            max_percent=15,
            percent_of=Title.objects.get(code="LDTT"),
            legal_basis="Quy định thi đua, khen thưởng của tỉnh (tỷ lệ 15% số đạt LĐTT)",
        )
        created += 1
    created += _dossiers(users, people, star)
    created += _council_and_decision(users, people)
    return created


# --- Awards B: a council session with its ballots, the decision and its certificates --------------
COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ"


def _council_and_decision(users: dict[str, Any], people: list[Person]) -> int:
    """The Sở's council (director in the chair), a closed session that passed two Giấy khen
    dossiers by secret ballot, its minutes, the issued decision and the certificates."""
    from django.core.exceptions import ValidationError

    from thidua.awards.models import Council, MemberPosition
    from thidua.awards.services import council as council_services
    from thidua.awards.services import decisions as decision_services
    from thidua.awards.services import voting
    from thidua.awards.services.minutes import minutes_generate

    department = Agency.objects.get(code=DEPARTMENT)
    if Council.objects.filter(agency=department, name=COUNCIL_NAME).exists():
        return 0
    accounts = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["lanhdao.khcn", "hoidong.khcn", "phogiamdoc.khcn", "thuky.khcn"]
        )
    }
    office = users["vanphong.khcn"]
    if "lanhdao.khcn" not in accounts or "thuky.khcn" not in accounts:
        return 0
    year = timezone.localdate().year - 1
    council = council_services.council_create(
        agency=department, name=COUNCIL_NAME, term_start=dt.date(year, 1, 1), actor=office
    )
    created = 1
    seats = [
        ("lanhdao.khcn", MemberPosition.CHAIR),
        ("hoidong.khcn", MemberPosition.MEMBER),
        ("phogiamdoc.khcn", MemberPosition.MEMBER),
        ("thuky.khcn", MemberPosition.SECRETARY),
    ]
    for username, position in seats:
        if username in accounts:
            try:
                council_services.council_member_add(
                    council, user=accounts[username], position=position, actor=office
                )
                created += 1
            except ValidationError:
                continue  # a demo account without the role for this seat
    dossiers = _dossiers_for_council(users, people[4:6], year)
    if not dossiers:
        return created
    secretary, chair = accounts["thuky.khcn"], accounts["lanhdao.khcn"]
    session = council_services.session_create(
        council,
        name=f"Phiên họp xét khen thưởng năm {year}",
        year=year,
        date=dt.date(year, 12, 15),
        place="Phòng họp Sở Khoa học và Công nghệ",
        actor=secretary,
    )
    for proposal in dossiers:
        council_services.session_item_add(session, proposal=proposal, actor=secretary)
    session = council_services.session_open(session, actor=secretary)
    for seat in council_services.voting_members(council):
        items = voting.items_for_member(session, seat)
        if items:
            voting.ballot_cast(session, choices={i.pk: "approve" for i in items}, actor=seat.user)
    session = voting.session_close(session, actor=chair)
    minutes_generate(session, actor=secretary)
    created += 2 + len(dossiers)
    try:
        draft = decision_services.decision_draft_from_session(session, actor=office)
        decision_services.decision_update(
            draft,
            fields={"signer_position": "Giám đốc", "signer_name": "Lê Minh Trung"},
            actor=office,
        )
        decision_services.decision_issue(draft, date=dt.date(year, 12, 22), actor=chair)
        created += 1
    except ValidationError:
        pass  # the draft stays for the Office to finish
    return created


def _dossiers_for_council(users: dict[str, Any], people: list[Person], year: int) -> list:
    """Two Giấy khen dossiers taken through the steps to the council."""
    author, office = users["truongphong.khcn"], users["vanphong.khcn"]
    division = Agency.objects.get(code=DIVISION)
    title = Title.objects.get(code="GIAY_KHEN")
    at_council = []
    for person in people:
        if Proposal.objects.filter(person=person, title=title, year=year).exists():
            continue
        proposal = proposal_services.proposal_create(
            actor=author,
            title=title,
            year=year,
            proposing_agency=division,
            person=person,
            achievements="Hoàn thành xuất sắc nhiệm vụ; tham gia tích cực phong trào thi đua.",
        )
        _attach_all(proposal, author)
        proposal = proposal_services.proposal_submit(proposal, actor=author)
        proposal = proposal_services.proposal_check(proposal, actor=office)
        if proposal.status != ProposalStatus.CHECKED:
            continue
        at_council.append(proposal_services.proposal_send_to_council(proposal, actor=office))
    return at_council
