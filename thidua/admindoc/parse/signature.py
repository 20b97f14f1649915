"""The end of a document: "Nơi nhận" (recipients) and the signature block.

The two sit side by side in a table; extraction may give them one after the other in either
order, or interleaved on the same lines with a column gap. Each fragment is classified by what
it looks like: a "-" line is a recipient, "KT. GIÁM ĐỐC" is an authority line, a capitalised
short line a position, a Title Case line of two to six words the signer's name.
"""

from __future__ import annotations

import re

from thidua.admindoc.model import Signer
from thidua.admindoc.parse.lines import COLUMN_GAP, Line, starts_lower
from thidua.admindoc.parse.tables import AUTHORITIES, AUTHORITY_RE, POSITION_WORDS
from thidua.admindoc.vntext import fold_aligned, is_upper_text

_NOI_NHAN = re.compile(r"^\s{0,4}n[o0]i\s{1,3}nh[a@]n\s{0,3}:?\s{0,3}")
_RECIPIENT = re.compile(r"^\s{0,4}[-–—+•·]\s{0,4}")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]{0,12}\.?$")
_TRAILING_JUNK = re.compile(r";\s{0,3}\S{1,2}\s{0,3}$")


def _is_signature_line(text: str) -> bool:
    folded = fold_aligned(text)
    if AUTHORITY_RE.match(folded):
        return True
    return is_upper_text(text) and len(text.split()) <= 10 and bool(POSITION_WORDS.search(folded))


# Academic and professional titles printed before a signer's name: "PGS.TS. Hoàng Anh Tuấn",
# "BSCKII. Lâm Văn A", "ThS Nguyễn B".
_NAME_TITLE = re.compile(
    r"^(?:(?:GS|PGS|TSKH|TS|ThS|Ths|BSCKII|BSCKI|BS|CKII|CKI|DS|KS|LS|NGƯT|NGND|NSND|NSƯT)"
    r"(?:\.\s{0,2}|\s{1,2}))+"
)
# A name that ends the last recipient line ("- Lưu: VT, TCCB. Nguyễn Hữu Lê"): a PDF text
# layer joins the two columns with a single space.
_TRAILING_NAME = re.compile(r"[.;]\s{1,20}(?P<name>[^\W\d_][^.;:,]{3,60})$")


def _is_name(text: str) -> bool:
    text = _NAME_TITLE.sub("", text)
    words = text.split()
    if not 2 <= len(words) <= 6 or any(c in text for c in ":;,/()"):
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def find_tail(lines: list[Line], start: int) -> int:
    """Index of the first line after the body (recipients or signature), or len(lines)."""
    n = len(lines)
    for i in range(n - 1, max(start, n - 80) - 1, -1):
        if "./." in lines[i].text:
            return i + 1
    noi = next(
        (
            i
            for i in range(n - 1, max(start, n - 80) - 1, -1)
            if _NOI_NHAN.match(fold_aligned(lines[i].text))
        ),
        None,
    )
    if noi is not None:
        while noi - 1 > start and (
            _is_signature_line(lines[noi - 1].text) or _is_name(lines[noi - 1].text)
        ):
            noi -= 1
        return noi
    for i in range(max(start, n - 12), n):
        if _is_signature_line(lines[i].text):
            return i
    return n


def _clean_recipient(text: str) -> str:
    text = _RECIPIENT.sub("", text)
    text = _TRAILING_JUNK.sub(";", text)  # scans leave "; 1" or "; o" after the semicolon
    return text.strip().rstrip(";.,").strip()


def _signing_columns(lines: list[Line]) -> list[list[str]]:
    """Each line's fragments, keeping one column where two people sign side by side.

    A biên bản is signed by the secretary (left) and the chair (right); the signer recorded is
    the right-hand one. Once a line holds only signature lines in two columns, later lines with
    as many fragments (the names) keep their last fragment too.
    """
    out: list[list[str]] = []
    co_signed = 0
    for line in lines:
        fragments = [f.strip() for f in COLUMN_GAP.split(line.raw.strip()) if f.strip()]
        if (
            len(fragments) >= 2
            and all(_is_signature_line(f) for f in fragments)
            and not any(AUTHORITY_RE.match(fold_aligned(f)) for f in fragments)
        ):
            co_signed = len(fragments)  # "THƯ KÝ   CHỦ TỌA", not "KT. GIÁM ĐỐC" beside a recipient
        if co_signed and len(fragments) == co_signed:
            fragments = fragments[-1:]
        out.append(fragments)
    return out


def parse_tail(lines: list[Line]) -> tuple[list[str], Signer | None]:
    recipients: list[str] = []
    signer = Signer()
    authority_lines = 0
    listing = False
    open_item = False  # the last recipient did not end with ";" or "." and may wrap
    for fragments in _signing_columns(lines):
        for fragment in fragments:
            folded = fold_aligned(fragment)
            if m := _NOI_NHAN.match(folded):
                listing = True
                fragment = fragment[m.end() :].strip()
                if not fragment:
                    continue
                folded = fold_aligned(fragment)
            if m := AUTHORITY_RE.match(folded):
                if signer.authority and signer.positions:
                    # "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH": keep the outer prefix.
                    signer.positions[-1] = f"{signer.authority} {signer.positions[-1]}"
                signer.authority = AUTHORITIES[m.group("auth")]  # type: ignore[assignment]
                signer.positions.append(fragment[m.end() :].strip())
                authority_lines += 1
                continue
            if _RECIPIENT.match(fragment) and not is_upper_text(fragment[1:], 0.95):
                m = _TRAILING_NAME.search(fragment) if signer.name is None else None
                if m and _is_name(m.group("name")):
                    signer.name = m.group("name").strip()
                    fragment = fragment[: m.start("name")].rstrip()
                recipients.append(_clean_recipient(fragment))
                listing = True
                open_item = not fragment.rstrip().endswith((";", "."))
                continue
            if is_upper_text(fragment) and len(fragment.split()) <= 10 and signer.name is None:
                if POSITION_WORDS.search(folded) or (authority_lines and not _is_name(fragment)):
                    signer.positions.append(fragment)
                    continue
                if signer.positions and _is_name(fragment):
                    signer.name = fragment
                    continue
            if _is_name(fragment) and signer.name is None and (signer.positions or not listing):
                signer.name = fragment
                continue
            if listing and recipients and (open_item or starts_lower(fragment)):
                recipients[-1] = f"{recipients[-1]} {_clean_recipient(fragment)}".strip()
                open_item = not fragment.rstrip().endswith((";", "."))
    recipients = [r for r in recipients if r]
    if not (signer.authority or signer.positions or signer.name):
        return recipients, None
    return recipients, signer
