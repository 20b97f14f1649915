"""Our own strings (written in Vietnamese, the source language) have an English catalogue in
locale/en/, and every string marked for translation in thidua/ is in it, translated.

A new string fails `test_every_marked_string_is_in_the_english_catalogue` until the catalogue is
updated: `python manage.py makemessages -l en --ignore=...` (see the test's message), translate
the new entries in locale/en/LC_MESSAGES/django.po, then `python scripts/compile_translations.py`.
"""

from __future__ import annotations

import ast
import re
import runpy
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "thidua"
PO_PATH = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MAKEMESSAGES = (
    "DEBUG=1 .venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=tests "
    "--ignore=bench --ignore=locale-wagtail --ignore=staticfiles --ignore=var"
)

# The functions whose string arguments makemessages extracts: xgettext's Python defaults, those
# Django adds, and N_ (gettext_noop's alias; thidua/core/management/commands/makemessages.py).
# name -> index of the context argument (pgettext), or None
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": None,
    "ngettext_lazy": None,
    "pgettext": 0,
    "pgettext_lazy": 0,
    "npgettext": 0,
    "npgettext_lazy": 0,
}
Key = tuple[str | None, str]  # (msgctxt, msgid)


def _python_strings(path: Path) -> set[Key]:
    found: set[Key] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            name = func.id
        elif isinstance(func, ast.Attribute):
            name = func.attr
        else:
            continue
        if name not in KEYWORDS:
            continue
        ctx_index = KEYWORDS[name]
        args = node.args
        msgid_index = 0 if ctx_index is None else 1
        if len(args) <= msgid_index or not _is_str(args[msgid_index]):
            continue  # a variable, not a literal: nothing to extract
        context = (
            args[ctx_index].value if ctx_index is not None and _is_str(args[ctx_index]) else None
        )
        found.add((context, args[msgid_index].value))
    return found


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


# Django's templatize() turns {% trans %} / {% blocktrans %} (with trimmed, plural, context,
# variables as %(name)s) into gettext(...) calls exactly as makemessages feeds them to xgettext.
_STR = r"""u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
_TEMPLATE_CALL = re.compile(
    rf"(?<![\w.])(_|gettext|ngettext|pgettext|npgettext)\(\s*({_STR}(?:\s*,\s*{_STR})*)"
)


def _template_strings(path: Path) -> set[Key]:
    found: set[Key] = set()
    for match in _TEMPLATE_CALL.finditer(
        templatize(path.read_text(encoding="utf-8"), origin=str(path))
    ):
        literals = [ast.literal_eval(s) for s in re.findall(_STR, match[2])]
        if match[1].startswith(("pgettext", "npgettext")):
            found.add((literals[0], literals[1]))
        else:
            found.add((None, literals[0]))
    return found


def _marked_strings() -> dict[Key, str]:
    """(msgctxt, msgid) -> the first file marking it, for every literal marked in thidua/."""
    strings: dict[Key, str] = {}
    for path in sorted(SOURCE.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            keys = _python_strings(path)
        elif path.suffix in {".html", ".txt"}:
            keys = _template_strings(path)
        else:
            continue
        for key in keys:
            strings.setdefault(key, str(path.relative_to(ROOT)))
    return strings


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_catalogue_is_english_and_fully_translated(catalogue):
    assert catalogue.metadata["Language"] == "en"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert not catalogue.metadata_is_fuzzy
    entries = [e for e in catalogue if not e.obsolete]
    assert len(entries) > 200
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    untranslated = [e.msgid for e in entries if not e.translated()]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {PO_PATH.relative_to(ROOT)}: {fuzzy[:10]}"
    assert not untranslated, (
        f"{len(untranslated)} untranslated in {PO_PATH.relative_to(ROOT)}: {untranslated[:10]}"
    )


_PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{\w*\}")


def _edges(text: str) -> tuple[str, str]:
    return re.match(r"\s*", text)[0], re.search(r"\s*$", text)[0]


def test_translations_keep_placeholders_and_whitespace(catalogue):
    wrong = []
    for entry in catalogue:
        if entry.obsolete or not entry.translated():
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = set(_PLACEHOLDER.findall(entry.msgid)) | set(
            _PLACEHOLDER.findall(entry.msgid_plural or "")
        )
        for text in translations:
            if set(_PLACEHOLDER.findall(text)) != expected or _edges(text) != _edges(entry.msgid):
                wrong.append((entry.msgid, text))
    assert not wrong, wrong


def test_every_marked_string_is_in_the_english_catalogue(catalogue):
    translated = {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete and e.translated()}
    marked = _marked_strings()
    assert len(marked) > 200  # the scan found our strings (guards against a broken scanner)
    missing = {key: where for key, where in marked.items() if key not in translated}
    lines = [
        f"  {where}: {msgid!r}" + (f" (context {ctx!r})" if ctx else "")
        for (ctx, msgid), where in missing.items()
    ]
    assert not missing, (
        f"{len(missing)} string(s) marked for translation have no English translation; run\n"
        f"  {MAKEMESSAGES}\nthen translate them in {PO_PATH.relative_to(ROOT)}:\n"
        + "\n".join(lines)
    )


def test_scanner_sees_every_kind_of_marking():
    marked = _marked_strings()
    assert (None, "Tạo mới") in marked  # N_ (gettext_noop) in core/audit.py
    assert (None, "%(done)s/%(total)s dòng") in marked  # {% blocktrans with %}
    assert (None, "%(counter)s lỗi") in marked  # {% blocktrans count %}
    assert (None, "Thi đua – Khen thưởng") in marked  # {% trans %} in thidua/templates


@pytest.fixture
def english(settings):
    """The compiled catalogue (build output of scripts/compile_translations.py, which `make test`
    runs first), compiled here if missing or older than the .po."""
    mo_path = PO_PATH.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < PO_PATH.stat().st_mtime:
        runpy.run_path(str(ROOT / "scripts" / "compile_translations.py"))["main"]()
        # Sends setting_changed, on which Django drops the catalogues it has already loaded.
        settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
    with translation.override("en"):
        yield


def test_key_strings_come_out_in_english(english):
    from thidua.core.audit import ACTIONS
    from thidua.org.models import Agency, Role

    assert translation.gettext("Thi đua – Khen thưởng") == "Emulation and Commendation"
    assert translation.gettext("Xác thực hai lớp") == "Two-factor authentication"
    assert str(Role.OFFICE.label) == "Office (emulation focal point)"
    assert str(Agency._meta.verbose_name) == "agency or unit"
    assert translation.gettext(ACTIONS["thidua.merge"][1]) == "Merged"  # a gettext_noop (N_) string
    assert translation.ngettext("%(counter)s lỗi", "%(counter)s lỗi", 1) == "%(counter)s error"
    assert translation.ngettext("%(counter)s lỗi", "%(counter)s lỗi", 3) == "%(counter)s errors"


def test_vietnamese_stays_the_source_language(english):
    with translation.override("vi"):
        assert translation.gettext("Thi đua – Khen thưởng") == "Thi đua – Khen thưởng"
