"""Building .xlsx files for the import tests, and small helpers shared by them.

Imported by tests/org/test_import*.py (the shared personas live in tests/conftest.py).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from thidua.org.importing.layout import AGENCY_SPEC, PERSON_SPEC
from thidua.org.models import Agency, Employment, Person

AGENCY_HEADER = [c.header for c in AGENCY_SPEC.columns]
PERSON_HEADER = [c.header for c in PERSON_SPEC.columns]


def xlsx(
    agencies: Iterable[Sequence[Any]] | None = None,
    people: Iterable[Sequence[Any]] | None = None,
    *,
    agency_header: Sequence[Any] = tuple(AGENCY_HEADER),
    person_header: Sequence[Any] = tuple(PERSON_HEADER),
) -> bytes:
    """A workbook with the two sheets; ``None`` leaves a sheet out."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    if agencies is not None:
        sheet = workbook.create_sheet("Cơ quan")
        sheet.append(list(agency_header))
        for row in agencies:
            sheet.append(list(row))
    if people is not None:
        sheet = workbook.create_sheet("Cán bộ")
        sheet.append(list(person_header))
        for row in people:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def world_state() -> dict[str, Any]:
    """Everything a re-import must leave untouched."""
    return {
        "agencies": sorted(
            Agency.objects.values_list("code", "name", "short_name", "symbol", "kind", "path")
        ),
        "people": sorted(Person.objects.values_list("pk", "full_name", "id_number", "updated_at")),
        "employments": Employment.objects.count(),
        "audit": ModelLogEntry.objects.count(),
    }


@pytest.fixture
def import_media(settings, tmp_path):
    """Uploaded files go to a temporary media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
