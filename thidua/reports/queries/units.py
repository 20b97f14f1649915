"""Rolling figures up to units: a record counts under the unit directly below the agency the
figures are for (or that agency itself, for its own records), so a province shows its
departments and a department its divisions, however deep the tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from thidua.org.models import Agency
from thidua.reports.scope import Filter


def bucket_path(path: str, roots: tuple[str, ...] | None) -> str:
    parts = [p for p in path.strip("/").split("/") if p]
    if roots is None:
        keep = min(len(parts), 2)
        return "/" + "/".join(parts[:keep]) + "/"
    for root in roots:
        if path.startswith(root):
            depth = len([p for p in root.strip("/").split("/") if p])
            keep = min(len(parts), depth + 1)
            return "/" + "/".join(parts[:keep]) + "/"
    return path


def _id_of(path: str) -> int:
    return int(path.strip("/").split("/")[-1])


@dataclass
class UnitRow:
    agency_id: int
    name: str
    path: str
    values: list[int]

    @property
    def total(self) -> int:
        return sum(self.values)


def roll_up(flt: Filter, counts: Iterable[tuple[int, list[int]]], width: int = 1) -> list[UnitRow]:
    """``counts``: (agency id, values) pairs, several per agency allowed; returns one row per
    unit bucket, in tree order, with the values summed. The agencies' paths and the buckets'
    names come from the filter's agencies (read once for the page); an agency outside them
    costs one query for its path, one for its name."""
    pairs = list(counts)
    if not pairs:
        return []
    directory = flt.agencies
    paths = {pk: entry.path for pk, entry in directory.items()}
    unknown = {a for a, _v in pairs} - paths.keys()
    if unknown:
        paths.update(Agency.objects.filter(pk__in=unknown).values_list("pk", "path"))
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    for agency_id, values in pairs:
        path = paths.get(agency_id)
        if path is None:
            continue
        bucket = sums[bucket_path(path, flt.roots)]
        for i, value in enumerate(values):
            bucket[i] += value
    names = {pk: entry.name for pk, entry in directory.items()}
    unnamed = {_id_of(p) for p in sums} - names.keys()
    if unnamed:
        names.update(Agency.objects.filter(pk__in=unnamed).values_list("pk", "name"))
    return [
        UnitRow(_id_of(path), names.get(_id_of(path), ""), path, values)
        for path, values in sorted(sums.items())
    ]
