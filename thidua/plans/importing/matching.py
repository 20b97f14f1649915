"""Unit names as a plan writes them → agencies of the issuing agency's tree.

"Văn phòng Sở", "VP Sở", "Văn Phòng Sở" and "van phong so" all name the Office; a unit of a
merged agency ("Văn phòng Sở Thông tin và Truyền thông" after 2025) resolves to its successor;
"Các phòng, đơn vị thuộc Sở" names every unit of the agency. Accent-insensitive throughout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.core.text import fold
from thidua.org.models import Agency

# Abbreviations found in plans, folded: word → expansion.
ABBREVIATIONS = {
    "vp": "van phong",
    "p.": "phong",
    "ttra": "thanh tra",
    "tt": "trung tam",
    "kh-tc": "ke hoach tai chinh",
    "khtc": "ke hoach tai chinh",
    "tdkt": "thi dua khen thuong",
    "bgd": "ban giam doc",
    "ld": "lanh dao",
}
# Words that carry no identity: "Văn phòng Sở" is the Office of whichever Sở issues the plan.
_TRAILING = re.compile(r"\b(so|thuoc so|truc thuoc so|cua so)$")
_PUNCT = re.compile(r"[,;:()\"“”.–-]+")
_COLLECTIVE = re.compile(
    r"^(lanh dao )?(cac|tat ca cac|toan the cac) (phong|don vi|co quan|to chuc)\b"
    r"|^(phong|don vi|phong chuyen mon) (va|,) (don vi|cac don vi)"
)
MatchKind = str  # "exact", "abbreviation", "former", "all_units", ""


@dataclass
class UnitMatch:
    agency: Agency | None
    all_units: bool
    kind: MatchKind  # how it was found; "" when unmatched


def normalise(name: str, agency_names: tuple[str, ...] = ()) -> str:
    text = fold(name)
    text = " ".join(ABBREVIATIONS.get(word, word) for word in text.split(" "))
    text = _PUNCT.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    for full in agency_names:
        if full and text.endswith(" " + full):
            text = text[: -len(full) - 1].strip() + " so"
    text = _TRAILING.sub("", text).strip()
    return text


def _without_place(name: str) -> str:
    """ "Sở Khoa học và Công nghệ tỉnh An Giang" → "Sở Khoa học và Công nghệ"."""
    return re.sub(r"\s+(tỉnh|thành phố|TP\.?)\s.*$", "", name.strip(), flags=re.IGNORECASE)


def is_collective(name: str) -> bool:
    """ "Các phòng, đơn vị", "Lãnh đạo các phòng chuyên môn và đơn vị trực thuộc Sở"."""
    text = _PUNCT.sub(" ", fold(name))
    return bool(_COLLECTIVE.search(re.sub(r"\s+", " ", text).strip()))


class UnitMatcher:
    """Built once per plan: the agency and its units, with merged predecessors' units."""

    def __init__(self, agency: Agency) -> None:
        self.agency = agency
        self.names = (fold(agency.name), fold(_without_place(agency.name)))
        tree = Agency.objects.select_related("parent")
        units = list(tree.filter(path__startswith=agency.path).exclude(pk=agency.pk))
        former = list(tree.filter(successor__isnull=False, successor__path__startswith=agency.path))
        # Units of predecessors, whose successors are in this tree.
        predecessor_ids = [a.pk for a in former]
        former += list(tree.filter(parent_id__in=predecessor_ids).exclude(pk__in=predecessor_ids))
        self.units = units
        self.former = former
        # Each name's keys are worked out once, not again for every name matched.
        self._unit_keys = [(unit, self._key_of(unit)) for unit in units]
        self._former_keys = [(unit, self._key_of(unit, former=True)) for unit in former]

    def _key_of(self, agency: Agency, *, former: bool = False) -> set[str]:
        parent = _without_place(agency.parent.name) if agency.parent_id else ""
        names = (*self.names, fold(parent))
        keys = {normalise(agency.name, names)}
        if agency.short_name:
            keys.add(normalise(agency.short_name, names))
        if former and parent:
            # "Văn phòng Sở" of the former Sở TT&TT is written "Văn phòng Sở Thông tin và
            # Truyền thông" once that Sở no longer exists.
            own = re.sub(r"\s+Sở$", "", agency.name.strip())
            keys.add(normalise(f"{own} {parent}"))
        return {k for k in keys if k}

    def _current(self, agency: Agency) -> Agency | None:
        seen: set[int] = set()
        while agency.successor_id and agency.pk not in seen:
            seen.add(agency.pk)
            agency = Agency.objects.get(pk=agency.successor_id)
        return agency if agency.path.startswith(self.agency.path) else None

    def match(self, name: str) -> UnitMatch:
        if is_collective(name):
            return UnitMatch(None, True, "all_units")
        wanted = normalise(name, self.names)
        if not wanted:
            return UnitMatch(None, False, "")
        abbreviated = any(word in ABBREVIATIONS for word in fold(name).split(" "))
        for unit, keys in self._unit_keys:
            if wanted in keys:
                return UnitMatch(unit, False, "abbreviation" if abbreviated else "exact")
        for unit, keys in self._former_keys:
            if wanted in keys:
                current = self._current(unit)
                if current is not None:
                    return UnitMatch(current, False, "former")
        return UnitMatch(None, False, "")

    def office(self) -> Agency | None:
        """The agency's Office (Văn phòng), the plans' focal point."""
        for unit in self.units:
            if unit.parent_id == self.agency.pk and normalise(unit.name, self.names).startswith(
                "van phong"
            ):
                return unit
        return None

    def split(self, name: str) -> list[str]:
        """ "Văn phòng, lãnh đạo các phòng chuyên môn và đơn vị trực thuộc Sở" names two
        assignees: the Office and every unit. Parts are cut at commas when the whole does not
        match and the first part does."""
        if self.match(name).kind:
            return [name]
        parts = [p.strip() for p in name.split(",") if p.strip()]
        if len(parts) > 1 and self.match(parts[0]).kind:
            return [parts[0], ", ".join(parts[1:])]
        return [name]
