"""Demo stage "movements": the movements the seeds name, launched to the demo departments, with
registrations and work sent, returned and waiting; and the bloc "Khối 3" with its covenant,
scoring table, self-scores and the leader's cross-scores for the current year.

Every write goes through the movements services. Idempotent: a movement is found by name and
launching agency, the bloc's covenant and table by bloc and year; what exists is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from thidua.demo.data import bloc as bloc_data
from thidua.movements import services
from thidua.movements.models import Covenant, Duty, Movement, Registration, ScoringTable
from thidua.movements.queries.scoring import member_ids
from thidua.movements.services import CriterionSpec, SectionSpec
from thidua.org.models import Agency, Bloc, Person

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader

PARTICIPANTS = ("AG.SKHCN", "AG.SNV", "AG.STC")
UNIT = "AG.SKHCN.QLKH"


def _movements(year: int) -> list[dict[str, Any]]:
    return [
        {
            "name": "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
            "slogan": "Kỷ cương – Trách nhiệm – Thân thiện – Hiệu quả",
            "kind": Movement.Kind.THEMATIC,
            "scope": Movement.Scope.PROVINCE,
            "launch_document": f"Kế hoạch của UBND tỉnh An Giang năm {year}",
            "start_date": dt.date(year, 1, 1),
            "end_date": dt.date(year, 12, 31),
            "goals": "Xây dựng phong cách ứng xử chuẩn mực, chuyên nghiệp của cán bộ, công chức, "
            "viên chức; nâng cao chất lượng phục vụ người dân và doanh nghiệp.",
            "targets": "100% cơ quan niêm yết quy tắc ứng xử; 100% công chức đeo thẻ khi làm "
            "việc; không có phản ánh về thái độ phục vụ.",
            "criteria": "Chấp hành giờ giấc; trang phục, thẻ công chức; giao tiếp, ứng xử; "
            "bố trí công sở xanh – sạch – đẹp.",
            "registration_due": dt.date(year, 3, 31),
            "interim_due": dt.date(year, 6, 30),
            "final_due": dt.date(year, 11, 30),
        },
        {
            "name": "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
            "kind": Movement.Kind.THEMATIC,
            "scope": Movement.Scope.NATIONAL,
            "outside_launcher": "Thủ tướng Chính phủ",
            "start_date": dt.date(year, 1, 1),
            "end_date": dt.date(year, 12, 31),
            "goals": "Huy động nguồn lực hỗ trợ hộ nghèo, hộ cận nghèo; giảm nghèo bền vững.",
            "targets": "Mỗi cơ quan nhận đỡ đầu ít nhất một hộ nghèo; vận động ủng hộ Quỹ Vì "
            "người nghèo.",
            "asks_registration": False,
            "interim_due": dt.date(year, 6, 30),
            "final_due": dt.date(year, 11, 30),
        },
    ]


def _regular(year: int) -> dict[str, Any]:
    return {
        "name": f"Phong trào thi đua thường xuyên năm {year}",
        "slogan": "Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ",
        "kind": Movement.Kind.REGULAR,
        "scope": Movement.Scope.AGENCY,
        "start_date": dt.date(year, 1, 1),
        "end_date": dt.date(year, 12, 31),
        "goals": "Hoàn thành xuất sắc chỉ tiêu, nhiệm vụ chuyên môn năm của Sở.",
        "criteria": "Tiêu chuẩn danh hiệu thi đua theo Luật Thi đua, khen thưởng năm 2022.",
        "registration_due": dt.date(year, 2, 28),
        "final_due": dt.date(year, 11, 30),
        "participants_mode": Movement.Participants.ALL_UNDER,
    }


def _launch(actor: Any, launcher: Agency, fields: dict[str, Any], participants: list[Agency]):
    existing = Movement.objects.filter(name=fields["name"], launched_by=launcher).first()
    if existing is not None:
        return existing, 0
    movement = services.movement_create(
        actor=actor, launched_by=launcher, participants=participants, **fields
    )
    return services.movement_launch(movement, actor=actor), 1


def _registrations(movement: Movement, year: int, users: dict[str, Any]) -> int:
    unit = Agency.objects.filter(code=UNIT).first()
    head = users.get("truongphong.khcn")
    if unit is None or head is None or Registration.objects.filter(movement=movement).exists():
        return 0
    people = list(Person.objects.filter(agency=unit, is_active=True).order_by("sort_name"))
    members = {p.pk: ("CSTDCS" if i % 4 == 0 else "LDTT") for i, p in enumerate(people)}
    saved = services.registration_bulk(
        actor=head,
        movement=movement,
        year=year,
        unit=unit,
        unit_title_code="TTLDXS",
        members=members,
        covenant_text="Phòng Quản lý khoa học cam kết hoàn thành xuất sắc nhiệm vụ năm, "
        "thực hiện tốt văn hóa công sở, không có cán bộ vi phạm kỷ luật.",
        signed_name=head.person.full_name if hasattr(head, "person") else "",
    )
    return len(saved)


def _cascade(movement: Movement, admin: Any, users: dict[str, Any]) -> int:
    """Sở KH&CN sent its registration (accepted); Sở Nội vụ's was returned with a reason;
    Sở Tài chính has not sent yet."""
    done = 0
    plan = (("AG.SKHCN", "vanphong.khcn", "accept"), ("AG.SNV", "vanphong.snv", "return"))
    for code, username, outcome in plan:
        duty = Duty.objects.filter(
            movement=movement, agency__code=code, kind=Duty.Kind.REGISTRATION
        ).first()
        office = users.get(username)
        if duty is None or office is None or duty.status != Duty.Status.NOT_SENT:
            continue
        services.duty_submit(duty, actor=office, summary="Kính gửi bản tổng hợp đăng ký.")
        if outcome == "accept":
            services.duty_accept(duty, actor=admin)
        else:
            services.duty_return(
                duty,
                actor=admin,
                reason="Thiếu danh sách cá nhân đăng ký Chiến sĩ thi đua cơ sở; "
                "đề nghị bổ sung và gửi lại.",
            )
        done += 1
    return done


SCORING = [
    SectionSpec(
        "I",
        "Thực hiện nhiệm vụ chính trị, chuyên môn",
        [
            CriterionSpec(
                "1", "Hoàn thành các chỉ tiêu kế hoạch năm được giao", Decimal(20), "score", True
            ),
            CriterionSpec("2", "Cải cách hành chính, chuyển đổi số", Decimal(15)),
            CriterionSpec("3", "Thực hiện văn hóa công sở, kỷ luật, kỷ cương", Decimal(15)),
        ],
    ),
    SectionSpec(
        "II",
        "Công tác thi đua, khen thưởng",
        [
            CriterionSpec("4", "Tổ chức, hưởng ứng các phong trào thi đua", Decimal(20)),
            CriterionSpec("5", "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", Decimal(15)),
            CriterionSpec("6", "Tham gia hoạt động của khối, gửi báo cáo đúng hạn", Decimal(15)),
        ],
    ),
    SectionSpec(
        "III",
        "Điểm thưởng, điểm trừ",
        [
            CriterionSpec("7", "Được tặng Cờ thi đua của UBND tỉnh", Decimal(10), "bonus"),
            CriterionSpec("8", "Được tặng Cờ thi đua của Chính phủ", Decimal(15), "bonus"),
            CriterionSpec("9", "Chậm gửi báo cáo, số liệu cho khối", Decimal(5), "penalty"),
        ],
    ),
]
# Self-scores per member code: criteria 2–6 (criterion 1 is entered with evidence in the UI).
SELF_SCORES: dict[str, list[int]] = {
    "AG.SKHCN": [18, 14, 14, 19, 13, 14, 10, 0, 0],
    "AG.SVHTTDL": [19, 13, 15, 18, 14, 13, 0, 0, 2],
    "AG.SGDDT": [18, 14, 14, 19, 13, 14, 10, 0, 0],
    "AG.SYT": [17, 12, 13, 17, 12, 14, 0, 0, 0],
}


def _bloc(admin: Any, users: dict[str, Any], year: int) -> int:
    bloc = Bloc.objects.filter(code=bloc_data.BLOC_CODE).first()
    if bloc is None:
        return 0
    created = 0
    members = Agency.objects.filter(pk__in=member_ids(bloc, year)).order_by("path")
    if not Covenant.objects.filter(bloc=bloc, year=year).exists():
        covenant = services.covenant_save(
            actor=admin,
            bloc=bloc,
            year=year,
            title=f"Giao ước thi đua năm {year} của Khối 3",
            text="Các cơ quan thành viên Khối thi đua số 3 cùng giao ước:\n"
            "1. Hoàn thành xuất sắc nhiệm vụ chính trị, chỉ tiêu kế hoạch năm được giao.\n"
            "2. Đẩy mạnh cải cách hành chính, chuyển đổi số, thực hiện văn hóa công sở.\n"
            "3. Tổ chức sâu rộng các phong trào thi đua; phát hiện, nhân rộng điển hình "
            "tiên tiến.\n"
            "4. Tham gia đầy đủ hoạt động của khối; gửi báo cáo đúng hạn.",
            signed_on=dt.date(year, 2, 20),
            place="An Giang",
        )
        created += 1
        for agency in members:
            services.covenant_sign(
                covenant,
                actor=admin,
                agency=agency,
                signer_name=f"Giám đốc {agency.short_name or agency.name}",
                signer_position="Giám đốc",
            )
            created += 1
    if ScoringTable.objects.filter(bloc=bloc, year=year).exists():
        return created
    table = services.scoring_table_create(
        actor=admin,
        bloc=bloc,
        year=year,
        title=f"Bảng chấm điểm thi đua Khối 3 năm {year}",
        basis="Quy chế hoạt động của Khối thi đua số 3",
        sections=SCORING,
    )
    created += 1
    criteria = [c for s in table.sections.all() for c in s.criteria.all()]
    actors = {"AG.SKHCN": users.get("vanphong.khcn") or admin}
    for agency in members:
        points = SELF_SCORES.get(agency.code)
        if points is None:
            continue
        actor = actors.get(agency.code, admin)
        values = {c.pk: p for c, p in zip(criteria, points, strict=True)}
        values[criteria[0].pk] = 0  # criterion 1 needs evidence: the Office adds it in the UI
        sheet = services.score_sheet_save(
            table, actor=actor, subject=agency, scorer=agency, points=values
        )
        services.score_sheet_submit(sheet, actor=actor)
        created += 1
    leader = next((a for a in members if a.code == "AG.SKHCN"), None)
    for agency in members:
        points = SELF_SCORES.get(agency.code)
        if leader is None or points is None or agency == leader:
            continue
        crossed = [max(0, p - 1) if i in (1, 4) else p for i, p in enumerate(points)]
        values = {c.pk: p for c, p in zip(criteria, crossed, strict=True)}
        values[criteria[0].pk] = 0
        sheet = services.score_sheet_save(
            table, actor=actors["AG.SKHCN"], subject=agency, scorer=leader, points=values
        )
        services.score_sheet_submit(sheet, actor=actors["AG.SKHCN"])
        created += 1
    return created


def load(loader: DemoLoader) -> int:
    year = timezone.localdate().year
    admin = loader.admin
    users = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    created = 0
    province = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    participants = list(Agency.objects.filter(code__in=PARTICIPANTS).order_by("path"))
    if province is None or not participants:
        return 0
    first = None
    for fields in _movements(year):
        movement, n = _launch(admin, province, fields, participants)
        created += n
        first = first or movement
    skhcn = Agency.objects.filter(code="AG.SKHCN").first()
    office = users.get("vanphong.khcn")
    if skhcn is not None and office is not None:
        regular_fields = {**_regular(year), "participants_root": skhcn}
        _movement, n = _launch(office, skhcn, regular_fields, [])
        created += n
    if first is not None:
        created += _registrations(first, year, users)
        created += _cascade(first, admin, users)
    created += _bloc(admin, users, year)
    return created
