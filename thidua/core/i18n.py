"""Official documents are written in Vietnamese, whatever language the user reads the UI in."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")

OFFICIAL_LANGUAGE = "vi"


def in_official_language(func: Callable[P, R]) -> Callable[P, R]:
    """Build a Decree 30 document (plan, minutes, decision, report, certificate) in Vietnamese.

    Its strings are marked for translation so the catalogue stays complete, but a document that
    an agency signs and files must not come out in English because the clerk's UI is English.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(OFFICIAL_LANGUAGE):
            return func(*args, **kwargs)

    return wrapper
