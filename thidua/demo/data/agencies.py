"""The demo province: Tỉnh An Giang after the 2025 reorganisation, as a tree of agency specs.

Kiên Giang merged into An Giang on 01/07/2025 and the provincial centre is in Rạch Giá, so the
departments sit in Rạch Giá and some units still work from their Long Xuyên offices. The Sở
Thông tin và Truyền thông (valid until 28/02/2025) is merged into the Sở Khoa học và Công nghệ
by the loader, through the real merge service; see MERGES.

Codes are "AG.<department symbol>.<unit>", stable: the loader uses them to find what it
already created. ``staffing`` lists the positions filled in that unit, in order of rank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Staffing = tuple[tuple[str, int], ...]

PROVINCE = "province"
DEPARTMENT = "department"
DIVISION = "division"
UNIT = "unit"

MAIL_DOMAIN = "angiang.gov.vn"
RACH_GIA_PHONE = "0297 38"  # Kiên Giang's former area code, now the provincial centre
LONG_XUYEN_PHONE = "0296 38"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    short_name: str
    kind: str
    staffing: Staffing = ()
    symbol: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    valid_from: dt.date | None = None
    children: tuple[AgencySpec, ...] = field(default_factory=tuple)

    @property
    def headcount(self) -> int:
        return sum(count for _position, count in self.staffing)


# --- Staffing patterns: who works in each kind of unit ----------------------------------------


def board(deputies: int) -> Staffing:
    """Ban Giám đốc Sở: the director and deputies sit at the department itself."""
    return (("Giám đốc", 1), ("Phó Giám đốc", deputies))


def office(specialists: int, accountants: int = 1) -> Staffing:
    return (
        ("Chánh Văn phòng", 1),
        ("Phó Chánh Văn phòng", 1),
        ("Chuyên viên", specialists),
        ("Kế toán viên", accountants),
        ("Văn thư", 1),
        ("Nhân viên lái xe", 1),
    )


def inspectorate(inspectors: int) -> Staffing:
    return (
        ("Chánh Thanh tra", 1),
        ("Phó Chánh Thanh tra", 1),
        ("Thanh tra viên chính", 1),
        ("Thanh tra viên", inspectors),
    )


def division(specialists: int, deputies: int = 1, principal: int = 0) -> Staffing:
    staffing = (("Trưởng phòng", 1), ("Phó Trưởng phòng", deputies))
    if principal:
        staffing += (("Chuyên viên chính", principal),)
    return (*staffing, ("Chuyên viên", specialists))


def centre(staff: int, title: str = "Giám đốc Trung tâm") -> Staffing:
    return ((title, 1), (f"Phó {title}", 1), ("Kế toán viên", 1), ("Viên chức", staff))


def sub_department(staff: int) -> Staffing:
    """Chi cục: a sub-department with its own head."""
    return (
        ("Chi cục trưởng", 1),
        ("Phó Chi cục trưởng", 1),
        ("Kiểm soát viên", 1),
        ("Chuyên viên", staff),
    )


# --- Common divisions -------------------------------------------------------------------------


def office_of(dept: str, specialists: int = 2) -> AgencySpec:
    return AgencySpec(f"AG.{dept}.VP", "Văn phòng Sở", "VP", DIVISION, office(specialists))


def inspectorate_of(dept: str, inspectors: int = 1) -> AgencySpec:
    return AgencySpec(f"AG.{dept}.TTRA", "Thanh tra Sở", "TTr", DIVISION, inspectorate(inspectors))


def planning_finance_of(dept: str, specialists: int = 1) -> AgencySpec:
    return AgencySpec(
        f"AG.{dept}.KHTC", "Phòng Kế hoạch – Tài chính", "KH-TC", DIVISION, division(specialists)
    )


# --- The departments ----------------------------------------------------------------------------

SKHCN = AgencySpec(
    "AG.SKHCN",
    "Sở Khoa học và Công nghệ tỉnh An Giang",
    "Sở KH&CN",
    DEPARTMENT,
    board(2),
    symbol="SKHCN",
    address="Số 320 Nguyễn Trung Trực, phường Rạch Giá, tỉnh An Giang",
    phone=f"{RACH_GIA_PHONE}62 345",
    email=f"skhcn@{MAIL_DOMAIN}",
    children=(
        office_of("SKHCN", 2),
        inspectorate_of("SKHCN"),
        planning_finance_of("SKHCN"),
        AgencySpec(
            "AG.SKHCN.QLKH", "Phòng Quản lý khoa học", "QLKH", DIVISION, division(3, principal=1)
        ),
        AgencySpec(
            "AG.SKHCN.QLCN",
            "Phòng Quản lý chuyên ngành",
            "QLCN",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.SKHCN.CNDMST",
            "Phòng Quản lý công nghệ và Đổi mới sáng tạo",
            "CN&ĐMST",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.SKHCN.CCTDC",
            "Chi cục Tiêu chuẩn Đo lường Chất lượng",
            "Chi cục TĐC",
            UNIT,
            sub_department(4),
            address="Số 15 Tôn Đức Thắng, phường Long Xuyên, tỉnh An Giang",
            phone=f"{LONG_XUYEN_PHONE}53 120",
        ),
        AgencySpec(
            "AG.SKHCN.TTUD",
            "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
            "Trung tâm Ứng dụng KH&CN",
            UNIT,
            centre(4),
            address="Số 37 Ung Văn Khiêm, phường Long Xuyên, tỉnh An Giang",
            phone=f"{LONG_XUYEN_PHONE}57 446",
        ),
    ),
)

STTTT = AgencySpec(
    "AG.STTTT",
    "Sở Thông tin và Truyền thông tỉnh An Giang",
    "Sở TT&TT",
    DEPARTMENT,
    board(2),
    symbol="STTTT",
    address="Số 06 Lê Lợi, phường Long Xuyên, tỉnh An Giang",
    phone=f"{LONG_XUYEN_PHONE}52 512",
    email=f"stttt@{MAIL_DOMAIN}",
    valid_from=dt.date(2008, 4, 1),
    children=(
        office_of("STTTT", 1),
        inspectorate_of("STTTT"),
        planning_finance_of("STTTT"),
        AgencySpec(
            "AG.STTTT.TTBCXB",
            "Phòng Thông tin – Báo chí – Xuất bản",
            "TT-BC-XB",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.STTTT.BCVTCNTT",
            "Phòng Bưu chính, Viễn thông và Công nghệ thông tin",
            "BCVT-CNTT",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.STTTT.TTCNTT",
            "Trung tâm Công nghệ thông tin và Truyền thông",
            "Trung tâm CNTT&TT",
            UNIT,
            centre(4),
        ),
    ),
)

SNV = AgencySpec(
    "AG.SNV",
    "Sở Nội vụ tỉnh An Giang",
    "Sở Nội vụ",
    DEPARTMENT,
    board(3),
    symbol="SNV",
    address="Số 01 Nguyễn Công Trứ, phường Rạch Giá, tỉnh An Giang",
    phone=f"{RACH_GIA_PHONE}62 118",
    email=f"snv@{MAIL_DOMAIN}",
    children=(
        office_of("SNV", 2),
        inspectorate_of("SNV"),
        AgencySpec(
            "AG.SNV.TCBC",
            "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ",
            "TCBC&TCPCP",
            DIVISION,
            division(2, principal=1),
        ),
        AgencySpec(
            "AG.SNV.XDCQ",
            "Phòng Xây dựng chính quyền và Công tác thanh niên",
            "XDCQ&CTTN",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.SNV.CCHC",
            "Phòng Cải cách hành chính và Văn thư – Lưu trữ",
            "CCHC&VTLT",
            DIVISION,
            division(1),
        ),
        AgencySpec(
            "AG.SNV.BTDKT",
            "Ban Thi đua – Khen thưởng",
            "Ban TĐKT",
            UNIT,
            (("Trưởng ban", 1), ("Phó Trưởng ban", 2)),
            symbol="BTĐKT",
            address="Số 01 Nguyễn Công Trứ, phường Rạch Giá, tỉnh An Giang",
            phone=f"{RACH_GIA_PHONE}62 236",
            email=f"btdkt@{MAIL_DOMAIN}",
            children=(
                AgencySpec(
                    "AG.SNV.BTDKT.VP",
                    "Văn phòng Ban",
                    "VP Ban",
                    DIVISION,
                    (("Chánh Văn phòng", 1), ("Chuyên viên", 1), ("Kế toán viên", 1)),
                ),
                AgencySpec(
                    "AG.SNV.BTDKT.TD",
                    "Phòng Nghiệp vụ Thi đua",
                    "NV Thi đua",
                    DIVISION,
                    division(2, principal=1),
                ),
                AgencySpec(
                    "AG.SNV.BTDKT.KT",
                    "Phòng Nghiệp vụ Khen thưởng",
                    "NV Khen thưởng",
                    DIVISION,
                    division(2),
                ),
            ),
        ),
        AgencySpec(
            "AG.SNV.BTG",
            "Ban Tôn giáo",
            "Ban Tôn giáo",
            UNIT,
            (("Trưởng ban", 1), ("Phó Trưởng ban", 1), ("Chuyên viên", 2)),
        ),
    ),
)

STC = AgencySpec(
    "AG.STC",
    "Sở Tài chính tỉnh An Giang",
    "Sở Tài chính",
    DEPARTMENT,
    board(3),
    symbol="STC",
    address="Số 08 Nguyễn Công Trứ, phường Rạch Giá, tỉnh An Giang",
    phone=f"{RACH_GIA_PHONE}62 233",
    email=f"stc@{MAIL_DOMAIN}",
    children=(
        office_of("STC", 2),
        inspectorate_of("STC"),
        AgencySpec(
            "AG.STC.QLNS", "Phòng Quản lý ngân sách", "QLNS", DIVISION, division(3, principal=1)
        ),
        AgencySpec(
            "AG.STC.HCSN",
            "Phòng Tài chính hành chính sự nghiệp",
            "TC-HCSN",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.STC.GCS",
            "Phòng Quản lý giá và Công sản",
            "Giá-CS",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.STC.DKKD",
            "Phòng Đăng ký kinh doanh",
            "ĐKKD",
            DIVISION,
            division(2),
        ),
    ),
)

SVHTTDL = AgencySpec(
    "AG.SVHTTDL",
    "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang",
    "Sở VH,TT&DL",
    DEPARTMENT,
    board(3),
    symbol="SVHTTDL",
    address="Số 11 Lê Lợi, phường Rạch Giá, tỉnh An Giang",
    phone=f"{RACH_GIA_PHONE}62 481",
    email=f"svhttdl@{MAIL_DOMAIN}",
    children=(
        office_of("SVHTTDL", 2),
        inspectorate_of("SVHTTDL"),
        planning_finance_of("SVHTTDL"),
        AgencySpec(
            "AG.SVHTTDL.QLVH",
            "Phòng Quản lý văn hóa và Gia đình",
            "QLVH&GĐ",
            DIVISION,
            division(2),
        ),
        AgencySpec(
            "AG.SVHTTDL.QLTDTT",
            "Phòng Quản lý thể dục thể thao",
            "QLTDTT",
            DIVISION,
            division(1),
        ),
        AgencySpec("AG.SVHTTDL.QLDL", "Phòng Quản lý du lịch", "QLDL", DIVISION, division(2)),
        AgencySpec(
            "AG.SVHTTDL.BT",
            "Bảo tàng tỉnh",
            "Bảo tàng",
            UNIT,
            centre(3, "Giám đốc Bảo tàng"),
            address="Số 21 Nguyễn Văn Cưng, phường Rạch Giá, tỉnh An Giang",
        ),
        AgencySpec(
            "AG.SVHTTDL.TV",
            "Thư viện tỉnh",
            "Thư viện",
            UNIT,
            centre(3, "Giám đốc Thư viện"),
            address="Số 02 Lê Triệu Kiết, phường Long Xuyên, tỉnh An Giang",
        ),
    ),
)

# Two further members of the bloc, with only the units they need to take part in it.
SGDDT = AgencySpec(
    "AG.SGDDT",
    "Sở Giáo dục và Đào tạo tỉnh An Giang",
    "Sở GD&ĐT",
    DEPARTMENT,
    board(2),
    symbol="SGDĐT",
    address="Số 24 Lê Lợi, phường Rạch Giá, tỉnh An Giang",
    phone=f"{RACH_GIA_PHONE}62 093",
    email=f"sgddt@{MAIL_DOMAIN}",
    children=(office_of("SGDDT", 1),),
)

SYT = AgencySpec(
    "AG.SYT",
    "Sở Y tế tỉnh An Giang",
    "Sở Y tế",
    DEPARTMENT,
    board(2),
    symbol="SYT",
    address="Số 08 Trần Hưng Đạo, phường Rạch Giá, tỉnh An Giang",
    phone=f"{RACH_GIA_PHONE}62 367",
    email=f"syt@{MAIL_DOMAIN}",
    children=(office_of("SYT", 1),),
)

PROVINCE_ROOT = AgencySpec(
    "AG",
    "Ủy ban nhân dân tỉnh An Giang",
    "UBND tỉnh An Giang",
    PROVINCE,
    symbol="UBND",
    address="Số 06 Nguyễn Công Trứ, phường Rạch Giá, tỉnh An Giang",
    phone=f"{RACH_GIA_PHONE}62 003",
    email=f"ubnd@{MAIL_DOMAIN}",
    children=(SKHCN, STTTT, SNV, STC, SVHTTDL, SGDDT, SYT),
)

# Sở TT&TT merged into Sở KH&CN from 01/03/2025 (Resolution of the Provincial People's Council
# on the reorganisation of departments). Divisions with a counterpart merge into it first;
# the merge of the department then moves its remaining units under Sở KH&CN.
MERGE_DATE = dt.date(2025, 3, 1)
MERGES: tuple[tuple[str, str], ...] = (
    ("AG.STTTT.VP", "AG.SKHCN.VP"),
    ("AG.STTTT.TTRA", "AG.SKHCN.TTRA"),
    ("AG.STTTT.KHTC", "AG.SKHCN.KHTC"),
    ("AG.STTTT", "AG.SKHCN"),
)

# After a merger the successor has two heads for a while: the incoming one becomes a deputy.
DEPUTY_OF: dict[str, str] = {
    "Giám đốc": "Phó Giám đốc",
    "Chánh Văn phòng": "Phó Chánh Văn phòng",
    "Chánh Thanh tra": "Phó Chánh Thanh tra",
    "Trưởng phòng": "Phó Trưởng phòng",
}


def walk(spec: AgencySpec, parent: AgencySpec | None = None):  # type: ignore[no-untyped-def]
    """Every spec with its parent, parents first."""
    yield spec, parent
    for child in spec.children:
        yield from walk(child, spec)


def all_specs() -> list[AgencySpec]:
    return [spec for spec, _parent in walk(PROVINCE_ROOT)]


def department_of(code: str) -> str:
    """The department symbol in a code: "AG.SKHCN.VP" → "SKHCN"."""
    parts = code.split(".")
    return parts[1] if len(parts) > 1 else parts[0]
