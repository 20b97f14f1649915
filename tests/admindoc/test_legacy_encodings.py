"""TCVN3 (ABC) and VNI mojibake is recognised and converted; real Unicode never is."""

from __future__ import annotations

import re
import unicodedata

import pytest

from thidua.admindoc.legacy_encodings import (
    convert_legacy,
    decode_cp1258,
    detect_legacy,
    is_vietnamese_syllable,
    to_cp1258,
    to_tcvn3,
    to_vni,
)

SEEDS = ["000", "001", "002", "003", "004"]

# Every Vietnamese letter: 12 vowels x 6 tones, and đ.
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]


# --- known strings, as they circulate in old documents ----------------------------------------
@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("KÕ ho¹ch tuyªn truyÒn vÒ c«ng t¸c thi ®ua", "Kế hoạch tuyên truyền về công tác thi đua"),
        ("B¶o Th¾ng, M\xadêng Kh\xad¬ng", "Bảo Thắng, Mường Khương"),
        ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        # "Sở" next to an abbreviation stays "Sở"; "Ủy" after a full stop takes its capital.
        ("Sè: 31/KH-STTTT. ñy ban nh©n d©n tØnh", "Số: 31/KH-STTTT. Ủy ban nhân dân tỉnh"),
    ],
)
def test_tcvn3_known_strings(mojibake: str, expected: str) -> None:
    assert detect_legacy(mojibake) == "tcvn3"
    assert convert_legacy(mojibake, "tcvn3") == expected


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        # .VnTimeH headings: capitals with a tone were typed with the lowercase codes.
        ("UBND TØNH KI£N GIANG", "UBND TỈNH KIÊN GIANG"),
        ("KÕ HO¹CH", "KẾ HOẠCH"),
        ("I. MôC §ÝCH, Y£U CÇU", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("KÕ ho¹ch", "Kế hoạch"),
    ],
)
def test_tcvn3_headings_get_their_capitals_back(mojibake: str, expected: str) -> None:
    # Too short to be *detected* (one foreign character is no evidence), but converted right.
    assert convert_legacy(mojibake, "tcvn3") == expected


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        (
            "Keá hoaïch tuyeân truyeàn veà coâng taùc thi ñua",
            "Kế hoạch tuyên truyền về công tác thi đua",
        ),
        ("KEÁ HOAÏCH thöïc hieän naêm 2022", "KẾ HOẠCH thực hiện năm 2022"),
        ("ñöôïc khen thöôûng, Ủy", "được khen thưởng, Ủy"),
    ],
)
def test_vni_known_strings(mojibake: str, expected: str) -> None:
    assert detect_legacy(mojibake) == "vni"
    assert convert_legacy(mojibake, "vni") == expected


# --- tables: every letter ---------------------------------------------------------------------
@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_round_trips(letter: str) -> None:
    word = f"t{letter}n"
    assert convert_legacy(to_tcvn3(word), "tcvn3") == word
    assert convert_legacy(to_vni(word), "vni") == word
    assert convert_legacy(to_vni(word.upper()), "vni") == word.upper()
    # TCVN3 has no capital with a tone; inside a capitals word the case comes back.
    assert convert_legacy(to_tcvn3(f"VĂN {word.upper()}"), "tcvn3") == f"VĂN {word.upper()}"


def test_tables_use_single_windows_1252_bytes() -> None:
    sample = "".join(LETTERS) + "".join(LETTERS).upper()
    assert len(to_tcvn3(sample).encode("cp1252")) == len(sample)
    assert all(len(ch.encode("cp1252")) == 1 for ch in to_vni(sample))


# --- seeds ------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", SEEDS)
def test_unicode_seeds_are_never_converted(seed_texts: dict[str, str], number: str) -> None:
    # Seed 003 (a damaged OCR of 004, "K& hoach", "kinh t€") included.
    assert detect_legacy(seed_texts[number]) is None


@pytest.mark.parametrize("number", ["000", "001", "002", "004"])
def test_seeds_in_vni_come_back_exactly(seed_texts: dict[str, str], number: str) -> None:
    original = seed_texts[number]
    mojibake = to_vni(original)
    assert detect_legacy(mojibake) == "vni"
    assert convert_legacy(mojibake, "vni") == original


@pytest.mark.parametrize("number", ["000", "001", "002", "004"])
def test_seeds_in_tcvn3_come_back(seed_texts: dict[str, str], number: str) -> None:
    original = seed_texts[number]
    mojibake = to_tcvn3(original)
    assert detect_legacy(mojibake) == "tcvn3"
    converted = convert_legacy(mojibake, "tcvn3")
    assert converted.casefold() == original.casefold()
    # Only a mid-sentence capital with a tone ("của Ủy ban") can be lost: TCVN3 never had it.
    differing = [
        (a, b)
        for a, b in zip(re.split(r"\s+", original), re.split(r"\s+", converted), strict=True)
        if a != b
    ]
    assert all(a[0] in "ỦỨỞẤỐ" and a[1:] == b[1:] for a, b in differing), differing
    assert len(differing) <= 1


def test_seed_004_headings_in_tcvn3_keep_their_capitals(seed_texts: dict[str, str]) -> None:
    converted = convert_legacy(to_tcvn3(seed_texts["004"]), "tcvn3")
    for heading in ("KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG HÌNH THỨC TUYÊN TRUYỀN"):
        assert heading in converted


# --- conservative detection -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kế hoạch tuyên truyền «thi đua» năm 2022 © Sở TT&TT; diện tích 5 × 3 m²; 1 ÷ 2.",
        "Müller aß Äpfel für Öl und Süßigkeiten, während Jürgen läuft.",
        "El niño y la señora comieron piñas en el año pasado.",
        "Ke hoach tuyen truyen ve cong tac thi dua, khen thuong nam 2022",  # no diacritics
        "Tôi là người Việt Nam",  # only Latin-1 letters, still Unicode Vietnamese
        "µ¸¶",  # too little evidence
    ],
)
def test_detection_is_conservative(text: str) -> None:
    assert detect_legacy(text) is None


def test_convert_legacy_rejects_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        convert_legacy("x", "viscii")


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("nghiêng", True),
        ("khuyến", True),
        ("quốc", True),
        ("gì", True),
        ("trường", True),
        ("hoạch", True),
        ("ngoằn", True),
        ("xyz", False),
        ("ôHà", False),
        ("hoaùch", False),
        ("áá", False),
    ],
)
def test_syllable_check(word: str, valid: bool) -> None:
    assert is_vietnamese_syllable(word) is valid


# --- Windows-1258 -----------------------------------------------------------------------------
def test_cp1258_combining_form_is_normalised(seed_texts: dict[str, str]) -> None:
    original = seed_texts["004"]
    data = to_cp1258(original)
    assert b"\xec" in data  # U+0301 written as its own byte: the combining form
    decoded = decode_cp1258(data)
    assert decoded == original
    assert unicodedata.is_normalized("NFC", decoded)
