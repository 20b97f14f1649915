"""From typed rows to a plan: what each valid row will create, update or leave unchanged.

Read-only. Decides everything that needs the database: which agency a code names, whether the
user may import into it (``permissions.can_import_into``), which existing person a row is, the
order in which new agencies must be created (parents first, wherever they appear in the sheet),
and which rows cannot be imported and why. ``apply.py`` executes the plan; ``import_validate``
shows its counts to the user before anything is written.

Matching (so that importing the same file twice changes nothing):
- agencies by code;
- people by ID number; otherwise by folded full name + date of birth + agency. A row without a
  date of birth matches a person of that name in that agency when there is exactly one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.org.importing.layout import AGENCY_SPEC, PERSON_SPEC
from thidua.org.importing.reader import AgencyRow, ParsedWorkbook, PersonRow, RowError
from thidua.org.models import Agency, Person
from thidua.org.permissions import Scope, can_import_into
from thidua.org.queries import user_scope

Kind = Literal["create", "update", "unchanged"]
AGENCY_FIELDS = ("name", "short_name", "symbol", "kind")
PERSON_FIELDS = ("full_name", "gender", "date_of_birth", "id_number", "position", "email", "phone")


@dataclass
class AgencyAction:
    row: AgencyRow
    kind: Kind
    existing: Agency | None
    changes: dict[str, Any]
    # The parent: a code planned in this file, or an existing agency; None keeps the current one.
    parent_code: str | None = None
    parent: Agency | None = None
    move: bool = False


@dataclass
class PersonAction:
    row: PersonRow
    kind: Kind
    existing: Person | None
    changes: dict[str, Any]
    agency_code: str = ""
    agency: Agency | None = None  # None when the agency is created by this import


@dataclass
class ImportPlan:
    agencies: list[AgencyAction] = field(default_factory=list)  # parents before children
    people: list[PersonAction] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total_rows: int = 0

    @property
    def action_count(self) -> int:
        return len(self.agencies) + len(self.people)

    def counts(self) -> dict[str, Any]:
        def tally(actions: list[Any], sheet: str) -> dict[str, int]:
            result = {"create": 0, "update": 0, "unchanged": 0}
            for action in actions:
                result[action.kind] += 1
            result["invalid"] = len({e.row for e in self.errors if e.sheet == sheet and e.row})
            return result

        return {
            "agencies": tally(self.agencies, AGENCY_SPEC.title),
            "people": tally(self.people, PERSON_SPEC.title),
            "error_count": len(self.errors),
            "total_rows": self.total_rows,
        }


def build_plan(parsed: ParsedWorkbook, *, actor: Any, home: Agency) -> ImportPlan:
    """``home`` is the agency the import was filed under: new agencies without a parent code
    are placed beneath it."""
    planner = _Planner(parsed, user_scope(actor), home)
    return planner.run()


class _Planner:
    def __init__(self, parsed: ParsedWorkbook, scope: Scope, home: Agency) -> None:
        self.parsed = parsed
        self.scope = scope
        self.home = home
        codes = {a.code for a in parsed.agencies}
        codes |= {a.parent_code for a in parsed.agencies if a.parent_code}
        codes |= {p.agency_code for p in parsed.people}
        self.db_agencies = {
            a.code: a
            for a in Agency.objects.filter(code__in=codes).select_related("parent", "successor")
        }
        self.file_rows = {a.code: a for a in parsed.agencies}
        # agency rows that cannot be imported: code -> row, so references to them name the row
        self.bad_rows: dict[str, int] = dict(parsed.invalid_agency_codes)
        self.planned: dict[str, AgencyAction] = {}  # code -> valid action

    def run(self) -> ImportPlan:
        plan = ImportPlan(total_rows=self.parsed.total_rows)
        for row in self._topological(self.parsed.agencies):
            action = self._plan_agency(row)
            if action is not None:
                self.planned[row.code] = action
                plan.agencies.append(action)
            else:
                self.bad_rows[row.code] = row.row
        plan.people = self._plan_people()
        plan.errors = sorted(
            self.parsed.errors,
            key=lambda e: (e.sheet != AGENCY_SPEC.title, e.sheet, e.row or 0, e.column),
        )
        return plan

    # --- agencies --------------------------------------------------------------------------

    def _error(self, spec: Any, row: int, key: str, message: str) -> None:
        self.parsed.cell_error(spec, row, key, message)

    def _topological(self, rows: list[AgencyRow]) -> list[AgencyRow]:
        """Parents defined in the file come before their children; rows in a cycle are errors."""
        children: dict[str, list[AgencyRow]] = defaultdict(list)
        roots: list[AgencyRow] = []
        for row in rows:
            if row.parent_code and row.parent_code in self.file_rows:
                children[row.parent_code].append(row)
            else:
                roots.append(row)
        ordered: list[AgencyRow] = []
        stack = list(reversed(roots))
        while stack:
            row = stack.pop()
            ordered.append(row)
            stack.extend(reversed(children.get(row.code, [])))
        placed = {r.code for r in ordered}
        for row in rows:
            if row.code not in placed:
                self.bad_rows[row.code] = row.row
                chain = self._cycle_text(row)
                self._error(
                    AGENCY_SPEC,
                    row.row,
                    "parent_code",
                    _("cấp trên tạo thành vòng lặp (%(chain)s); hãy sửa mã cơ quan cấp trên.")
                    % {"chain": chain},
                )
        return ordered

    def _cycle_text(self, row: AgencyRow) -> str:
        seen: list[str] = []
        current: AgencyRow | None = row
        while current is not None and current.code not in seen:
            seen.append(current.code)
            current = self.file_rows.get(current.parent_code or "")
        if current is not None:
            seen.append(current.code)
        return " → ".join(seen)

    def _scope_error(self, agency: Agency) -> str | None:
        if not can_import_into(self.scope, agency.path):
            return _(
                "cơ quan mã “%(code)s” không thuộc phạm vi bạn quản lý; chỉ nhập dữ liệu cho các "
                "cơ quan, đơn vị bạn được giao."
            ) % {"code": agency.code}
        if agency.successor_id is not None or agency.is_read_only:
            return _(
                "cơ quan mã “%(code)s” đã sáp nhập hoặc hết hiệu lực, hồ sơ chỉ còn để tra cứu; "
                "hãy dùng mã của cơ quan kế thừa."
            ) % {"code": agency.code}
        return None

    def _plan_agency(self, row: AgencyRow) -> AgencyAction | None:
        existing = self.db_agencies.get(row.code)
        if existing is not None and (problem := self._scope_error(existing)):
            self._error(AGENCY_SPEC, row.row, "code", problem)
            return None
        parent_code, parent, ok = self._resolve_parent(row, existing)
        if not ok:
            return None
        if existing is None:
            changes = {
                "code": row.code,
                "name": row.name,
                "short_name": row.short_name or "",
                "symbol": row.symbol or "",
            }
            if row.kind:
                changes["kind"] = row.kind
            return AgencyAction(row, "create", None, changes, parent_code, parent)
        changes = {
            name: getattr(row, name)
            for name in AGENCY_FIELDS
            if getattr(row, name) is not None and getattr(row, name) != getattr(existing, name)
        }
        move = parent_code is not None and (
            existing.parent is None or existing.parent.code != parent_code
        )
        if move and parent is not None and parent.path.startswith(existing.path):
            self._error(
                AGENCY_SPEC,
                row.row,
                "parent_code",
                _("không thể đặt “%(code)s” dưới chính nó hoặc một đơn vị trực thuộc nó (“%(p)s”).")
                % {"code": row.code, "p": parent_code},
            )
            return None
        kind: Kind = "update" if changes or move else "unchanged"
        return AgencyAction(
            row, kind, existing, changes, parent_code if move else None, parent, move
        )

    def _resolve_parent(
        self, row: AgencyRow, existing: Agency | None
    ) -> tuple[str | None, Agency | None, bool]:
        """(parent code, existing parent agency or None when planned in this file, ok)."""
        code = row.parent_code
        if not code:
            if existing is not None:
                return None, None, True  # keep the current parent
            if problem := self._scope_error(self.home):
                self._error(AGENCY_SPEC, row.row, "parent_code", problem)
                return None, None, False
            return self.home.code, self.home, True
        if code in self.planned:
            return code, None, True
        if code in self.bad_rows:  # defined in the file but that row cannot be imported
            self._error(
                AGENCY_SPEC,
                row.row,
                "parent_code",
                _(
                    "cơ quan cấp trên “%(code)s” (dòng %(row)s) có lỗi nên dòng này chưa nhập "
                    "được; sửa dòng %(row)s trước."
                )
                % {"code": code, "row": self.bad_rows[code]},
            )
            return None, None, False
        parent = self.db_agencies.get(code)
        if parent is None:
            self._error(
                AGENCY_SPEC,
                row.row,
                "parent_code",
                _(
                    "không tìm thấy cơ quan cấp trên mã “%s” trong hệ thống hay trong sheet này; "
                    "kiểm tra lại mã hoặc thêm một dòng cho cơ quan đó."
                )
                % code,
            )
            return None, None, False
        if problem := self._scope_error(parent):
            self._error(AGENCY_SPEC, row.row, "parent_code", problem)
            return None, None, False
        return code, parent, True

    # --- people ----------------------------------------------------------------------------

    def _plan_people(self) -> list[PersonAction]:
        rows = self.parsed.people
        ids = [r.id_number for r in rows if r.id_number]
        by_id = {
            p.id_number: p
            for p in Person.objects.filter(id_number__in=ids).select_related("agency")
        }
        agency_ids = {a.pk for a in self.db_agencies.values()}
        by_name: dict[tuple[int, str], list[Person]] = defaultdict(list)
        for person in Person.objects.filter(agency_id__in=agency_ids).select_related("agency"):
            by_name[(person.agency_id, fold(person.full_name))].append(person)
        claimed: dict[int, int] = {}  # person pk -> row that matched it
        actions = []
        for row in rows:
            action = self._plan_person(row, by_id, by_name, claimed)
            if action is not None:
                actions.append(action)
        return actions

    def _person_agency(self, row: PersonRow) -> tuple[Agency | None, bool]:
        code = row.agency_code
        if code in self.planned:
            action = self.planned[code]
            return action.existing, True
        if code in self.bad_rows:
            self._error(
                PERSON_SPEC,
                row.row,
                "agency_code",
                _(
                    "cơ quan “%(code)s” ở sheet “%(sheet)s”, dòng %(row)s có lỗi nên cán bộ này "
                    "chưa nhập được; sửa dòng đó trước."
                )
                % {"code": code, "sheet": AGENCY_SPEC.title, "row": self.bad_rows[code]},
            )
            return None, False
        agency = self.db_agencies.get(code)
        if agency is None:
            self._error(
                PERSON_SPEC,
                row.row,
                "agency_code",
                _(
                    "không tìm thấy cơ quan mã “%(code)s” trong hệ thống hay ở sheet “%(sheet)s”; "
                    "kiểm tra lại mã."
                )
                % {"code": code, "sheet": AGENCY_SPEC.title},
            )
            return None, False
        if problem := self._scope_error(agency):
            self._error(PERSON_SPEC, row.row, "agency_code", problem)
            return None, False
        return agency, True

    def _plan_person(
        self,
        row: PersonRow,
        by_id: dict[str | None, Person],
        by_name: dict[tuple[int, str], list[Person]],
        claimed: dict[int, int],
    ) -> PersonAction | None:
        agency, ok = self._person_agency(row)
        if not ok:
            return None
        existing = self._match_person(row, agency, by_id, by_name)
        if existing is False:
            return None
        if isinstance(existing, Person):
            if existing.pk in claimed:
                self._error(
                    PERSON_SPEC,
                    row.row,
                    "full_name",
                    _(
                        "dòng này và dòng %(first)s cùng chỉ một cán bộ đã có; xóa dòng lặp hoặc "
                        "ghi số định danh để phân biệt."
                    )
                    % {"first": claimed[existing.pk]},
                )
                return None
            claimed[existing.pk] = row.row
            changes = {
                name: getattr(row, name)
                for name in PERSON_FIELDS
                if getattr(row, name) is not None and getattr(row, name) != getattr(existing, name)
            }
            kind: Kind = "update" if changes else "unchanged"
            return PersonAction(row, kind, existing, changes, row.agency_code, agency)
        changes = {
            name: getattr(row, name) for name in PERSON_FIELDS if getattr(row, name) is not None
        }
        return PersonAction(row, "create", None, changes, row.agency_code, agency)

    def _match_person(
        self,
        row: PersonRow,
        agency: Agency | None,
        by_id: dict[str | None, Person],
        by_name: dict[tuple[int, str], list[Person]],
    ) -> Person | Literal[False] | None:
        """The existing person this row describes, None for a new one, False on a conflict."""
        if row.id_number and row.id_number in by_id:
            person = by_id[row.id_number]
            if agency is not None and person.agency_id == agency.pk:
                return person
            if can_import_into(self.scope, person.agency.path):
                message = _(
                    "số định danh “%(id)s” là của %(name)s đang công tác tại %(agency)s; muốn "
                    "chuyển cán bộ sang đơn vị khác hãy dùng chức năng điều chuyển."
                ) % {"id": row.id_number, "name": person.full_name, "agency": person.agency.name}
            else:
                message = _(
                    "số định danh “%(id)s” đã được dùng cho một cán bộ ngoài phạm vi bạn quản lý; "
                    "kiểm tra lại số."
                ) % {"id": row.id_number}
            self._error(PERSON_SPEC, row.row, "id_number", message)
            return False
        if agency is None:
            return None  # a new agency has no people yet
        candidates = by_name.get((agency.pk, row.name_key), [])
        if row.date_of_birth:
            candidates = [c for c in candidates if c.date_of_birth in (row.date_of_birth, None)]
        if row.id_number:
            # A person recorded with another ID number is someone else of the same name.
            candidates = [c for c in candidates if not c.id_number]
        if len(candidates) > 1:
            self._error(
                PERSON_SPEC,
                row.row,
                "full_name",
                _(
                    "có %(n)s cán bộ tên “%(name)s” tại %(agency)s khớp với dòng này; hãy ghi số "
                    "định danh hoặc ngày sinh để phân biệt."
                )
                % {"n": len(candidates), "name": row.full_name, "agency": agency.name},
            )
            return False
        return candidates[0] if candidates else None
