"""Bases ("Căn cứ …", "Thực hiện …"): the documents a document rests on."""

from __future__ import annotations

import re

from thidua.admindoc.model import Basis
from thidua.admindoc.parse.header import abbr_from_symbol
from thidua.admindoc.parse.tables import ANY_TYPE_RE, canonical_type
from thidua.admindoc.vntext import find_dates, fold_aligned

_BASIS_START = re.compile(
    r"^(?:can\s{1,3}cu|thuc\s{1,3}hien|theo\s{1,3}de\s{1,3}nghi|xet\s{1,3}de\s{1,3}nghi|"
    r"theo\s{1,3}(?:quy\s{1,3}dinh|chi\s{1,3}dao|huong\s{1,3}dan))\b"
)
# A second basis inside the same paragraph: "…; căn cứ Nghị định …".
_INNER_SPLIT = re.compile(r";\s{0,3}(?=(?:can\s{1,3}cu|thuc\s{1,3}hien)\b)")
# "1102/KH-UBND", "98/2023/NĐ-CP", "34-CT/TW", "06/2022/QH15"; spaces around "/" tolerated.
REF_NUMBER = re.compile(
    r"(?<![\w/])(?P<num>\d{1,5}[a-z]?(?:\s{0,2}/\s{0,2}\d{4})?(?:\s{0,2}[/\-]\s{0,2}[a-z0-9&]{1,12}"
    r"(?:[\-/][a-z0-9&]{1,12}){0,4}))(?![\w])"
)
_ISSUER_WORDS = {
    "tinh", "thanh", "pho", "huyen", "quan", "xa", "phuong", "thi", "tran", "nhan", "dan", "ban",
    "va", "hoi", "dong", "chinh", "phu", "tri", "tuong", "thuong", "vu", "trung", "uong", "noi",
    "khen", "dua", "thong", "tin", "truyen", "khoa", "hoc", "cong", "nghe", "uy", "so", "bo",
    "quoc", "cuc", "tong", "chu", "tich", "giam", "doc", "lien", "doan", "lao", "dang",
}  # fmt: skip


def is_basis_start(text: str) -> bool:
    return _BASIS_START.match(fold_aligned(text)) is not None


def split_bases(paragraph: str) -> list[str]:
    folded = fold_aligned(paragraph)
    cuts = [m.end() for m in _INNER_SPLIT.finditer(folded)]
    parts, last = [], 0
    for cut in cuts:
        parts.append(paragraph[last:cut])
        last = cut
    parts.append(paragraph[last:])
    return [p.strip() for p in parts if p.strip()]


def trim_own_clause(text: str) -> tuple[str, str]:
    """Split "Thực hiện X, Sở Y xây dựng kế hoạch … như sau:" into the reference and the
    document's own sentence (returned second, empty when there is none). The own sentence is
    the part after the last ", " followed by a capital, in a paragraph that ends with ":"."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return stripped.rstrip(" ;"), ""
    cut = None
    for m in re.finditer(r",\s{1,3}(?=[^\W\d_])", stripped):
        nxt = stripped[m.end()]
        if nxt.isupper() and ";" not in stripped[m.end() :]:
            cut = m
    if cut is None:
        return stripped, ""
    return stripped[: cut.start()].rstrip(" ,;"), stripped[cut.end() :].strip()


def _issuer(text: str, folded: str, start: int) -> str | None:
    """The issuer after "của": capitalised words, abbreviations and the lower-case words of
    organisation names ("Ủy ban nhân dân (UBND) tỉnh", "Hội đồng Thi đua Khen thưởng tỉnh")."""
    words: list[str] = []
    for m in re.finditer(r"\S+", text[start : start + 160]):
        word = m.group().strip(",.;:")
        key = fold_aligned(word).strip("()")
        capital = word[:1].isupper() or word[:1] == "("
        if key == "hanh" and words and fold_aligned(words[-1]) == "ban":
            words.pop()  # "… tỉnh ban hành": a verb, not "Ủy ban"
            break
        if not (capital or key in _ISSUER_WORDS) or len(words) >= 14:
            break
        words.append(word)
        if m.group().endswith((",", ";", ".")):
            break
    while words and fold_aligned(words[-1]) in {"va", "cua"}:
        words.pop()
    return " ".join(words) or None


def parse_basis(text: str) -> Basis:
    folded = fold_aligned(text)
    basis = Basis(text=text)
    number_match = next(
        (m for m in REF_NUMBER.finditer(folded) if any(c.isalpha() for c in m.group("num"))),
        None,
    )
    if number_match:
        raw = text[number_match.start("num") : number_match.end("num")]
        basis.number = re.sub(r"\s+", "", raw)
    anchor = number_match.end() if number_match else 0
    dates = [(s, d) for s, _, d in find_dates(text)]
    after = [d for s, d in dates if s >= anchor]
    basis.date = after[0] if after else (dates[0][1] if dates else None)
    # The type named closest before the number ("… tại Công văn số 12/UBND-VX").
    type_end = number_match.start() if number_match else min(len(folded), 80)
    type_matches = list(ANY_TYPE_RE.finditer(folded, max(0, type_end - 200), type_end))
    type_match = (type_matches[-1] if number_match else type_matches[0]) if type_matches else None
    if type_match:
        basis.type_name = canonical_type(" ".join(type_match.group("type").split()))
    if basis.type_name is None and basis.number:
        found = abbr_from_symbol(basis.number.partition("/")[2])
        basis.type_name = found[0] if found else None
    cua = re.search(r"\bcua\s{1,3}", folded[anchor:])
    if cua:
        basis.issuer = _issuer(text, folded, anchor + cua.end())
    return basis
