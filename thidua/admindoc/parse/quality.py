"""How trustworthy the text is: missing diacritics, OCR damage, and the repairs that are safe.

Both measures are ratios over words, so they do not depend on document length.
"""

from __future__ import annotations

import re

from thidua.admindoc.vntext import fold, fold_aligned

_WORD = re.compile(r"\S+")
# Frequent syllables that are never written without a mark in correct Vietnamese ("của", "các",
# "và", "được"…): finding them bare means the text lost its diacritics.
_ALWAYS_MARKED = {
    "cua", "cac", "va", "duoc", "nguoi", "nhung", "cong", "thuc", "hien", "viec", "ve", "de",
    "dan", "chuc", "truyen", "nhiem", "vu", "tac", "ke", "hoach", "ngay", "thang", "tien",
    "dien", "hinh", "la", "khen", "thuong", "dua", "nhan", "trien", "tuyen", "so", "dong",
    "dao", "tu", "hoi", "nghi", "tri", "quyet", "dinh", "bao", "cao", "voi",
}  # fmt: skip
_VIETNAMESE_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)
_OCR_JUNK = re.compile(
    r"[a-zA-Z\u00c0-\u1ef9][&€@|$#%¢©®]|[&€@|¢][a-zA-Z\u00c0-\u1ef9]|[a-z][0-9][a-z]"
)
_OCR_D = re.compile(
    r"(?<![\w])P(?=[aeiouyáàảãạâấầẩẫậăắằẳẵặéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵAEIOUY])"
)


def diacritics_missing(text: str) -> bool:
    bare = marked = 0
    for m in _WORD.finditer(text[:200_000]):
        word = m.group().strip(".,;:!?()“”\"'")
        key = fold(word)
        if key in _ALWAYS_MARKED:
            if key == word.lower():
                bare += 1
            else:
                marked += 1
    total = bare + marked
    return total >= 8 and bare / total > 0.5


def ocr_score(text: str) -> float:
    """Share of words that look damaged by OCR (symbols inside words, digits among letters,
    letter sequences that cannot be Vietnamese syllables)."""
    words = [w.strip(".,;:!?()“”\"'-–") for w in text[:200_000].split()]
    words = [w for w in words if any(c.isalpha() for c in w)]
    if not words:
        return 0.0
    bad = 0
    for word in words:
        if _OCR_JUNK.search(word):
            bad += 1
            continue
        key = fold_aligned(word)
        if key.isalpha() and word[1:].islower() and not _VIETNAMESE_SYLLABLE.match(key):
            bad += 1
    return bad / len(words)


def ocr_suspect(text: str) -> bool:
    return ocr_score(text) > 0.06


def repair_ocr(text: str) -> str:
    """Repairs safe in a scanned Vietnamese text: a word-initial "P" before a vowel is "Đ"
    (native syllables start with "Ph", never "P" + vowel): "MUC PICH" -> "MUC ĐICH"."""
    return _OCR_D.sub("Đ", text)
