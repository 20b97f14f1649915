"""Properties: whatever bytes arrive, extract() returns text or raises UnreadableDocument, never
anything else; legacy-font detection never touches real Unicode Vietnamese."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.admindoc.extract import extract
from thidua.admindoc.legacy_encodings import convert_legacy, detect_legacy, to_tcvn3, to_vni
from thidua.admindoc.model import ExtractedText, UnreadableDocument

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

MAGIC_PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff\xe0",
    b"II*\x00",
    b"MM\x00*",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"{\\rtf1",
]


def extract_or_refuse(data: bytes) -> ExtractedText | None:
    try:
        result = extract(data)
    except UnreadableDocument as exc:
        assert str(exc), "a refusal must say what was wrong"
        return None
    assert isinstance(result, ExtractedText)
    assert isinstance(result.text, str)
    return result


@FAST
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes) -> None:
    extract_or_refuse(data)


@FAST
@given(st.sampled_from(MAGIC_PREFIXES), st.binary(max_size=2048))
def test_bytes_that_look_like_a_known_format(prefix: bytes, tail: bytes) -> None:
    extract_or_refuse(prefix + tail)


@pytest.fixture(scope="module")
def docx_bytes(build_docx: Callable[..., bytes], seed_texts: dict[str, str]) -> bytes:
    return build_docx([line for line in seed_texts["004"].split("\n") if line.strip()][:10])


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_docx(docx_bytes: bytes, data: st.DataObject) -> None:
    damaged = bytearray(docx_bytes)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    extract_or_refuse(bytes(damaged))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(xml=st.binary(max_size=1024) | st.text(max_size=300).map(str.encode))
def test_docx_with_any_document_xml(xml: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    extract_or_refuse(buffer.getvalue())


@FAST
@given(st.text(max_size=500))
def test_any_unicode_text(text: str) -> None:
    extract_or_refuse(text.encode("utf-8"))


@pytest.fixture(scope="module")
def seed_words(seed_texts: dict[str, str]) -> list[str]:
    words = {w for n in ("000", "001", "002", "004") for w in re.findall(r"\w+", seed_texts[n])}
    return sorted(words)


@FAST
@given(data=st.data())
def test_real_vietnamese_is_never_detected(seed_words: list[str], data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(seed_words), min_size=1, max_size=60))
    separators = data.draw(
        st.lists(
            st.sampled_from([" ", ", ", ". ", "\n", " «", "» ", " © ", " × "]),
            min_size=len(words),
            max_size=len(words),
        )
    )
    text = "".join(w + s for w, s in zip(words, separators, strict=True))
    assert detect_legacy(text) is None


@FAST
@given(data=st.data())
def test_lowercase_vietnamese_round_trips_through_both_fonts(
    seed_words: list[str], data: st.DataObject
) -> None:
    words = data.draw(st.lists(st.sampled_from(seed_words), min_size=1, max_size=40))
    text = " ".join(words).lower()
    assert convert_legacy(to_vni(text), "vni") == text
    assert convert_legacy(to_tcvn3(text), "tcvn3").lower() == text
