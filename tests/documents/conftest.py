"""The documents world: agency A with two divisions (each with a head), seed files turned into
Word documents, and helpers that add registry documents and disseminations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.org.factories import make_agency, make_member
from thidua.admindoc.parse import parse
from thidua.admindoc.render import render
from thidua.documents import services
from thidua.documents.models import Document
from thidua.org.models import Agency
from thidua.org.models.role import Role

SEEDS = Path(__file__).resolve().parents[1] / "admindoc" / "seeds"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed_docx(prefix: str) -> bytes:
    """A seed plan as the Word file an office would receive (rendered per Decree 30)."""
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    return render(parse(text))


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def division_a2(agency_a) -> Agency:
    return make_agency(
        agency_a, code="SKHCN-QLKH", name="Phòng Quản lý khoa học", kind=Agency.Kind.DIVISION
    )


@pytest.fixture
def unit_head_a2(division_a2):
    return make_member("truongphong.a2", division_a2, Role.UNIT_HEAD, "Ngô Thị Lan")


def add_document(agency: Agency, *, number: str = "12/KH-SKHCN", **fields) -> Document:
    defaults = {
        "doc_type": Document.Type.PLAN,
        "issuer": "Sở Khoa học và Công nghệ",
        "date": dt.date(2026, 3, 15),
        "summary": f"Văn bản {number}",
        "file": SimpleUploadedFile("vb.pdf", PDF, content_type="application/pdf"),
    }
    document = Document(agency=agency, number_symbol=number, **{**defaults, **fields})
    document.save()
    return document


def send(document: Document, actor, agency: Agency, units=(), people=(), days: int = 5):
    return services.dissemination_send(
        document=document,
        agency=agency,
        deadline=timezone.localdate() + dt.timedelta(days=days),
        units=units,
        people=people,
        actor=actor,
    )
