"""Factories for awards tests: ledger rows written directly (the world), dossiers through the
services when the behaviour is under test."""

from __future__ import annotations

from django.core.files.base import ContentFile

from tests.org.factories import PersonFactory
from thidua.awards.models import (
    Achievement,
    AwardEntry,
    Proposal,
    ProposalDocument,
    Title,
    YearRating,
)
from thidua.org.models import Agency, Person

DOCX_MAGIC = b"PK\x03\x04"


def title(code: str) -> Title:
    return Title.objects.get(code=code)


def make_person(agency: Agency, name: str = "Huỳnh Văn Phúc", **kw) -> Person:
    return PersonFactory(full_name=name, agency=agency, **kw)


def ratings(person: Person, **by_year: str) -> None:
    for year, rating in by_year.items():
        YearRating.objects.create(person=person, year=int(year.lstrip("y")), rating=rating)


def award(holder: Person | Agency, code: str, *years: int) -> list[AwardEntry]:
    field = "person" if isinstance(holder, Person) else "agency"
    return [
        AwardEntry.objects.create(**{field: holder}, title=title(code), year=year) for year in years
    ]


def initiative(person: Person, year: int, level: str = "agency") -> Achievement:
    return Achievement.objects.create(
        person=person, year=year, kind="initiative", name=f"Sáng kiến {year}", effect_level=level
    )


def attach_required(proposal: Proposal) -> None:
    """Put every document the catalogue requires into the dossier (files are placeholders)."""
    for kind in proposal.title.documents_for(proposal.procedure):
        doc = ProposalDocument(proposal=proposal, kind=kind, original_name=f"{kind}.pdf", size=9)
        doc.file.save(f"{kind}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        doc.save()
