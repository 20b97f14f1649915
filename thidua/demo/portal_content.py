"""Demo stage "portal_content": portal sections and articles (returns rows created)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader


def load(loader: DemoLoader) -> int:
    return 0
