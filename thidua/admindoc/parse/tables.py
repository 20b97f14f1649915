"""Reference tables of Decree 30/2020: document types, their abbreviations, signing authority.

Keys are folded (see ``vntext.fold``) so that text without diacritics finds the same entries.
"""

from __future__ import annotations

import re

# Folded type name -> (sentence-case name, abbreviation or None). Longest names first when
# matching, so "thong tu lien tich" wins over "thong tu".
TYPES: dict[str, tuple[str, str | None]] = {
    "nghi quyet": ("Nghị quyết", "NQ"),
    "quyet dinh": ("Quyết định", "QĐ"),
    "chi thi": ("Chỉ thị", "CT"),
    "quy che": ("Quy chế", "QC"),
    "quy dinh": ("Quy định", "QyĐ"),
    "thong cao": ("Thông cáo", "TC"),
    "thong bao": ("Thông báo", "TB"),
    "huong dan": ("Hướng dẫn", "HD"),
    "chuong trinh": ("Chương trình", "CTr"),
    "ke hoach": ("Kế hoạch", "KH"),
    "phuong an": ("Phương án", "PA"),
    "de an": ("Đề án", "ĐA"),
    "du an": ("Dự án", "DA"),
    "bao cao": ("Báo cáo", "BC"),
    "bien ban": ("Biên bản", "BB"),
    "to trinh": ("Tờ trình", "TTr"),
    "hop dong": ("Hợp đồng", "HĐ"),
    "cong dien": ("Công điện", "CĐ"),
    "ban ghi nho": ("Bản ghi nhớ", "BGN"),
    "ban thoa thuan": ("Bản thỏa thuận", "BTT"),
    "giay uy quyen": ("Giấy ủy quyền", "GUQ"),
    "giay moi": ("Giấy mời", "GM"),
    "giay gioi thieu": ("Giấy giới thiệu", "GGT"),
    "giay nghi phep": ("Giấy nghỉ phép", "GNP"),
    "phieu gui": ("Phiếu gửi", "PG"),
    "phieu chuyen": ("Phiếu chuyển", "PC"),
    "phieu bao": ("Phiếu báo", "PB"),
    "thu cong": ("Thư công", "TC"),
    "ket luan": ("Kết luận", "KL"),
    "cong van": ("Công văn", None),
}

# Types of referenced documents (bases) beyond the administrative ones above.
LEGAL_TYPES: dict[str, str] = {
    "hien phap": "Hiến pháp",
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "phap lenh": "Pháp lệnh",
    "nghi dinh": "Nghị định",
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "van ban": "Văn bản",
    "dieu le": "Điều lệ",
}

# Abbreviation in the number's symbol (upper-cased, and folded for scans without Đ) -> type.
ABBREVIATIONS: dict[str, str] = {}
for _key, (_name, _abbr) in TYPES.items():
    if _abbr:
        ABBREVIATIONS.setdefault(_abbr.upper(), _key)
# Scans and keyboards without Đ write QD, QYD, DA; these never collide with another type.
ABBREVIATIONS.update({"QD": "quyet dinh", "QYD": "quy dinh", "CD": "cong dien"})
ABBREVIATIONS.update({"NĐ": "nghi dinh", "ND": "nghi dinh", "TT": "thong tu"})
ABBREVIATION_NAMES = {"nghi dinh": ("Nghị định", "NĐ"), "thong tu": ("Thông tư", "TT")}


def type_from_abbr(abbr: str) -> tuple[str, str] | None:
    """ "KH" -> ("Kế hoạch", "KH"); "QD" -> ("Quyết định", "QĐ")."""
    key = ABBREVIATIONS.get(abbr.upper())
    if key is None:
        return None
    name, canonical = TYPES.get(key) or ABBREVIATION_NAMES[key]
    return name, canonical or abbr


def _fuzzy_word(word: str) -> str:
    # A scanned "Kế" becomes "K&", "Ké", "Kc"; a vowel slot accepts any vowel or one non-letter.
    out = []
    for ch in word:
        if ch in "aeiouy":
            out.append(r"(?:[aeiouy]|[^\sa-z])")
        elif ch == "d":
            out.append(r"[dp]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _type_alternation(keys: list[str]) -> str:
    keys = sorted(keys, key=len, reverse=True)
    return "|".join(r"\s{1,3}".join(_fuzzy_word(w) for w in k.split()) for k in keys)


# Matched on folded text at the start of a line: the type name, then the rest.
TYPE_LINE_RE = re.compile(rf"^\s{{0,8}}(?P<type>{_type_alternation(list(TYPES))})(?![a-z0-9])")
# A type name anywhere (bases: "Kế hoạch số 1102/KH-UBND", "Luật Thi đua, khen thưởng").
ANY_TYPE_RE = re.compile(
    rf"(?<![a-z])(?P<type>{_type_alternation(list(TYPES) + list(LEGAL_TYPES))})(?![a-z])"
)
_EXACT_KEYS = {**{k: v[0] for k, v in TYPES.items()}, **LEGAL_TYPES}


def canonical_type(folded_match: str) -> str | None:
    """Map a (possibly OCR-damaged) folded match back to its sentence-case type name."""
    words = folded_match.split()
    for key, name in _EXACT_KEYS.items():
        parts = key.split()
        if len(parts) == len(words) and all(
            _word_like(w, p) for w, p in zip(words, parts, strict=True)
        ):
            return name
    return None


_WORD_PATTERNS: dict[str, re.Pattern[str]] = {}


def _word_like(word: str, key: str) -> bool:
    if word == key:
        return True
    pattern = _WORD_PATTERNS.get(key)
    if pattern is None:
        pattern = _WORD_PATTERNS[key] = re.compile(_fuzzy_word(key))
    return pattern.fullmatch(word) is not None


def abbr_for_type(type_name: str) -> str | None:
    for name, abbr in TYPES.values():
        if name == type_name:
            return abbr
    return None


# Signature block.
# "KT. GIÁM ĐỐC"; party documents write "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ".
AUTHORITY_RE = re.compile(
    r"^\s{0,4}(?P<auth>kt|tm|tl|tuq|q|k/t|t/m|t/l)(?:\s{0,2}[.,:]|(?<=/[a-z])\s)\s{0,3}(?=\S)"
)
AUTHORITIES = {"kt": "KT.", "tm": "TM.", "tl": "TL.", "tuq": "TUQ.", "q": "Q."}
AUTHORITIES |= {"k/t": "KT.", "t/m": "TM.", "t/l": "TL."}
POSITION_WORDS = re.compile(
    r"\b(?:giam doc|chu tich|truong|pho|thu truong|bi thu|chanh|tong cuc|cuc truong|"
    r"vien truong|hieu truong|chu nhiem|uy vien|thu ky|ke toan|trung doan|tu lenh|"
    r"chinh uy|nguoi ky|chu tri|phu trach|dai dien|to truong)\b"
)

# Words that start a unit's name ("Văn phòng Sở", "các phòng chuyên môn", "UBND các huyện").
UNIT_START = re.compile(
    r"^(?:(?:cac|moi|tung|toan the)\s{1,3})?(?:van phong|phong|ban|so|bo|cuc|chi cuc|tong cuc|"
    r"vien|trung tam|uy ban|ubnd|hdnd|hoi dong|lanh dao|thu truong|giam doc|chanh|truong|"
    r"don vi|co quan|cong doan|doan thanh nien|chi doan|chi bo|dang uy|dang bo|thanh tra|"
    r"to chuc|hoi|bao|dai|cong an|quan doi|bo chi huy|benh vien|truong|kho bac|ubmttq|"
    r"mat tran|cong chuc|vien chuc|can bo|bo phan|to|nhom|hoi dong thi dua)\b"
)
