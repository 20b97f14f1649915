"""Shared pieces of the documents the awards app generates (minutes, decisions, certificates)."""

from __future__ import annotations

import re

from thidua.org.models import Agency

_PLACE_PREFIXES = re.compile(
    r"^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)?\s*(tỉnh|thành phố)\s+", re.IGNORECASE
)


def province_of(agency: Agency) -> Agency:
    """The top of the agency's tree (the province)."""
    ids = [int(part) for part in agency.path.strip("/").split("/") if part]
    if not ids or ids[0] == agency.pk:
        return agency
    return Agency.objects.filter(pk=ids[0]).first() or agency


def place_of(agency: Agency) -> str:
    """ "An Giang" for any agency under "Ủy ban nhân dân tỉnh An Giang": the place name that
    documents write before their date."""
    root = province_of(agency)
    name = _PLACE_PREFIXES.sub("", root.name).strip()
    return name or root.name


def parent_body_of(agency: Agency) -> str | None:
    """The parent body printed above the issuer ("UBND TỈNH AN GIANG"), if any."""
    if agency.parent_id is None:
        return None
    parent = Agency.objects.get(pk=agency.parent_id)
    name = parent.name
    name = re.sub(r"^(ủy|uỷ) ban nhân dân", "UBND", name, flags=re.IGNORECASE)
    return name.upper()
