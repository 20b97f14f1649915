"""A departure from the Decree 30/2020 format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One departure from the format. ``code`` is stable (for programs and tests); ``message`` is
    Vietnamese and says what was found and what is required; ``location`` says where."""

    code: str
    message: str
    location: str | None = None
