"""Pre-Unicode Vietnamese text: TCVN3 (ABC), VNI-Windows and Windows-1258.

Before Unicode, Vietnamese offices typed in 8-bit fonts: ".VnTime" (TCVN3, also called ABC) and
"VNI-Times" (VNI). The bytes were ordinary Windows-1252 bytes drawn with a Vietnamese font, so
once the font is lost (copied to a .txt, opened in another program, saved as UTF-8) the text
shows as mojibake: "KÕ ho¹ch tuyªn truyÒn" (TCVN3) or "Keá hoaïch tuyeân truyeàn" (VNI) for
"Kế hoạch tuyên truyền". This module recognises that mojibake and turns it back into Unicode.

* TCVN3 maps one byte to one precomposed letter. It has no capital letter carrying a tone mark:
  capitals were drawn by the ".VnTimeH" font from the lowercase codes, so the case of those
  letters is restored from their word and its neighbours (``_restore_case``).
* VNI writes a base letter followed by one byte for the mark(s): "a" + "á" (circumflex and
  acute) is "ấ". It has real capitals ("AÙ" is "Á"), so no case is lost.

Detection is deliberately conservative, because real Unicode Vietnamese must never be
"converted": it needs characters that never occur in Vietnamese ("¹", "ª", "ø", "ï" …), few
letters that only Unicode Vietnamese has ("ạ", "ư", "đ" …), and the words that carry those
characters must become valid Vietnamese syllables once converted. Everything runs in linear
time (``str.translate`` and compiled regular expressions).

Tables: TCVN 5712:1993 VN3 as used by the ABC fonts, and the VNI-Windows font layout, checked
against the tables of the xvnkb keyboard driver (tcvn.h, vni.h) and other public converters.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

LegacyEncoding = Literal["tcvn3", "vni"]
ENCODINGS: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")

# Tone marks in the column order of the tables below: none, acute, grave, hook, tilde, dot.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_TONE_MARKS = frozenset(_TONES[1:])

# --- TCVN3 (ABC) -------------------------------------------------------------------------------
# Lowercase letter -> codes for (no tone, acute, grave, hook, tilde, dot), written as the
# Windows-1252 characters the bytes show as. "\xad" (soft hyphen) really is "ư" in TCVN3.
_TCVN3_ROWS: dict[str, str] = {
    "a": "a¸µ¶·¹",
    "ă": "¨¾»¼½Æ",
    "â": "©ÊÇÈÉË",
    "e": "eÐÌÎÏÑ",
    "ê": "ªÕÒÓÔÖ",
    "i": "iÝ×ØÜÞ",
    "o": "oãßáâä",
    "ô": "«èåæçé",
    "ơ": "¬íêëìî",
    "u": "uóïñòô",
    "ư": "\xadøõö÷ù",
    "y": "yýúûüþ",
}
# The only capitals the ".VnTime" font has: those without a tone mark.
_TCVN3_CAPITALS = {"¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tcvn3_decode_table() -> dict[str, str]:
    table = {"®": "đ", **_TCVN3_CAPITALS}
    for base, codes in _TCVN3_ROWS.items():
        for tone, code in zip(_TONES, codes, strict=True):
            if code != base:  # unmarked a, e, i, o, u, y are plain ASCII
                table[code] = _nfc(base + tone)
    return table


_TCVN3_DECODE = _tcvn3_decode_table()
_TCVN3_TRANSLATE = str.maketrans(_TCVN3_DECODE)
# The same table as a 256-character charmap over Windows-1252 bytes: codecs.charmap_decode runs
# in C, where str.translate with a dict costs a dictionary lookup per character.
_TCVN3_CHARMAP = "".join(
    _TCVN3_DECODE.get(ch, ch)
    for ch in (bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
)


def _tcvn3_translate(text: str) -> str:
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return text.translate(_TCVN3_TRANSLATE)  # text mixing in other characters: slower path
    return codecs.charmap_decode(data, "strict", _TCVN3_CHARMAP)[0]


# Codes that stand for a lowercase letter; in a .VnTimeH heading they were drawn as capitals.
_TCVN3_LOWER_CODES = frozenset(_TCVN3_DECODE) - frozenset(_TCVN3_CAPITALS)


def _tcvn3_encode_table() -> dict[str, str]:
    table = {letter: code for code, letter in _TCVN3_DECODE.items()}
    for code in _TCVN3_LOWER_CODES:
        # A capital with a tone (or Ă Â … typed in .VnTimeH) has no code: typists used the
        # lowercase code with the capitals font. Keep Ă Â Ê Ô Ơ Ư Đ on their own codes.
        table.setdefault(_TCVN3_DECODE[code].upper(), code)
    return table


_TCVN3_ENCODE = str.maketrans(_tcvn3_encode_table())

# --- VNI-Windows -------------------------------------------------------------------------------
# Lowercase letter -> sequences for (no tone, acute, grave, hook, tilde, dot). Capitals are the
# same sequences in capitals ("AÙ" for "Á").
_VNI_ROWS: dict[str, tuple[str, ...]] = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(decode: sequence -> letter, encode: letter -> sequence), both cases."""
    encode: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for base, sequences in _VNI_ROWS.items():
        for tone, seq in zip(_TONES, sequences, strict=True):
            letter = _nfc(base + tone)
            if seq != letter:
                encode[letter] = seq
                encode[letter.upper()] = seq.upper()
    decode = {seq: letter for letter, seq in encode.items()}
    for seq, letter in list(decode.items()):
        if len(seq) == 2:
            # The mark's case follows the keyboard, not the base: accept "Aù" and "aÙ" too.
            decode.setdefault(seq[0] + seq[1].swapcase(), letter)
    decode.setdefault("yï", "ỵ")  # some converters write y + dot instead of "î"
    decode.setdefault("YÏ", "Ỵ")
    return decode, encode


_VNI_DECODE, _VNI_ENCODE = _vni_tables()
_VNI_ENCODE_TRANSLATE = str.maketrans(_VNI_ENCODE)
_VNI_BASES = "AEOUYÔÖaeouyôö"
_VNI_MARKS = "ÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜËùøûõïâáàåãäêéèúüë"
_VNI_SINGLES = "".join(sorted(k for k in _VNI_DECODE if len(k) == 1))
_VNI_RE = re.compile(f"[{_VNI_BASES}][{_VNI_MARKS}]|[{_VNI_SINGLES}]")

# --- detection ---------------------------------------------------------------------------------
# Latin-1 letters that Unicode Vietnamese really uses; they prove nothing on their own.
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_STRONG = frozenset(_TCVN3_DECODE) - _VIETNAMESE_LATIN1
_VNI_STRONG = frozenset("".join(_VNI_DECODE)) - _VIETNAMESE_LATIN1 - frozenset("AEIOUYaeiouy")
_STRONG = _TCVN3_STRONG | _VNI_STRONG
_STRONG_RE = re.compile(f"[{''.join(map(re.escape, sorted(_STRONG)))}]")
# Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and U+1EA0–U+1EF9), plus combining tones.
_UNICODE_ONLY_RE = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")
# A "word" for the purposes of detection and case repair: letters and the legacy code symbols.
_WORD_CHARS = "".join(map(re.escape, sorted(_STRONG | frozenset(_TCVN3_DECODE))))
_WORD_RE = re.compile(f"(?:[^\\W\\d_]|[{_WORD_CHARS}])+")
_MAX_WORDS_SCORED = 500  # enough evidence; keeps detection cheap on huge inputs
_DETECT_WINDOW = 256 * 1024
_MIN_VALID_WORDS = 2
_MIN_VALID_SHARE = 0.75
_LONGEST_SYLLABLE = 8  # "nghiêng", "khuyếch" have 7 letters

_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:uyê|uya|uyu|iê|yê|ươ|uô|oai|oay|oao|oeo|uây|uôi|ươi|ươu|iêu|yêu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uơ|uy|ưa|ưi|ưu|"
    r"[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` is spelt like one Vietnamese syllable (onset, vowels, coda, ≤1 tone)."""
    if len(word) > _LONGEST_SYLLABLE:
        return False  # also keeps the check cheap on a megabyte without spaces
    decomposed = unicodedata.normalize("NFD", word.lower())
    toneless = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    if len(decomposed) - len(toneless) > 1:
        return False
    return _SYLLABLE_RE.fullmatch(_nfc(toneless)) is not None


def _is_abbreviation(word: str) -> bool:
    """ "TĐKT", "PTTĐ": capitals only, where Đ is the only Vietnamese letter."""
    return len(word) >= 2 and word.isupper() and all(ch.isascii() or ch == "Đ" for ch in word)


def _convert_word(word: str, encoding: LegacyEncoding) -> str:
    if encoding == "tcvn3":
        return word.translate(_TCVN3_TRANSLATE)
    return _VNI_RE.sub(_vni_replace, word)


@functools.lru_cache(maxsize=4096)  # Vietnamese reuses few syllables: most lookups are hits
def _judge(word: str, encoding: LegacyEncoding) -> bool | None:
    """Whether ``word`` converts into a Vietnamese syllable; None for an abbreviation."""
    converted = _convert_word(word, encoding)
    if _is_abbreviation(converted):
        return None  # "PTTĐ" is neither evidence for nor against
    return is_vietnamese_syllable(converted)


def _score(words: Iterable[str], encoding: LegacyEncoding) -> tuple[int, int]:
    """(valid words, judged words) among ``words`` once converted with ``encoding``."""
    valid = judged = 0
    for word in words:
        verdict = _judge(word, encoding)
        if verdict is not None:
            judged += 1
            valid += verdict
    return valid, judged


def detect_legacy(text: str) -> LegacyEncoding | None:
    """ "tcvn3" or "vni" when ``text`` is legacy-font mojibake, else None.

    Conservative: None unless characters foreign to Vietnamese are present, outnumber the
    letters only Unicode Vietnamese has, and convert into valid syllables for at least 75% of
    the words that carry them.
    """
    text = text[:_DETECT_WINDOW]  # plenty of evidence, and bounded time on huge inputs
    strong = _STRONG_RE.findall(text)
    if len(strong) < _MIN_VALID_WORDS:
        return None
    if len(_UNICODE_ONLY_RE.findall(text)) > len(strong):
        return None  # real Unicode Vietnamese with a few symbols such as «, ©, ×
    # One-letter words prove nothing: a lone "«" would "convert" to the valid word "ô".
    words = [w for w in _WORD_RE.findall(text) if len(w) > 1 and _STRONG_RE.search(w)]
    del words[_MAX_WORDS_SCORED:]
    best: LegacyEncoding | None = None
    best_valid = 0
    for encoding in ENCODINGS:
        valid, judged = _score(words, encoding)
        good = valid >= _MIN_VALID_WORDS and valid >= _MIN_VALID_SHARE * judged
        if good and valid > best_valid:
            best, best_valid = encoding, valid
    return best


# --- conversion --------------------------------------------------------------------------------
def _vni_replace(match: re.Match[str]) -> str:
    seq = match.group()
    if seq in _VNI_DECODE:
        return _VNI_DECODE[seq]
    # A base followed by a mark that does not fit it ("eê"): convert what can be converted.
    return seq[0] + _VNI_DECODE.get(seq[1], seq[1])


_SENTENCE_PUNCT_RE = re.compile("[.!?:]")
# Capitals whose case is certain: ASCII, the seven TCVN3 capitals, Latin-1 capitals TCVN3 does
# not use ("Ê" is not one: it is the code of "ấ").
_KNOWN_CAPITAL_RE = re.compile(
    "[A-Z{}]".format(
        "".join(
            re.escape(ch)
            for ch in sorted({chr(c) for c in range(0xC0, 0xDF)} | set(_TCVN3_CAPITALS))
            if ch.isupper() or ch in _TCVN3_CAPITALS
            if ch not in _TCVN3_LOWER_CODES
        )
    )
)
_WORD_CHAR_RE = re.compile(f"[^\\W\\d_]|[{_WORD_CHARS}]")
# The end of a word of capitals and TCVN3 codes; possessive, so it never backtracks. Whether the
# word starts there is checked in Python: a look-behind at every position costs twice as much.
_CAPS_AND_CODES_RE = re.compile(
    "[{c}]++(?![^\\W\\d_])(?![{w}])".format(
        w=_WORD_CHARS,
        c=_KNOWN_CAPITAL_RE.pattern[1:-1] + "".join(map(re.escape, sorted(_TCVN3_LOWER_CODES))),
    )
)
_SPACES = frozenset(" \t\r\n\f\v\xa0")


def _word_case(word: str) -> tuple[int, int]:
    """(capitals, lowercase letters) among the letters of a TCVN3 word whose case is known."""
    upper = lower = 0
    for ch in word:
        if ch in _TCVN3_LOWER_CODES:
            continue
        upper += ch.isupper() or ch in _TCVN3_CAPITALS
        lower += ch.islower()
    return upper, lower


def _has_lower_code(word: str) -> bool:
    return any(ch in _TCVN3_LOWER_CODES for ch in word)


def _is_heading_word(word: str) -> bool:
    """All capitals and drawn with .VnTimeH (it holds a lowercase code): "HO¹CH", not "PG§"."""
    upper, lower = _word_case(word)
    return lower == 0 and upper >= 2 and _has_lower_code(word)


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and _WORD_CHAR_RE.match(text, pos - 1):
        pos -= 1
    return pos


def _neighbours(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The words right before and after text[start:end], when only white space separates them."""
    found = []
    before = start
    while before > 0 and text[before - 1] in _SPACES:
        before -= 1
    if before < start and before > 0 and _WORD_CHAR_RE.match(text, before - 1):
        first = _word_start(text, before)
        found.append((first, text[first:before]))
    after = end
    while after < len(text) and text[after] in _SPACES:
        after += 1
    match = _WORD_RE.match(text, after) if after > end else None
    if match:
        found.append((after, match.group()))
    return found


class _CaseRepair:
    """Case decisions for the words of one TCVN3 text, as edits on its converted form.

    Converting maps one character to one character, so positions in the mojibake and in the
    converted text agree. Only words that can need a change are visited: words holding a
    capital, and words right after sentence punctuation; plain lowercase prose costs nothing.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.converted = _tcvn3_translate(text)
        self.edits: dict[int, str] = {}

    def run(self) -> str:
        self._sentence_starts()
        self._capitalised_words()
        if not self.edits:
            return self.converted
        out, last = [], 0
        for start in sorted(self.edits):
            out += [self.converted[last:start], self.edits[start]]
            last = start + len(self.edits[start])
        out.append(self.converted[last:])
        return "".join(out)

    def _upper(self, start: int, word: str) -> None:
        self.edits[start] = self.converted[start : start + len(word)].upper()

    def _sentence_starts(self) -> None:
        # A line break proves nothing (text copied from PDFs is hard-wrapped, even with blank
        # lines: "thi\n\nđua"); punctuation before the word is what starts a sentence.
        found = _WORD_RE.search(self.text)
        candidates = [found] if found and not _WORD_RE.search(self.text, 0, found.start()) else []
        next_start = -1
        for punct in _SENTENCE_PUNCT_RE.finditer(self.text):
            if punct.start() < next_start:
                continue  # "...": the same next word
            word = _WORD_RE.search(self.text, punct.end())
            if word is None:
                break
            next_start = word.start()
            candidates.append(word)
        for word in candidates:
            if word and word.group()[0] in _TCVN3_LOWER_CODES:
                start = word.start()
                self.edits[start] = self.converted[start].upper()

    def _capitalised_words(self) -> None:
        # Words made of capitals and codes only ("HO¹CH", "KÕ"); a known lowercase letter
        # settles a word's case ("Tuyªn"), so ordinary prose is skipped by the regex itself.
        text = self.text
        for match in _CAPS_AND_CODES_RE.finditer(text):
            word = match.group()
            if match.start() and _WORD_CHAR_RE.match(text, match.start() - 1):
                continue  # the tail of a word with a lowercase letter: "tuyªn" -> "ªn"
            if _has_lower_code(word) and _KNOWN_CAPITAL_RE.search(word):
                self._decide(match.start(), word)

    def _decide(self, start: int, word: str) -> None:
        upper, _lower = _word_case(word)
        neighbours = _neighbours(self.text, start, start + len(word))
        if upper >= 2:
            self._upper(start, word)
            for first, other in neighbours:  # "®Ò" beside a heading word: all its letters are codes
                if _word_case(other) == (0, 0):
                    self._upper(first, other)
        elif upper == 1 and (
            word[0] in _TCVN3_LOWER_CODES or any(_is_heading_word(w) for _, w in neighbours)
        ):
            self._upper(start, word)  # "ñY", or "KÕ" beside "HO¹CH"


def _restore_case(text: str) -> str:
    """Convert TCVN3 mojibake, giving capitals back to letters typed with ".VnTimeH".

    A toned letter has only a lowercase code, so "KÕ HO¹CH" would read "Kế HOạCH". A word
    whose other letters are capitals is a heading word and becomes all capitals, and so does a
    title-case word or a word made only of codes beside it; a code that starts a sentence
    takes a capital ("ñy ban" after a full stop is "Ủy ban").
    """
    return _CaseRepair(text).run()


def convert_legacy(text: str, encoding: str) -> str:
    """Turn TCVN3 or VNI mojibake (as read through Windows-1252 or Latin-1) into Unicode NFC."""
    if encoding == "tcvn3":
        return _nfc(_restore_case(text))
    if encoding == "vni":
        return _nfc(_VNI_RE.sub(_vni_replace, text))
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


def decode_cp1258(data: bytes) -> str:
    """Windows-1258 bytes -> NFC text. cp1258 writes most toned letters as a base letter plus a
    combining tone byte; NFC joins them so "e" + U+0301 compares equal to "é"."""
    return _nfc(data.decode("cp1258", errors="replace"))


# --- sample makers (tests, demos) ---------------------------------------------------------------
def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as it shows in a Windows-1252 view (``.encode("cp1252")`` gives the
    bytes). Capitals with a tone become their lowercase code, as with the ".VnTimeH" font."""
    return _nfc(text).translate(_TCVN3_ENCODE)


def to_vni(text: str) -> str:
    """Unicode -> VNI-Windows as it shows in a Windows-1252 view."""
    return _nfc(text).translate(_VNI_ENCODE_TRANSLATE)


def to_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 bytes, tones as combining bytes where cp1258 has no letter."""
    out = bytearray()
    for ch in _nfc(text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = _nfc("".join(c for c in decomposed if c not in _TONE_MARKS))
            tones = "".join(c for c in decomposed if c in _TONE_MARKS)
            out += (base + tones).encode("cp1258", errors="replace")
    return bytes(out)
