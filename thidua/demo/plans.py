"""Demo stage "plans": filled in by the plans work (returns how many rows it created)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader


def load(loader: DemoLoader) -> int:
    return 0
