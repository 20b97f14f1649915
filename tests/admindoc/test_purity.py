"""thidua.admindoc is a pure library: importing all of it must not import Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import importlib, pkgutil, sys
import thidua.admindoc as package
names = [package.__name__]
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if info.name.endswith("__main__"):
        continue  # importing it is harmless, but it is a script
    names.append(info.name)
for name in names:
    importlib.import_module(name)
import thidua.admindoc.__main__  # the CLI module too
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(len(names), bad)
sys.exit(1 if bad else 0)
"""


def test_admindoc_imports_no_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
