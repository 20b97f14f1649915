"""How trustworthy the text is: missing diacritics, OCR damage, and the repairs that are safe.

Both measures are ratios over words, so they do not depend on document length.
"""

from __future__ import annotations

import re

from thidua.admindoc.vntext import fold_aligned

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


_PUNCT = ".,;:!?()“”\"'-–"


# Per distinct token: (is it an always-marked syllable written bare, … written marked,
# does it look damaged). Vietnamese has a few thousand syllables, so the cache stays small and
# a document is measured with one dictionary look-up per word.
_TOKEN_CACHE: dict[str, tuple[bool, bool, bool, bool]] = {}


def _classify(token: str) -> tuple[bool, bool, bool, bool]:
    word = token.strip(_PUNCT)
    key = fold_aligned(word)
    bare = key in _ALWAYS_MARKED and key == word.lower()
    marked = key in _ALWAYS_MARKED and not bare
    counted = any(c.isalpha() for c in word)
    damaged = counted and (
        _OCR_JUNK.search(word) is not None
        or (key.isalpha() and word[1:].islower() and not _VIETNAMESE_SYLLABLE.match(key))
    )
    return bare, marked, counted, damaged


def measure_words(text: str) -> tuple[int, int, int, int]:
    """Counts over the words of ``text``: bare and marked always-marked syllables, words with
    letters, damaged-looking words."""
    if len(_TOKEN_CACHE) > 100_000:
        _TOKEN_CACHE.clear()
    bare = marked = counted = damaged = 0
    for token in text[:200_000].split():
        flags = _TOKEN_CACHE.get(token)
        if flags is None:
            flags = _TOKEN_CACHE[token] = _classify(token)
        bare += flags[0]
        marked += flags[1]
        counted += flags[2]
        damaged += flags[3]
    return bare, marked, counted, damaged


def diacritics_missing(text: str, counts: tuple[int, int, int, int] | None = None) -> bool:
    bare, marked, _, _ = counts or measure_words(text)
    total = bare + marked
    return total >= 8 and bare / total > 0.5


def ocr_score(text: str, counts: tuple[int, int, int, int] | None = None) -> float:
    """Share of words that look damaged by OCR (symbols inside words, digits among letters,
    letter sequences that cannot be Vietnamese syllables)."""
    _, _, counted, damaged = counts or measure_words(text)
    return damaged / counted if counted else 0.0


def ocr_suspect(text: str) -> bool:
    return ocr_score(text) > 0.06


# Glyphs that scans and old fonts put in place of Vietnamese letters, safe to fix in any text:
# Ð (eth) and Ɖ for Đ; ",," and "''" for the opening/closing quotes.
_GLYPHS = (("Ð", "Đ"), ("ð", "đ"), ("Ɖ", "Đ"), ("ɖ", "đ"))
_LOW_QUOTE = re.compile(r"(?:(?<=\s)|^),,(?=[^\W\d_])|(?:(?<=\s)|^)''(?=[^\W\d_])", re.M)
_HIGH_QUOTE = re.compile(r"(?<=[^\W\d_])''")
# A token mixing letters with 0/1 ("H0Á", "THA0", "TH1") or digits with O ("1O", "2O23").
_LETTER_DIGIT = re.compile(
    r"(?<!\w)(?=\w{0,8}[01])(?=\w{0,8}?[^\W\d_]\w{0,8}?[^\W\d_])[^\W2-9_]{3,9}(?!\w)"
)
_DIGIT_O = re.compile(r"(?<![\w/.])(?=[0-9oO]{0,3}[oO])(?=[0-9oO]{0,3}[0-9])[0-9oO]{2,4}(?![\w])")


# Written to start with the digit: the engine then skips quickly to candidate positions.
_LETTER_BY_DIGIT = re.compile(r"[01](?:(?<=[^\W\d_][01])|(?=[^\W\d_]))")
_O_BY_DIGIT = re.compile(r"\d(?:(?=[oO])|(?<=[oO]\d))")


def _letters_for_digits(m: re.Match[str]) -> str:
    token = m.group()
    fixed = token.replace("0", "o").replace("1", "i")
    # Only when the repaired token is a Vietnamese syllable: "TH1" is "THI", but "KV1" (khu
    # vực 1) and "F0" stay as they are.
    if not _VIETNAMESE_SYLLABLE.match(fold_aligned(fixed).lower()):
        return token
    letters = [c for c in token if c.isalpha()]
    return fixed.upper() if all(c.isupper() for c in letters) else fixed


def repair_glyphs(text: str) -> str:
    """Character-level damage that no correct text contains (see ``_GLYPHS``): eth for Đ,
    doubled commas or apostrophes for quotes, 0/1 inside words and O inside numbers."""
    for wrong, right in _GLYPHS:
        if wrong in text:  # str.translate with a table walks every character: far slower
            text = text.replace(wrong, right)
    if ",," in text or "''" in text:
        text = _LOW_QUOTE.sub("“", text)
        text = _HIGH_QUOTE.sub("”", text)
    # The token patterns look around every position: run them only when a cheap scan finds a
    # letter touching a 0/1 or an O touching a digit (rare in clean text).
    if _LETTER_BY_DIGIT.search(text):
        text = _LETTER_DIGIT.sub(_letters_for_digits, text)
    if _O_BY_DIGIT.search(text):
        text = _DIGIT_O.sub(lambda m: m.group().replace("o", "0").replace("O", "0"), text)
    return text


def repair_ocr(text: str) -> str:
    """Repairs safe in a scanned Vietnamese text: a word-initial "P" before a vowel is "Đ"
    (native syllables start with "Ph", never "P" + vowel): "MUC PICH" -> "MUC ĐICH"."""
    return _OCR_D.sub("Đ", text)
