"""Demo accounts: one per role, each held by a named person of the demo province.

The person fills one of the positions listed in their unit's staffing (agencies.py), so the
generator does not create a second holder of that post. Roles name the agency by code; a role
granted at an agency that is later merged follows it to the successor (Sở TT&TT → Sở KH&CN).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PROVINCE_ADMIN_USERNAME = "quantri.tinh"


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    gender: str  # org.Gender value
    date_of_birth: dt.date
    position: str
    agency: str  # code of the unit the person works in
    roles: tuple[tuple[str, str], ...]  # (role, agency code)

    @property
    def family_and_middle(self) -> str:
        return self.full_name.rsplit(" ", 1)[0]

    @property
    def given(self) -> str:
        return self.full_name.rsplit(" ", 1)[1]


ACCOUNTS: tuple[Account, ...] = (
    Account(
        PROVINCE_ADMIN_USERNAME,
        "Đỗ Quốc Khánh",
        "male",
        dt.date(1986, 9, 2),
        "Chuyên viên chính",
        "AG.SNV.BTDKT.TD",
        (("province_admin", "AG"),),
    ),
    Account(
        "lanhdao.khcn",
        "Lê Minh Trung",
        "male",
        dt.date(1971, 5, 19),
        "Giám đốc",
        "AG.SKHCN",
        (("leadership", "AG.SKHCN"),),
    ),
    # The last director of Sở TT&TT: a deputy director of Sở KH&CN after the merger
    # (agencies.DEPUTY_OF), his leadership role moved with it.
    Account(
        "phogiamdoc.khcn",
        "Phạm Hữu Phúc",
        "male",
        dt.date(1973, 11, 8),
        "Giám đốc",
        "AG.STTTT",
        (("leadership", "AG.STTTT"),),
    ),
    Account(
        "hoidong.khcn",
        "Võ Thị Hạnh",
        "female",
        dt.date(1977, 3, 26),
        "Phó Giám đốc",
        "AG.SKHCN",
        (("council_member", "AG.SKHCN"),),
    ),
    Account(
        "vanphong.khcn",
        "Huỳnh Ngọc Thảo",
        "female",
        dt.date(1983, 7, 14),
        "Chánh Văn phòng",
        "AG.SKHCN.VP",
        (("office", "AG.SKHCN"),),
    ),
    Account(
        "thuky.khcn",
        "Đặng Minh Tâm",
        "male",
        dt.date(1988, 12, 1),
        "Phó Chánh Văn phòng",
        "AG.SKHCN.VP",
        (("council_secretary", "AG.SKHCN"),),
    ),
    Account(
        "truongphong.khcn",
        "Trương Quốc Tuấn",
        "male",
        dt.date(1979, 2, 17),
        "Trưởng phòng",
        "AG.SKHCN.QLKH",
        (("unit_head", "AG.SKHCN.QLKH"),),
    ),
    # Works in the press division that came over from Sở TT&TT; edits Sở KH&CN's portal column.
    Account(
        "bientap.khcn",
        "Ngô Thị Yến",
        "female",
        dt.date(1992, 10, 20),
        "Chuyên viên",
        "AG.STTTT.TTBCXB",
        (("editor", "AG.SKHCN"),),
    ),
    Account(
        "canbo.khcn",
        "Dương Văn An",
        "male",
        dt.date(1995, 6, 3),
        "Chuyên viên",
        "AG.SKHCN.QLKH",
        (("staff", "AG.SKHCN.QLKH"),),
    ),
    Account(
        "vanphong.snv",
        "Bùi Thị Lan",
        "female",
        dt.date(1981, 4, 9),
        "Chánh Văn phòng",
        "AG.SNV.VP",
        (("office", "AG.SNV"),),
    ),
    Account(
        "vanphong.stc",
        "Hồ Thanh Dũng",
        "male",
        dt.date(1980, 8, 23),
        "Chánh Văn phòng",
        "AG.STC.VP",
        (("office", "AG.STC"),),
    ),
)
