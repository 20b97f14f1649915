"""Demo stage "exemplars": exemplars in every stage for the demo agencies, with nurturing plans
and logs, recognitions, replications and coverage, recorded through the services by each
agency's Office (the province admin for shared fields).

The services stamp stage changes with the current time; afterwards this stage dates them as the
story says (discovered in 2024, nurtured, recognised in 2025), so that the dashboard shows a
realistic picture: one exemplar nurtured for months without a log entry, one recognised without
coverage yet. Idempotent: an exemplar already present (same unit and name) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from thidua.exemplars import services
from thidua.exemplars.models import Exemplar, ExemplarField, Stage, StageChange
from thidua.org.models import Agency

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader

SHARED_FIELDS = {
    "Cải cách hành chính": "Có giải pháp rút ngắn thời gian giải quyết thủ tục\n"
    "Được người dân, doanh nghiệp ghi nhận",
    "Chuyển đổi số": "Có sản phẩm, quy trình số được đưa vào sử dụng\n"
    "Tiết kiệm thời gian hoặc chi phí đo đếm được",
    "Người tốt, việc tốt": "Hành động vì cộng đồng, không vụ lợi\nĐược địa phương xác nhận",
}
AGENCY_FIELDS = {
    ("AG.SKHCN", "Ứng dụng khoa học và công nghệ"): "Có kết quả nghiên cứu được ứng dụng\n"
    "Hiệu quả kinh tế – xã hội được xác nhận\nCó khả năng nhân rộng",
}
OFFICES = {"AG.SKHCN": "vanphong.khcn", "AG.SNV": "vanphong.snv", "AG.STC": "vanphong.stc"}


@dataclass
class Spec:
    unit: str
    name: str
    kind: str
    field: str
    stage: str
    achievements: str
    summary: str = ""
    subject_kind: str = "person"
    discovered_days_ago: int = 420
    nurtured_days_ago: int = 360
    recognised_days_ago: int = 120
    logs: list[tuple[int, str]] = field(default_factory=list)  # (days ago, content)
    replications: list[tuple[int, str, str]] = field(default_factory=list)  # (days, unit, result)
    coverage: list[tuple[str, int, str]] = field(default_factory=list)  # (kind, days ago, title)
    recognition: tuple[str, str, str] | None = None  # (level, number, title)
    publish: bool = False
    drop_reason: str = ""


SPECS = (
    Spec(
        "AG.SKHCN.TTUD",
        "Trung tâm Ứng dụng tiến bộ KH&CN – mô hình nhân giống lúa chất lượng cao",
        "new_model",
        "Ứng dụng khoa học và công nghệ",
        Stage.REPLICATED,
        "Chọn tạo và nhân giống 3 giống lúa chất lượng cao, năng suất tăng 12%, chuyển giao cho "
        "nông dân 5 xã.",
        summary="Mô hình nhân giống lúa được 2 địa phương áp dụng.",
        subject_kind="collective",
        logs=[(330, "Hỗ trợ kinh phí thử nghiệm vụ Đông Xuân"), (250, "Hội thảo đầu bờ")],
        recognition=("province", "215/QĐ-UBND", "Bằng khen của Chủ tịch UBND tỉnh"),
        replications=[
            (90, "UBND xã Phú Tân", "Áp dụng trên 120 ha, năng suất tăng 10%"),
            (40, "Hợp tác xã nông nghiệp Tân Phước", "Áp dụng trên 45 ha"),
        ],
        coverage=[
            ("article", 100, "Giống lúa mới của Trung tâm Ứng dụng: từ phòng thí nghiệm ra đồng"),
            ("meeting", 60, "Hội nghị điển hình tiên tiến ngành KH&CN ngày 11/6"),
            ("article", 30, "Nhân rộng mô hình giống lúa chất lượng cao"),
        ],
        publish=True,
    ),
    Spec(
        "AG.SKHCN.QLKH",
        "Nguyễn Thị Mỹ Tiên",
        "advanced",
        "Ứng dụng khoa học và công nghệ",
        Stage.RECOGNISED,
        "Chủ trì 2 đề tài cấp tỉnh được nghiệm thu xuất sắc; sáng kiến quản lý đề tài trực tuyến.",
        summary="Chuyên viên Phòng Quản lý khoa học, chủ trì 2 đề tài cấp tỉnh.",
        logs=[(300, "Cử tham gia lớp bồi dưỡng quản lý khoa học"), (200, "Góp ý báo cáo đề tài")],
        recognition=("province", "1187/QĐ-UBND", "Chiến sĩ thi đua cấp tỉnh"),
        publish=True,
    ),
    Spec(
        "AG.SKHCN.CNDMST",
        "Tổ chuyển đổi số – số hóa hồ sơ đề tài",
        "good_practice",
        "Chuyển đổi số",
        Stage.NURTURING,
        "Số hóa 1.200 hồ sơ đề tài, tra cứu trực tuyến, rút ngắn thời gian tìm hồ sơ từ 1 ngày "
        "xuống 5 phút.",
        subject_kind="collective",
        nurtured_days_ago=150,
        logs=[(120, "Làm việc với Trung tâm dữ liệu tỉnh"), (20, "Kiểm tra tiến độ số hóa")],
    ),
    Spec(
        "AG.SKHCN.CCTDC",
        "Lê Hoàng Phúc",
        "new_factor",
        "Cải cách hành chính",
        Stage.NURTURING,
        "Đề xuất quy trình kiểm định phương tiện đo tại chỗ, giảm 2 ngày chờ cho doanh nghiệp.",
        nurtured_days_ago=280,
        logs=[(250, "Giao nhiệm vụ thí điểm tại 3 doanh nghiệp")],
    ),
    Spec(
        "AG.SKHCN.VP",
        "Trần Văn Lợi",
        "good_deed",
        "Người tốt, việc tốt",
        Stage.DISCOVERED,
        "Nhặt được ví có 15 triệu đồng và giấy tờ, trả lại cho người đánh rơi.",
        discovered_days_ago=25,
    ),
    Spec(
        "AG.SKHCN.QLKH",
        "Câu lạc bộ sáng tạo trẻ",
        "new_model",
        "Ứng dụng khoa học và công nghệ",
        Stage.DROPPED,
        "Tổ chức sân chơi sáng tạo cho học sinh.",
        subject_kind="collective",
        drop_reason="Câu lạc bộ ngừng hoạt động sau khi sắp xếp tổ chức.",
    ),
    Spec(
        "AG.SNV.VP",
        "Tổ một cửa Sở Nội vụ",
        "good_practice",
        "Cải cách hành chính",
        Stage.RECOGNISED,
        "Trả kết quả đúng hạn 100% hồ sơ, hẹn giờ qua tin nhắn.",
        subject_kind="collective",
        logs=[(280, "Tập huấn kỹ năng giao tiếp với người dân")],
        recognition=("agency", "45/QĐ-SNV", "Giấy khen của Giám đốc Sở"),
        coverage=[("activity", 50, "Chia sẻ kinh nghiệm tại buổi sinh hoạt chuyên đề")],
    ),
    Spec(
        "AG.SNV.VP",
        "Phan Thị Kim Ngân",
        "advanced",
        "Chuyển đổi số",
        Stage.DISCOVERED,
        "Xây dựng bảng theo dõi hồ sơ thi đua trực tuyến cho các phòng.",
        discovered_days_ago=60,
    ),
    Spec(
        "AG.STC.VP",
        "Võ Minh Khang",
        "new_factor",
        "Chuyển đổi số",
        Stage.NURTURING,
        "Tự động đối chiếu số liệu thu chi ngân sách, phát hiện sai lệch trong ngày.",
        nurtured_days_ago=90,
        logs=[(45, "Hỗ trợ máy chủ thử nghiệm")],
    ),
)


def _days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _date_last_move(exemplar: Exemplar, days: int) -> None:
    """Date the latest stage change as the story says (services stamp the current time)."""
    at = timezone.now() - dt.timedelta(days=days)
    last = StageChange.objects.filter(exemplar=exemplar).order_by("-at", "-id").first()
    if last is not None:
        StageChange.objects.filter(pk=last.pk).update(at=at, on=timezone.localdate(at))
    Exemplar.objects.filter(pk=exemplar.pk).update(stage_changed_at=at)
    exemplar.refresh_from_db()


def _fields(admin: Any, users: dict[str, Any]) -> tuple[dict[str, ExemplarField], int]:
    created = 0
    found: dict[str, ExemplarField] = {}
    for name, criteria in SHARED_FIELDS.items():
        existing = ExemplarField.objects.filter(agency=None, name=name).first()
        if existing is None:
            existing = services.field_create(actor=admin, agency=None, name=name, criteria=criteria)
            created += 1
        found[name] = existing
    for (code, name), criteria in AGENCY_FIELDS.items():
        agency = Agency.objects.get(code=code)
        existing = ExemplarField.objects.filter(agency=agency, name=name).first()
        if existing is None:
            existing = services.field_create(
                actor=users[code], agency=agency, name=name, criteria=criteria
            )
            created += 1
        found[name] = existing
    return found, created


def _create(spec: Spec, actor: Any, fields: dict[str, ExemplarField]) -> int:
    unit = Agency.objects.get(code=spec.unit)
    exemplar = services.exemplar_create(
        actor=actor,
        unit=unit,
        field=fields[spec.field],
        subject_kind=spec.subject_kind,
        name=spec.name,
        kind=spec.kind,
        summary=spec.summary,
        achievements=spec.achievements,
        discovered_on=_days_ago(spec.discovered_days_ago),
    )
    rows = 1
    _date_last_move(exemplar, spec.discovered_days_ago)
    if spec.stage in (Stage.NURTURING, Stage.RECOGNISED, Stage.REPLICATED):
        services.exemplar_nurture(
            exemplar,
            actor=actor,
            mentor=actor.person,
            goals="Hoàn thiện thành tích, đủ điều kiện đề nghị công nhận trong năm.",
            support="Hướng dẫn hồ sơ, tạo điều kiện thời gian và kinh phí thử nghiệm.",
            started_on=_days_ago(spec.nurtured_days_ago),
        )
        _date_last_move(exemplar, spec.nurtured_days_ago)
        rows += 1
        for days, content in spec.logs:
            services.log_add(exemplar, actor=actor, date=_days_ago(days), content=content)
            rows += 1
    if spec.recognition and spec.stage in (Stage.RECOGNISED, Stage.REPLICATED):
        level, number, title = spec.recognition
        services.exemplar_recognise(
            exemplar,
            actor=actor,
            level=level,
            decision_number=number,
            decision_date=_days_ago(spec.recognised_days_ago),
            title=title,
        )
        _date_last_move(exemplar, spec.recognised_days_ago)
    for days, unit_name, result in spec.replications:
        services.replication_record(
            exemplar,
            actor=actor,
            adopted_on=_days_ago(days),
            adopting_unit_name=unit_name,
            result=result,
        )
        rows += 1
    if spec.replications:
        _date_last_move(exemplar, spec.replications[0][0])
    for kind, days, title in spec.coverage:
        services.coverage_record(
            exemplar, actor=actor, kind=kind, title=title, date=_days_ago(days)
        )
        rows += 1
    if spec.publish:
        services.exemplar_set_publication(exemplar, actor=actor, approved=True)
    if spec.stage == Stage.DROPPED:
        services.exemplar_drop(exemplar, actor=actor, reason=spec.drop_reason)
        _date_last_move(exemplar, 200)
    return rows


def load(loader: DemoLoader) -> int:
    users = {
        code: get_user_model().objects.select_related("person").get(username=username)
        for code, username in OFFICES.items()
    }
    fields, created = _fields(loader.admin, users)
    for spec in SPECS:
        office_code = ".".join(spec.unit.split(".")[:2])
        if Exemplar.objects.filter(unit__code=spec.unit, name=spec.name).exists():
            continue
        created += _create(spec, users[office_code], fields)
    return created
