"""Domain vocabulary of the generated province: departments, units, places, and the words that
plan, article, movement, exemplar and document titles are built from.

Names are real Vietnamese administrative names (with diacritics); nothing here names a real
person. People's names reuse the weighted parts of thidua/demo/data/names.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PROVINCE_NAME = "Ủy ban nhân dân tỉnh An Giang"
PROVINCE_SHORT = "UBND tỉnh"
CODE_PREFIX = "GP"  # every generated agency code starts with it (load_demo uses "AG.")
MAIL_DOMAIN = "angiang.gov.vn"

# The 2025 reorganisation: the department merged, the one it merged into, the merger date.
MERGE_DATE = dt.date(2025, 3, 1)


@dataclass(frozen=True)
class Department:
    symbol: str
    name: str
    weight: int  # share of the province's staff (schools and hospitals make the big ones)
    divisions: tuple[str, ...]
    unit_kinds: tuple[str, ...] = ()  # name patterns of the units under it, "{place}" filled
    merged_into: str = ""  # symbol of the successor after MERGE_DATE
    created_on: dt.date | None = None  # a department founded by the reorganisation


COMMON_DIVISIONS = ("Văn phòng", "Thanh tra", "Phòng Kế hoạch – Tài chính")

DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "VPUBND",
        "Văn phòng Ủy ban nhân dân tỉnh",
        3,
        ("Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo – Văn xã", "Phòng Nội chính"),
        ("Trung tâm Phục vụ hành chính công",),
    ),
    Department(
        "SNV",
        "Sở Nội vụ",
        3,
        (
            "Phòng Tổ chức, biên chế",
            "Phòng Cải cách hành chính",
            "Phòng Xây dựng chính quyền",
            "Ban Thi đua – Khen thưởng",
            "Phòng Việc làm – An toàn lao động",
        ),
        ("Trung tâm Lưu trữ lịch sử",),
    ),
    Department(
        "STP",
        "Sở Tư pháp",
        2,
        (
            "Phòng Xây dựng, kiểm tra văn bản",
            "Phòng Phổ biến, giáo dục pháp luật",
            "Phòng Hành chính tư pháp",
        ),
        ("Trung tâm Trợ giúp pháp lý nhà nước", "Phòng Công chứng số {n}"),
    ),
    Department(
        "STC",
        "Sở Tài chính",
        3,
        (
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính doanh nghiệp",
            "Phòng Quản lý giá, công sản",
            "Phòng Đầu tư",
        ),
    ),
    Department(
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        2,
        ("Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh", "Phòng Kinh tế ngành"),
        merged_into="STC",
    ),
    Department(
        "SCT",
        "Sở Công Thương",
        2,
        ("Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp", "Phòng Quản lý năng lượng"),
        ("Trung tâm Khuyến công và Xúc tiến thương mại",),
    ),
    Department(
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        1,
        (
            "Phòng Trồng trọt và Bảo vệ thực vật",
            "Phòng Quản lý đất đai",
            "Phòng Môi trường",
            "Phòng Thủy lợi",
        ),
        created_on=MERGE_DATE,
    ),
    Department(
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        5,
        (
            "Phòng Kế hoạch sản xuất",
            "Phòng Quản lý xây dựng công trình",
            "Chi cục Thủy lợi",
            "Chi cục Kiểm lâm",
        ),
        ("Trung tâm Khuyến nông {place}", "Hạt Kiểm lâm {place}"),
        merged_into="SNNMT",
    ),
    Department(
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        3,
        ("Phòng Quản lý đất đai", "Phòng Tài nguyên nước", "Chi cục Bảo vệ môi trường"),
        ("Chi nhánh Văn phòng Đăng ký đất đai {place}",),
        merged_into="SNNMT",
    ),
    Department(
        "SXD",
        "Sở Xây dựng",
        2,
        ("Phòng Quản lý xây dựng", "Phòng Quy hoạch – Kiến trúc", "Phòng Quản lý giao thông"),
        ("Trung tâm Kiểm định chất lượng xây dựng",),
    ),
    Department(
        "SGTVT",
        "Sở Giao thông vận tải",
        2,
        ("Phòng Quản lý kết cấu hạ tầng", "Phòng Quản lý vận tải", "Phòng Quản lý chất lượng"),
        ("Trung tâm Đăng kiểm xe cơ giới {n}",),
        merged_into="SXD",
    ),
    Department(
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        2,
        (
            "Phòng Quản lý khoa học",
            "Phòng Quản lý công nghệ và thị trường công nghệ",
            "Phòng Chuyển đổi số",
            "Phòng Bưu chính – Viễn thông",
        ),
        ("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",),
    ),
    Department(
        "STTTT",
        "Sở Thông tin và Truyền thông",
        1,
        (
            "Phòng Thông tin – Báo chí – Xuất bản",
            "Phòng Bưu chính – Viễn thông",
            "Phòng Công nghệ thông tin",
        ),
        ("Trung tâm Công nghệ thông tin và Truyền thông",),
        merged_into="SKHCN",
    ),
    Department(
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        34,
        ("Phòng Giáo dục trung học", "Phòng Giáo dục thường xuyên", "Phòng Khảo thí và Kiểm định"),
        (
            "Trường Trung học phổ thông {place}",
            "Trường THPT chuyên {place}",
            "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên {place}",
        ),
    ),
    Department(
        "SYT",
        "Sở Y tế",
        26,
        ("Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Tổ chức cán bộ"),
        ("Bệnh viện Đa khoa {place}", "Trung tâm Y tế {place}", "Bệnh viện Sản – Nhi {place}"),
    ),
    Department(
        "SLDTBXH",
        "Sở Lao động – Thương binh và Xã hội",
        3,
        ("Phòng Lao động – Việc làm", "Phòng Người có công", "Phòng Bảo trợ xã hội"),
        ("Trung tâm Công tác xã hội {place}",),
        merged_into="SNV",
    ),
    Department(
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        3,
        (
            "Phòng Quản lý văn hóa và Gia đình",
            "Phòng Quản lý thể dục thể thao",
            "Phòng Quản lý du lịch",
        ),
        ("Thư viện tỉnh", "Bảo tàng tỉnh", "Trung tâm Văn hóa – Điện ảnh {place}"),
    ),
    Department(
        "TTT",
        "Thanh tra tỉnh",
        1,
        (
            "Phòng Thanh tra kinh tế – xã hội",
            "Phòng Tiếp công dân và Xử lý đơn",
            "Phòng Phòng, chống tham nhũng",
        ),
    ),
    Department(
        "BDT",
        "Ban Dân tộc",
        1,
        ("Phòng Chính sách", "Phòng Tuyên truyền và Địa bàn"),
        merged_into="SDTTG",
    ),
    Department(
        "SDTTG",
        "Sở Dân tộc và Tôn giáo",
        1,
        ("Phòng Dân tộc", "Phòng Tôn giáo"),
        created_on=MERGE_DATE,
    ),
    Department(
        "BQLKKT",
        "Ban Quản lý Khu kinh tế",
        1,
        (
            "Phòng Quản lý đầu tư",
            "Phòng Quản lý quy hoạch và xây dựng",
            "Phòng Quản lý doanh nghiệp và lao động",
        ),
    ),
)

PLACES: tuple[str, ...] = (
    "Long Xuyên",
    "Châu Đốc",
    "Tân Châu",
    "Rạch Giá",
    "Hà Tiên",
    "Phú Quốc",
    "Châu Phú",
    "Chợ Mới",
    "Thoại Sơn",
    "Tri Tôn",
    "Tịnh Biên",
    "An Phú",
    "Phú Tân",
    "Châu Thành",
    "Kiên Lương",
    "Hòn Đất",
    "Tân Hiệp",
    "Giồng Riềng",
    "Gò Quao",
    "An Biên",
    "An Minh",
    "U Minh Thượng",
    "Vĩnh Thuận",
    "Giang Thành",
    "Kiên Hải",
    "Mỹ Hòa Hưng",
    "Núi Sập",
    "Óc Eo",
    "Vọng Thê",
    "Long Điền",
    "Mỹ Luông",
    "Cái Dầu",
    "Nhà Bàng",
    "Ba Chúc",
)

STREETS: tuple[str, ...] = (
    "Trần Hưng Đạo",
    "Nguyễn Trung Trực",
    "Lê Lợi",
    "Hai Bà Trưng",
    "Tôn Đức Thắng",
    "Nguyễn Huệ",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Hùng Vương",
    "Ngô Quyền",
)

# Positions in rank order, by kind of agency node.
DEPARTMENT_BOARD = ("Giám đốc", "Phó Giám đốc", "Phó Giám đốc")
DIVISION_POSITIONS = ("Trưởng phòng", "Phó Trưởng phòng")
UNIT_POSITIONS = ("Giám đốc", "Phó Giám đốc")
STAFF_POSITIONS = ("Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Cán sự", "Kế toán")
SCHOOL_STAFF = ("Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên thư viện", "Kế toán")
HOSPITAL_STAFF = ("Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Dược sĩ", "Kỹ thuật viên", "Hộ lý")

# --- Words titles are built from ----------------------------------------------------------------

TOPICS: tuple[str, ...] = (
    "cải cách hành chính",
    "chuyển đổi số",
    "xây dựng nông thôn mới",
    "phòng, chống tham nhũng",
    "an toàn giao thông",
    "bảo vệ môi trường",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "dân vận khéo",
    "phổ biến, giáo dục pháp luật",
    "giảm nghèo bền vững",
    "chăm sóc sức khỏe nhân dân",
    "đổi mới căn bản, toàn diện giáo dục",
    "phát triển du lịch",
    "văn hóa công sở",
    "thực hành tiết kiệm, chống lãng phí",
    "an sinh xã hội",
    "khởi nghiệp đổi mới sáng tạo",
    "bình đẳng giới",
    "phòng, chống thiên tai",
    "xây dựng Đảng và hệ thống chính trị",
    "chính quyền điện tử",
    "đền ơn đáp nghĩa",
    "phòng, chống dịch bệnh",
    "xây dựng gia đình văn hóa",
    "bảo đảm an ninh trật tự",
)

MOVEMENT_PATTERNS: tuple[str, ...] = (
    "Phong trào thi đua “{topic}” năm {year}",
    "Thi đua thực hiện thắng lợi nhiệm vụ chính trị năm {year}",
    "Phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” "
    "giai đoạn {year}–{year2}",
    "Thi đua đẩy mạnh {topic} giai đoạn {year}–{year2}",
    "Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” "
    "năm {year}",
)

SLOGANS: tuple[str, ...] = (
    "Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ",
    "Kỷ cương, trách nhiệm, hành động, sáng tạo, hiệu quả",
    "Thi đua là yêu nước, yêu nước thì phải thi đua",
    "Chủ động, đổi mới, phục vụ nhân dân",
)

PLAN_PATTERNS: tuple[str, ...] = (
    "Kế hoạch tuyên truyền {topic} năm {year}",
    "Kế hoạch công tác thi đua, khen thưởng năm {year}",
    "Kế hoạch tuyên truyền gương điển hình tiên tiến năm {year}",
    "Kế hoạch thực hiện phong trào thi đua về {topic} năm {year}",
    "Kế hoạch phổ biến, giáo dục pháp luật năm {year}",
    "Kế hoạch tổ chức Ngày Pháp luật Việt Nam năm {year}",
)

CONTENT_ITEMS: tuple[str, ...] = (
    "Tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà nước về {topic}",
    "Giới thiệu gương người tốt, việc tốt, điển hình tiên tiến trong {topic}",
    "Phổ biến kết quả thực hiện {topic} của cơ quan, đơn vị",
    "Tuyên truyền Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn",
)

TASK_VERBS: tuple[str, ...] = (
    "Đăng tin bài về",
    "Tổ chức hội nghị quán triệt về",
    "Lồng ghép nội dung",
    "Báo cáo kết quả",
    "Treo băng rôn, khẩu hiệu về",
    "Tổ chức tọa đàm về",
    "Biên soạn tài liệu tuyên truyền về",
    "Sinh hoạt chuyên đề về",
    "Phát động cuộc thi tìm hiểu về",
    "Sơ kết việc thực hiện",
)

# Article titles name the subject ({topic}), who or where ({unit}, {commune}, {place}) and often
# the period ({period}: "quý III năm 2024", "năm 2024", "giai đoạn 2021–2025"), so that titles
# differ as real news titles do; the generator still draws again on a repeated title.
ARTICLE_PATTERNS: tuple[str, ...] = (
    "{unit} tổ chức hội nghị sơ kết {topic} {period}",
    "{unit} đẩy mạnh {topic} {period}",
    "Tuyên dương điển hình tiên tiến trong {topic} tại {commune}",
    "{Commune}: hiệu quả từ mô hình {topic}",
    "{unit} phát động phong trào thi đua {topic} {period}",
    "{unit} trao Bằng khen cho tập thể, cá nhân có thành tích trong {topic}",
    "Hội nghị tổng kết công tác thi đua, khen thưởng {period} của {unit}",
    "Lan tỏa gương người tốt, việc tốt ở {commune}, {place}",
    "{unit} ký kết giao ước thi đua {period}",
    "Nhiều cách làm hay trong {topic} ở {commune}",
    "{place}: {commune} về đích sớm trong {topic}",
    "{unit} biểu dương {count} điển hình tiên tiến {period}",
    "Kiểm tra việc thực hiện {topic} tại {unit}",
    "{unit} tổ chức tọa đàm về {topic} {period}",
    "Sôi nổi hội thi tìm hiểu về {topic} tại {commune}",
)

ARTICLE_SENTENCES: tuple[str, ...] = (
    "Phong trào được triển khai rộng khắp, thu hút đông đảo cán bộ, công chức, viên chức và "
    "người lao động tham gia.",
    "Qua đó đã xuất hiện nhiều tập thể, cá nhân tiêu biểu, có cách làm sáng tạo, hiệu quả.",
    "Lãnh đạo đơn vị đề nghị tiếp tục phát huy kết quả đạt được, khắc phục hạn chế, nhân rộng "
    "các mô hình hay.",
    "Dịp này, nhiều tập thể và cá nhân được tặng Giấy khen vì có thành tích xuất sắc.",
    "Công tác tuyên truyền được đổi mới về nội dung và hình thức, chú trọng ứng dụng công nghệ "
    "thông tin.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết cho nhiệm vụ năm tới.",
)

SECTIONS: tuple[tuple[str, str], ...] = (
    ("Tin hoạt động", "tin-hoat-dong"),
    ("Gương điển hình tiên tiến", "guong-dien-hinh"),
    ("Phong trào thi đua", "phong-trao-thi-dua"),
    ("Khen thưởng", "khen-thuong"),
    ("Tuyên truyền pháp luật", "tuyen-truyen-phap-luat"),
    ("Chuyển đổi số", "chuyen-doi-so"),
    ("Người tốt, việc tốt", "nguoi-tot-viec-tot"),
    ("Tin địa phương", "tin-dia-phuong"),
)

EXEMPLAR_FIELDS: tuple[str, ...] = (
    "Cải cách hành chính",
    "Chuyển đổi số",
    "Giáo dục và đào tạo",
    "Y tế",
    "Nông nghiệp",
    "Văn hóa – xã hội",
    "Người tốt, việc tốt",
    "Sản xuất, kinh doanh giỏi",
)

EXEMPLAR_ACHIEVEMENTS: tuple[str, ...] = (
    "Có sáng kiến “{topic}” được công nhận và áp dụng hiệu quả trong toàn đơn vị.",
    "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, tích cực tham gia {topic}.",
    "Chủ động đề xuất và triển khai mô hình {topic}, được nhân rộng ở nhiều đơn vị.",
    "Tận tụy, trách nhiệm, luôn đi đầu trong phong trào {topic}.",
)

# Subjects a document is about: the topics above and the routine work of an office.
DOCUMENT_SUBJECTS: tuple[str, ...] = (
    *TOPICS,
    "công tác thi đua, khen thưởng",
    "công tác tuyên truyền, phổ biến giáo dục pháp luật",
    "công tác văn thư, lưu trữ",
    "quản lý, sử dụng tài sản công",
    "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "thực hiện dân chủ ở cơ sở",
    "kiểm soát thủ tục hành chính",
    "bảo đảm an toàn thông tin mạng",
    "cung cấp dịch vụ công trực tuyến toàn trình",
    "bình xét thi đua, khen thưởng cuối năm",
    "xây dựng cơ quan, đơn vị đạt chuẩn văn hóa",
    "chăm lo người có công với cách mạng",
    "phòng, chống ma túy",
    "bảo hiểm y tế toàn dân",
    "ứng dụng chữ ký số",
    "kê khai tài sản, thu nhập",
    "phòng, chống rác thải nhựa",
    "vận động hiến máu tình nguyện",
    "bảo đảm an toàn thực phẩm",
    "xóa nhà tạm, nhà dột nát",
    "phát triển kinh tế tập thể, hợp tác xã",
    "tổ chức các hoạt động chào mừng Quốc khánh 2/9",
    "đánh giá, xếp loại chất lượng cán bộ, công chức",
)

# Wards and communes of the province, named in summaries and titles ("phường Mỹ Bình").
COMMUNES: tuple[str, ...] = (
    *(
        f"phường {name}"
        for name in (
            "Mỹ Bình",
            "Mỹ Long",
            "Mỹ Xuyên",
            "Bình Khánh",
            "Mỹ Phước",
            "Mỹ Quý",
            "Mỹ Thới",
            "Đông Xuyên",
            "Châu Phú A",
            "Châu Phú B",
            "Vĩnh Mỹ",
            "Núi Sam",
            "Vĩnh Ngươn",
            "Long Châu",
            "Long Sơn",
            "Vĩnh Thanh Vân",
            "Vĩnh Lạc",
            "An Hòa",
            "Rạch Sỏi",
            "Vĩnh Bảo",
            "Đông Hồ",
            "Pháo Đài",
            "Tô Châu",
        )
    ),
    *(
        f"xã {name}"
        for name in (
            "Mỹ Hòa Hưng",
            "Mỹ Khánh",
            "Vĩnh Thạnh Trung",
            "Bình Mỹ",
            "Hòa Lạc",
            "Phú Hiệp",
            "Kiến An",
            "Long Điền A",
            "Tấn Mỹ",
            "Nhơn Mỹ",
            "Hội An",
            "Vọng Đông",
            "Định Mỹ",
            "Tân Tuyến",
            "Lương Phi",
            "Ô Lâm",
            "Cô Tô",
            "An Cư",
            "Văn Giáo",
            "Nhơn Hội",
            "Khánh Bình",
            "Vĩnh Hậu",
            "Bình Hòa",
            "An Hảo",
            "Thạnh Lộc",
            "Mong Thọ",
            "Sơn Kiên",
            "Thổ Sơn",
            "Bàn Tân Định",
            "Đông Thái",
            "Vân Khánh",
            "Dương Hòa",
            "Bình Sơn",
        )
    ),
)

QUARTERS = ("I", "II", "III", "IV")

# (doc_type, abbreviation, summary patterns). A trích yếu names the subject ({subject}), the
# unit or place it concerns ({unit}: an agency; {where}: "tại …"/"trên địa bàn …") and the
# period ({period}); {day} is the document's date.
DOCUMENT_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "cong_van",
        "",
        (
            "V/v đôn đốc thực hiện {subject} {where} {period}",
            "V/v góp ý dự thảo Kế hoạch {subject} {period} của {unit}",
            "V/v báo cáo kết quả {subject} {where} {period}",
            "V/v đăng ký thi đua {period} của {unit}",
            "V/v cử cán bộ tham dự tập huấn về {subject} {period}",
            "V/v tăng cường {subject} {where} {period}",
        ),
    ),
    (
        "ke_hoach",
        "KH",
        (
            "Kế hoạch triển khai {subject} {where} {period}",
            "Kế hoạch tuyên truyền {subject} {where} {period}",
            "Kế hoạch kiểm tra {subject} {where} {period}",
            "Kế hoạch tổ chức Hội nghị biểu dương điển hình tiên tiến {unit} {period}",
            "Kế hoạch tổ chức Hội thi tìm hiểu về {subject} {where} {period}",
        ),
    ),
    (
        "quyet_dinh",
        "QĐ",
        (
            "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong {subject} "
            "{where} {period}",
            "Về việc thành lập Ban Chỉ đạo {subject} của {unit} {period}",
            "Về việc ban hành Quy chế {subject} của {unit}",
            "Về việc kiện toàn Tổ công tác {subject} {where} {period}",
        ),
    ),
    (
        "bao_cao",
        "BC",
        (
            "Báo cáo kết quả {subject} {period} của {unit}",
            "Báo cáo sơ kết {subject} {where} {period}",
            "Báo cáo tổng kết {subject} {where} {period}",
        ),
    ),
    (
        "thong_bao",
        "TB",
        (
            "Thông báo kết luận cuộc họp ngày {day} về {subject} {where}",
            "Thông báo lịch kiểm tra {subject} {where} {period}",
        ),
    ),
    (
        "huong_dan",
        "HD",
        (
            "Hướng dẫn bình xét thi đua, khen thưởng {period} của {unit}",
            "Hướng dẫn thực hiện {subject} {where} {period}",
        ),
    ),
    (
        "chuong_trinh",
        "CTr",
        (
            "Chương trình hành động thực hiện {subject} {where} {period}",
            "Chương trình công tác {subject} {period} của {unit}",
        ),
    ),
)
