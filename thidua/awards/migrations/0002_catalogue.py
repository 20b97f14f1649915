"""The catalogue of titles and forms, transcribed from DOMAIN.md ("Titles and forms of
commendation"), with version 1 of each title's criteria, step deadlines and fixed-date public
holidays. Frozen here on purpose: later edits are new RuleVersion rows, not changes to this file.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

LAW = "Luật TĐKT 2022"
P152 = "Nghị định 152/2025/NĐ-CP"
MONEY = "Điều 54 Nghị định 98/2023/NĐ-CP (giữ nguyên tại Nghị định 152/2025/NĐ-CP)"
NORMAL_DOCS = ["to_trinh", "bao_cao_thanh_tich", "bien_ban_binh_xet"]
CSTD_DOCS = [*NORMAL_DOCS, "xac_nhan_sang_kien"]
SIMPLE_DOCS = ["to_trinh", "tom_tat_thanh_tich"]

NO_DISCIPLINE = {"type": "no_discipline", "basis": P152}
QUOTA = {"type": "quota", "basis": "Quy định của tỉnh, ngành (cấu hình theo năm)"}


def art(n: int) -> str:
    return f"Điều {n} {LAW}"


TITLES = [
    {
        "code": "LDTT", "short_name": "LĐTT", "name": "Lao động tiên tiến",
        "kind": "title", "applies_to": "individual", "level": "agency",
        "authority": "agency_head", "authority_basis": f"khoản 1 Điều 80 {LAW}",
        "legal_basis": art(24), "money_coefficient": "0.3", "money_basis": MONEY,
        "certificate_kind": "none",
        "description": "Hoàn thành tốt nhiệm vụ trở lên; không cấp bằng, chỉ có quyết định.",
        "rules": [
            {"type": "rating", "min": "good", "basis": art(24)},
            NO_DISCIPLINE, QUOTA,
        ],
    },
    {
        "code": "CSTDCS", "short_name": "CSTĐCS", "name": "Chiến sĩ thi đua cơ sở",
        "kind": "title", "applies_to": "individual", "level": "agency",
        "authority": "agency_head", "authority_basis": f"khoản 1 Điều 80 {LAW}",
        "legal_basis": art(23), "money_coefficient": "1.0", "money_basis": MONEY,
        "certificate_kind": "bang_chung_nhan", "needs_secret_ballot": True,
        "ballot_threshold_percent": 50, "ballot_basis": "present",
        "required_documents": CSTD_DOCS,
        "description": (
            "Đạt tiêu chuẩn Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến "
            "được công nhận cấp cơ sở (hoặc đề tài nghiên cứu được nghiệm thu)."
        ),
        "rules": [
            {"type": "rating", "min": "good", "basis": art(23)},
            {
                "type": "any_of", "basis": art(23),
                "rules": [
                    {"type": "rating", "min": "excellent", "basis": art(23)},
                    {"type": "initiative", "min_level": "agency", "count": 1, "years": 1,
                     "basis": art(23)},
                ],
            },
            NO_DISCIPLINE, QUOTA,
        ],
    },
    {
        "code": "CSTD_TINH", "short_name": "CSTĐ tỉnh", "name": "Chiến sĩ thi đua cấp tỉnh",
        "kind": "title", "applies_to": "individual", "level": "province",
        "authority": "province_chair", "legal_basis": art(22),
        "money_coefficient": "3.0", "money_basis": MONEY, "certificate_kind": "bang_chung_nhan",
        "needs_secret_ballot": True, "ballot_threshold_percent": 90,
        "ballot_basis": "all_members", "requires_publicity": True,
        "required_documents": CSTD_DOCS,
        "description": (
            "Tiêu biểu xuất sắc trong số những cá nhân có 3 lần liên tục đạt danh hiệu Chiến sĩ "
            "thi đua cơ sở, có sáng kiến hoặc đề tài có hiệu quả, ảnh hưởng trong phạm vi tỉnh."
        ),
        "rules": [
            {"type": "title_streak", "title": "CSTDCS", "count": 3, "basis": art(22)},
            {"type": "initiative", "min_level": "province", "count": 1, "years": 3,
             "basis": art(22)},
            {"type": "judgement", "text": "Tiêu biểu xuất sắc trong số các cá nhân đủ điều kiện",
             "basis": art(22)},
            NO_DISCIPLINE,
        ],
    },
    {
        "code": "CSTD_TQ", "short_name": "CSTĐ toàn quốc", "name": "Chiến sĩ thi đua toàn quốc",
        "kind": "title", "applies_to": "individual", "level": "national",
        "authority": "prime_minister", "legal_basis": art(21),
        "money_coefficient": "4.5", "money_basis": MONEY, "certificate_kind": "bang_chung_nhan",
        "needs_secret_ballot": True, "ballot_threshold_percent": 90,
        "ballot_basis": "all_members", "requires_publicity": True,
        "required_documents": CSTD_DOCS,
        "description": (
            "Tiêu biểu xuất sắc trong số những cá nhân có 2 lần liên tục đạt danh hiệu Chiến sĩ "
            "thi đua cấp tỉnh, có thành tích ảnh hưởng trong phạm vi toàn quốc."
        ),
        "rules": [
            {"type": "title_streak", "title": "CSTD_TINH", "count": 2, "basis": art(21)},
            {"type": "initiative", "min_level": "national", "count": 1, "years": 6,
             "basis": art(21)},
            {"type": "judgement", "text": "Tiêu biểu xuất sắc, ảnh hưởng trong phạm vi toàn quốc",
             "basis": art(21)},
            NO_DISCIPLINE,
        ],
    },
    {
        "code": "TTLDTT", "short_name": "TTLĐTT", "name": "Tập thể lao động tiên tiến",
        "kind": "title", "applies_to": "collective", "level": "agency",
        "authority": "agency_head", "legal_basis": art(28),
        "money_coefficient": "0.8", "money_basis": MONEY, "certificate_kind": "none",
        "description": "Tiêu chuẩn cụ thể theo quy định của tỉnh, ngành (cấu hình được).",
        "rules": [
            {"type": "rating", "min": "good", "basis": f"{art(28)}; quy định của tỉnh"},
            {"type": "collective_active", "basis": "TT 15/2025"},
            NO_DISCIPLINE,
        ],
    },
    {
        "code": "TTLDXS", "short_name": "TTLĐXS", "name": "Tập thể lao động xuất sắc",
        "kind": "title", "applies_to": "collective", "level": "province",
        "authority": "province_chair", "legal_basis": art(27),
        "money_coefficient": "1.5", "money_basis": MONEY, "certificate_kind": "bang_chung_nhan",
        "description": (
            "Hoàn thành xuất sắc nhiệm vụ; 100% cá nhân hoàn thành nhiệm vụ, trong đó ít nhất 70% "
            "đạt Lao động tiên tiến; có ít nhất một Chiến sĩ thi đua cơ sở; không có kỷ luật."
        ),
        "rules": [
            {"type": "rating", "min": "excellent", "basis": art(27)},
            {"type": "members_rating", "min": "complete", "min_percent": 100, "basis": art(27)},
            {"type": "members_ratio", "title": "LDTT", "min_percent": 70, "basis": art(27)},
            {"type": "members_count", "title": "CSTDCS", "min": 1, "basis": art(27)},
            {"type": "members_no_discipline", "basis": art(27)},
            {"type": "collective_active", "basis": "TT 15/2025"},
            NO_DISCIPLINE,
        ],
    },
    {
        "code": "CO_TINH", "short_name": "Cờ thi đua tỉnh", "name": "Cờ thi đua của UBND tỉnh",
        "kind": "title", "applies_to": "collective", "level": "province",
        "authority": "province_chair", "legal_basis": art(26),
        "money_coefficient": "8.0", "money_basis": MONEY, "certificate_kind": "co",
        "needs_secret_ballot": True, "ballot_threshold_percent": 90,
        "ballot_basis": "all_members",
        "description": "Tập thể dẫn đầu khối, cụm thi đua của tỉnh.",
        "rules": [
            {"type": "judgement", "text": "Dẫn đầu khối, cụm thi đua của tỉnh", "basis": art(26)},
            {"type": "collective_active", "basis": "TT 15/2025"},
            NO_DISCIPLINE,
        ],
    },
    {
        "code": "GIAY_KHEN", "short_name": "Giấy khen", "name": "Giấy khen",
        "kind": "form", "applies_to": "both", "level": "agency",
        "authority": "agency_head", "legal_basis": LAW,
        "money_coefficient": "0", "certificate_kind": "giay_khen",
        "description": "Do thủ trưởng cơ quan, đơn vị tặng.",
        "rules": [
            {"type": "judgement", "text": "Thành tích theo quy định của thủ trưởng cơ quan",
             "basis": LAW},
            NO_DISCIPLINE,
        ],
    },
    {
        "code": "BK_TINH", "short_name": "Bằng khen tỉnh",
        "name": "Bằng khen của Chủ tịch UBND tỉnh",
        "kind": "form", "applies_to": "both", "level": "province",
        "authority": "province_chair", "legal_basis": art(74),
        "money_coefficient": "1.5", "money_basis": P152, "certificate_kind": "bang_khen",
        "description": (
            "Một trong các trường hợp: tiêu biểu xuất sắc trong phong trào thi đua của tỉnh; "
            "thành tích có ảnh hưởng; đóng góp lớn; 2 lần liên tục đạt Chiến sĩ thi đua cơ sở; "
            "hoặc 2 năm liên tục trở lên hoàn thành xuất sắc nhiệm vụ và có 2 sáng kiến được áp "
            "dụng."
        ),
        "rules": [
            {
                "type": "any_of", "basis": art(74),
                "rules": [
                    {"type": "title_streak", "title": "CSTDCS", "count": 2, "basis": art(74)},
                    {
                        "type": "all_of", "basis": art(74),
                        "rules": [
                            {"type": "rating_streak", "min": "excellent", "count": 2,
                             "basis": art(74)},
                            {"type": "initiative", "min_level": "agency", "count": 2, "years": 2,
                             "applied": True, "basis": art(74)},
                        ],
                    },
                    {"type": "judgement",
                     "text": ("Tiêu biểu xuất sắc trong phong trào thi đua của tỉnh, thành tích "
                              "có ảnh hưởng hoặc đóng góp lớn"),
                     "basis": art(74)},
                ],
            },
            NO_DISCIPLINE,
        ],
    },
    {
        "code": "BK_TTG", "short_name": "Bằng khen Thủ tướng",
        "name": "Bằng khen của Thủ tướng Chính phủ",
        "kind": "form", "applies_to": "individual", "level": "national",
        "authority": "prime_minister", "legal_basis": art(73),
        "money_coefficient": "0", "certificate_kind": "bang_khen", "requires_publicity": True,
        "description": (
            "Đã được tặng Bằng khen cấp tỉnh; 5 năm liên tục trở lên hoàn thành tốt nhiệm vụ, "
            "trong đó có 3 lần đạt Chiến sĩ thi đua cơ sở."
        ),
        "rules": [
            {"type": "title_held", "title": "BK_TINH", "basis": art(73)},
            {"type": "rating_streak", "min": "good", "count": 5, "basis": art(73)},
            {"type": "title_count", "title": "CSTDCS", "count": 3, "window": 5, "basis": art(73)},
            NO_DISCIPLINE,
        ],
    },
]

DEADLINES = {
    "normal": {"submitted": 10, "checked": 5, "at_council": 15, "decided": 10},
    "simplified": {"submitted": 3, "checked": 2, "at_council": 5, "decided": 3},
}

HOLIDAYS = [
    (1, 1, "Tết Dương lịch"),
    (4, 30, "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (5, 1, "Ngày Quốc tế Lao động"),
    (9, 2, "Quốc khánh"),
]


def load(apps, schema_editor):
    Title = apps.get_model("awards", "Title")
    RuleVersion = apps.get_model("awards", "RuleVersion")
    StepDeadline = apps.get_model("awards", "StepDeadline")
    PublicHoliday = apps.get_model("awards", "PublicHoliday")
    since = dt.date(2024, 1, 1)
    for position, data in enumerate(TITLES, start=1):
        data = dict(data)
        rules = data.pop("rules")
        data.setdefault("required_documents", NORMAL_DOCS)
        data.setdefault("required_documents_simplified", SIMPLE_DOCS)
        data["money_coefficient"] = Decimal(data["money_coefficient"])
        title, _ = Title.objects.update_or_create(
            code=data.pop("code"), defaults={**data, "position": position, "valid_from": since}
        )
        RuleVersion.objects.get_or_create(
            title=title,
            number=1,
            defaults={"rules": rules, "valid_from": since, "note": "Nạp từ danh mục ban đầu"},
        )
    for procedure, steps in DEADLINES.items():
        for status, days in steps.items():
            StepDeadline.objects.get_or_create(
                procedure=procedure, status=status, defaults={"working_days": days}
            )
    for year in (2025, 2026, 2027):
        for month, day, name in HOLIDAYS:
            PublicHoliday.objects.get_or_create(date=dt.date(year, month, day), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
