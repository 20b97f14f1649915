from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.org.models import Agency, Bloc, BlocMembership, BlocTerm
from thidua.org.permissions import can_manage_blocs
from thidua.org.queries import user_scope
from thidua.org.services.common import apply_fields, require

BLOC_FIELDS = {"code", "name", "description"}


@transaction.atomic
def bloc_create(*, actor: Any, **fields: Any) -> Bloc:
    require(can_manage_blocs(user_scope(actor)))
    bloc = Bloc()
    apply_fields(bloc, fields, BLOC_FIELDS)
    bloc.full_clean()
    bloc.save()
    audit.record(bloc, "thidua.create", actor=actor)
    return bloc


@transaction.atomic
def bloc_update(bloc: Bloc, *, actor: Any, **fields: Any) -> Bloc:
    require(can_manage_blocs(user_scope(actor)))
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    before = audit.snapshot(bloc)
    apply_fields(bloc, fields, BLOC_FIELDS)
    bloc.full_clean()
    bloc.save()
    changes = audit.diff(before, audit.snapshot(bloc))
    if changes:
        audit.record(bloc, "thidua.update", actor=actor, changes=changes)
    return bloc


@transaction.atomic
def bloc_set_member(
    bloc: Bloc, *, actor: Any, agency: Agency, since_year: int, until_year: int | None = None
) -> BlocMembership:
    """Add an agency to a bloc from a year, or close its membership by giving ``until_year``."""
    require(can_manage_blocs(user_scope(actor)))
    if until_year is not None and until_year < since_year:
        raise ValidationError(_("Năm kết thúc phải sau hoặc bằng năm bắt đầu."))
    membership = (
        BlocMembership.objects.select_for_update()
        .filter(bloc=bloc, agency=agency, since_year=since_year)
        .first()
    )
    if membership is not None and membership.until_year == until_year:
        return membership  # nothing changes, nothing to record
    membership, _created = BlocMembership.objects.update_or_create(
        bloc=bloc, agency=agency, since_year=since_year, defaults={"until_year": until_year}
    )
    audit.record(
        bloc,
        "thidua.update",
        actor=actor,
        changes={"members": [None, f"{agency.code} {since_year}–{until_year or ''}"]},
    )
    return membership


@transaction.atomic
def bloc_set_term(
    bloc: Bloc, *, actor: Any, year: int, leader: Agency, deputy: Agency | None = None
) -> BlocTerm:
    """Record the bloc's leader and deputy for a year; both must be members that year."""
    require(can_manage_blocs(user_scope(actor)))
    members = {m.agency_id for m in BlocMembership.objects.filter(bloc=bloc) if m.active_in(year)}
    for label, agency in ((_("Khối trưởng"), leader), (_("Khối phó"), deputy)):
        if agency is not None and agency.pk not in members:
            raise ValidationError(
                _("%(role)s %(name)s không phải thành viên của khối trong năm %(year)s.")
                % {"role": label, "name": agency.name, "year": year}
            )
    if deputy is not None and deputy.pk == leader.pk:
        raise ValidationError(_("Khối trưởng và khối phó phải là hai cơ quan khác nhau."))
    term, _created = BlocTerm.objects.update_or_create(
        bloc=bloc, year=year, defaults={"leader": leader, "deputy": deputy}
    )
    audit.record(
        bloc,
        "thidua.update",
        actor=actor,
        changes={f"term_{year}": [None, f"{leader.code}/{deputy.code if deputy else ''}"]},
    )
    return term
