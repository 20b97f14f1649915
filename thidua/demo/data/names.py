"""Vietnamese name parts for generated staff, weighted roughly as they occur in the Mekong Delta.

A full name is họ (family name) + tên đệm (middle name, which mostly carries the gender) + tên.
"""

from __future__ import annotations

# (family name, weight): Nguyễn alone is close to a third of the population.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 6),
    ("Huỳnh", 6),
    ("Võ", 5),
    ("Phan", 4),
    ("Trương", 3),
    ("Hoàng", 2),
    ("Bùi", 2),
    ("Đặng", 2),
    ("Đỗ", 2),
    ("Ngô", 2),
    ("Hồ", 2),
    ("Dương", 2),
    ("Lý", 2),
    ("Lâm", 1),
    ("Châu", 1),
    ("Tô", 1),
    ("Thái", 1),
    ("Quách", 1),
    ("Mai", 1),
    ("Đinh", 1),
    ("Tăng", 1),
)

MIDDLE_MALE: tuple[str, ...] = (
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Minh",
    "Quốc",
    "Thanh",
    "Đức",
    "Hoàng",
    "Công",
    "Tấn",
    "Trọng",
    "Chí",
    "Ngọc",
    "Phước",
)

MIDDLE_FEMALE: tuple[str, ...] = (
    "Thị",
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thanh",
    "Kim",
    "Bích",
    "Thu",
    "Mỹ",
    "Phương",
    "Hồng",
    "Thúy",
    "Minh",
)

GIVEN_MALE: tuple[str, ...] = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Hải",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Khang",
    "Khoa",
    "Kiệt",
    "Lộc",
    "Long",
    "Nam",
    "Nghĩa",
    "Nhân",
    "Phong",
    "Phúc",
    "Quang",
    "Sang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thiện",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Vinh",
    "Vũ",
)

GIVEN_FEMALE: tuple[str, ...] = (
    "An",
    "Diễm",
    "Hạnh",
    "Hằng",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Ngân",
    "Ngọc",
    "Nhi",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Trinh",
    "Tuyết",
    "Uyên",
    "Vân",
    "Xuân",
    "Yến",
)

# The first three digits of a 12-digit citizen ID name the province of birth registration
# (Circular 07/2016/TT-BCA): staff of An Giang come mostly from An Giang and Kiên Giang.
ID_PROVINCE_CODES: tuple[tuple[str, int], ...] = (
    ("089", 55),  # An Giang
    ("091", 30),  # Kiên Giang
    ("092", 6),  # Cần Thơ
    ("087", 5),  # Đồng Tháp
    ("079", 4),  # Thành phố Hồ Chí Minh
)

# Share of people whose ID number is recorded: a few records are still being completed.
ID_NUMBER_SHARE = 0.9
