"""Compile every .po catalogue of the project into .mo with polib (no GNU gettext needed).

Run by `make` before tests, demo and production serving; .mo files are build output (git-ignored).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIRS = [ROOT / "locale", ROOT / "locale-wagtail"]


def main() -> int:
    compiled = 0
    for base in CATALOGUE_DIRS:
        for po_path in sorted(base.glob("**/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
    print(f"compile_translations: {compiled} catalogue(s) compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
