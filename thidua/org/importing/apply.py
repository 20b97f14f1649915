"""Executes an import plan through the org services, inside the caller's transaction.

Every write goes through ``agency_create`` / ``agency_update`` / ``person_update`` and, for new
people, ``person_create_many`` (what ``person_create`` does for one person, for all of them in a
fixed number of statements: a 30,000-row file would otherwise cost a dozen per row), so
permissions, validation and audit entries are exactly those of the back office. Rows the plan
marks "unchanged" are not touched at all: a re-import of the same file calls no service, bumps no
``updated_at`` and records no audit entry.

Each agency row and each updated person runs in a savepoint, the new people in one. When the
user chose "only valid rows", a row the services still refuse (for instance a code taken by
someone else between validation and confirmation) is left out alone and reported; otherwise the
first refusal aborts the whole import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.org.importing.layout import AGENCY_SPEC, PERSON_SPEC
from thidua.org.importing.plan import AgencyAction, ImportPlan, PersonAction
from thidua.org.importing.reader import RowError
from thidua.org.models import Agency
from thidua.org.services.agencies import agency_create, agency_update
from thidua.org.services.people import (
    ItemRefused,
    person_create,
    person_create_many,
    person_update,
)

ProgressCallback = Callable[[int], None]
PROGRESS_EVERY = 50


class RowRefused(Exception):
    """A service refused a row during an all-or-nothing import: the transaction must roll back."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.text)
        self.error = error


@dataclass
class ApplyResult:
    created: dict[str, int] = field(default_factory=lambda: {"agencies": 0, "people": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"agencies": 0, "people": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"agencies": 0, "people": 0})
    errors: list[RowError] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


def execute_plan(
    plan: ImportPlan,
    *,
    actor: Any,
    keep_going: bool,
    on_progress: ProgressCallback | None = None,
) -> ApplyResult:
    """Write the plan. Must run inside a transaction (the service's)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("execute_plan must run inside the import transaction")
    result = ApplyResult()
    by_code: dict[str, Agency] = {}
    done = 0
    for action in plan.agencies:
        _run_row(
            lambda a=action: _apply_agency(a, actor, by_code, result),
            action.row.row,
            AGENCY_SPEC.title,
            keep_going,
            result,
        )
        done += 1
        if on_progress and done % PROGRESS_EVERY == 0:
            on_progress(done)
    creates: list[tuple[PersonAction, Agency]] = []
    for person_action in plan.people:
        if person_action.kind == "create":
            agency = by_code.get(person_action.agency_code) or person_action.agency
            if agency is not None:
                creates.append((person_action, agency))
                continue
        _run_row(
            lambda a=person_action: _apply_person(a, actor, by_code, result),
            person_action.row.row,
            PERSON_SPEC.title,
            keep_going,
            result,
        )
        done += 1
        if on_progress and done % PROGRESS_EVERY == 0:
            on_progress(done)
    _create_people(creates, actor, keep_going, result)
    done += len(creates)
    if on_progress:
        on_progress(done)
    return result


def _create_people(
    creates: list[tuple[PersonAction, Agency]], actor: Any, keep_going: bool, result: ApplyResult
) -> None:
    """New people in one go (``person_create_many``: the checks, history and audit of
    ``person_create``, a fixed number of statements instead of a dozen per row)."""

    def refused(item: ItemRefused) -> None:
        error = _row_error(item.error, creates[item.index][0].row.row, PERSON_SPEC.title)
        if not keep_going:
            raise RowRefused(error) from item.error
        result.errors.append(error)

    people = person_create_many(
        actor=actor,
        items=[(agency, action.changes) for action, agency in creates],
        on_refused=refused,
    )
    result.created["people"] += len(people)


def _row_error(exc: Exception, row: int, sheet: str) -> RowError:
    messages = getattr(exc, "messages", None) or [str(exc) or _("không có quyền.")]
    return RowError(
        sheet, row, "", "", _("không nhập được: %s") % " ".join(str(m) for m in messages)
    )


def _run_row(
    work: Callable[[], None], row: int, sheet: str, keep_going: bool, result: ApplyResult
) -> None:
    try:
        with transaction.atomic():  # a savepoint: one refused row rolls back alone
            work()
    except (ValidationError, PermissionDenied) as exc:
        error = _row_error(exc, row, sheet)
        if not keep_going:
            raise RowRefused(error) from exc
        result.errors.append(error)


def _apply_agency(
    action: AgencyAction, actor: Any, by_code: dict[str, Agency], result: ApplyResult
) -> None:
    parent = _parent_of(action, by_code)
    if action.kind == "create":
        agency = agency_create(actor=actor, parent=parent, **action.changes)
        result.created["agencies"] += 1
    elif action.kind == "update":
        assert action.existing is not None
        extra: dict[str, Any] = {"parent": parent} if action.move else {}
        agency = agency_update(action.existing, actor=actor, **extra, **action.changes)
        result.updated["agencies"] += 1
    else:
        assert action.existing is not None
        agency = action.existing
        result.unchanged["agencies"] += 1
    by_code[agency.code] = agency


def _parent_of(action: AgencyAction, by_code: dict[str, Agency]) -> Agency | None:
    if action.parent is not None:
        return action.parent
    if action.parent_code:
        # Created or matched earlier (the plan lists parents first), unless that row was refused.
        parent = by_code.get(action.parent_code)
        if parent is None:
            raise ValidationError(
                _("cơ quan cấp trên “%s” không nhập được nên dòng này cũng không nhập được.")
                % action.parent_code
            )
        return parent
    return None


def _apply_person(
    action: PersonAction, actor: Any, by_code: dict[str, Agency], result: ApplyResult
) -> None:
    if action.kind == "unchanged":
        result.unchanged["people"] += 1
        return
    if action.kind == "update":
        assert action.existing is not None
        person_update(action.existing, actor=actor, **action.changes)
        result.updated["people"] += 1
        return
    agency = by_code.get(action.agency_code) or action.agency
    if agency is None:
        raise ValidationError(
            _("cơ quan “%s” chưa được tạo (dòng của cơ quan đó không nhập được).")
            % action.agency_code
        )
    person_create(actor=actor, agency=agency, **action.changes)
    result.created["people"] += 1
