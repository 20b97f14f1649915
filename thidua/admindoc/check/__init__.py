""".docx -> the list of its departures from the Decree 30/2020 format.

Meant for documents typed by hand, so it reads formatting the way Word resolves it (run, character
style, paragraph style and its ``basedOn`` chain, document defaults, theme fonts), finds the parts
of the document by their text rather than by position, and reports each kind of problem once with
the places where it occurs. Every range comes from ``layout``. It raises only
``UnreadableDocument``, for input that is not a .docx at all.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from thidua.admindoc.check.parts import Context
from thidua.admindoc.check.problem import Problem
from thidua.admindoc.check.reading import open_document
from thidua.admindoc.check.rules import RULES

__all__ = ["Problem", "check_docx"]


def check_docx(path_or_bytes: str | os.PathLike[str] | bytes | BinaryIO) -> list[Problem]:
    """Every departure from Decree 30/2020 found in the document, in reading order of the rules."""
    document = open_document(path_or_bytes)
    context = Context(document)
    problems: list[Problem] = []
    for rule in RULES:
        try:
            problems.extend(rule(context))
        except Exception as error:  # a user's odd file must not stop the whole report
            problems.append(
                Problem(
                    "check_failed",
                    f"Không kiểm tra được mục {rule.__name__.removeprefix('_check_')}: {error}.",
                )
            )
    return problems
