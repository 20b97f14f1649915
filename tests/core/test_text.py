import datetime as dt
import unicodedata

import pytest

from thidua.core.text import (
    date_in_words,
    fold,
    fold_words,
    format_date,
    name_sort_key,
    place_and_date,
    slugify_vi,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("Đắk Lắk", "dak lak"),
        ("ĐẮK LẮK", "dak lak"),
        ("đường", "duong"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Hòa", "hoa"),  # new-style tone placement
        ("Hoà", "hoa"),  # old-style tone placement
        ("Ủy ban", "uy ban"),
        ("Uỷ ban", "uy ban"),
        ("Quốc   ngữ\tmới\n", "quoc ngu moi"),
        ("Ơn nghĩa Ưu tú", "on nghia uu tu"),
        ("KẾ HOẠCH", "ke hoach"),
        ("Sở Thông tin và Truyền thông", "so thong tin va truyen thong"),
        ("Trường THPT Nguyễn Trãi – 2025", "truong thpt nguyen trai – 2025"),
        ("ðại hội", "dai hoi"),  # eth confused with đ by legacy fonts and OCR
        ("", ""),
        (None, ""),
        ("nguyen van an", "nguyen van an"),
    ],
)
def test_fold_table(text, expected):
    assert fold(text) == expected


def test_fold_is_the_same_for_nfc_and_nfd_input():
    name = "Nguyễn Thị Ngọc Ánh, Đắk Nông"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    assert fold(nfd) == fold(name) == "nguyen thi ngoc anh, dak nong"


def test_fold_words_splits_a_query():
    assert fold_words("  Nguyễn  VĂN an ") == ["nguyen", "van", "an"]
    assert fold_words("") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (dt.date(2022, 4, 27), "ngày 27 tháng 4 năm 2022"),
        (dt.date(2025, 2, 9), "ngày 09 tháng 02 năm 2025"),
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_date_in_words_follows_decree_30(value, expected):
    assert date_in_words(value) == expected


def test_place_and_date_and_short_format():
    assert (
        place_and_date("Kiên Giang", dt.date(2022, 4, 27)) == "Kiên Giang, ngày 27 tháng 4 năm 2022"
    )
    assert format_date(dt.date(2026, 1, 5)) == "05/01/2026"
    assert format_date(None) == ""


def test_slug():
    assert slugify_vi("Sở Khoa học và Công nghệ") == "so-khoa-hoc-va-cong-nghe"
    assert slugify_vi("Đắk Lắk!!") == "dak-lak"


def test_people_sort_by_given_name_then_family_name_without_diacritics():
    names = ["Trần Thị Bình", "Đặng Văn An", "Nguyễn Văn An", "Bùi Thị Ánh", "Lê Đức"]
    ordered = sorted(names, key=name_sort_key)
    assert ordered == ["Đặng Văn An", "Nguyễn Văn An", "Bùi Thị Ánh", "Trần Thị Bình", "Lê Đức"]
    assert name_sort_key("") == ""
