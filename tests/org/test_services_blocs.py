import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.org import queries, services

pytestmark = pytest.mark.django_db


def test_bloc_membership_and_terms(province_admin, agency_a, agency_b, office_a):
    bloc = services.bloc_create(actor=province_admin, code="K3", name="Khối thi đua Khối 3")
    services.bloc_set_member(bloc, actor=province_admin, agency=agency_a, since_year=2024)
    services.bloc_set_member(bloc, actor=province_admin, agency=agency_b, since_year=2024)
    term = services.bloc_set_term(
        bloc, actor=province_admin, year=2025, leader=agency_a, deputy=agency_b
    )
    assert (term.leader, term.deputy) == (agency_a, agency_b)
    # re-setting the year replaces the term rather than duplicating it
    services.bloc_set_term(bloc, actor=province_admin, year=2025, leader=agency_b, deputy=agency_a)
    assert bloc.terms.count() == 1
    assert bloc in queries.blocs_visible_to(office_a)
    with pytest.raises(PermissionDenied):
        services.bloc_create(actor=office_a, code="K4", name="Khối 4")


def test_term_leader_must_be_a_member_that_year(province_admin, agency_a, agency_b):
    bloc = services.bloc_create(actor=province_admin, code="K1", name="Khối 1")
    services.bloc_set_member(bloc, actor=province_admin, agency=agency_a, since_year=2026)
    with pytest.raises(ValidationError, match="không phải thành viên"):
        services.bloc_set_term(bloc, actor=province_admin, year=2025, leader=agency_a)
    with pytest.raises(ValidationError, match="hai cơ quan khác nhau"):
        services.bloc_set_term(
            bloc, actor=province_admin, year=2026, leader=agency_a, deputy=agency_a
        )


def test_bloc_not_visible_to_outsiders(province_admin, agency_a, office_b):
    bloc = services.bloc_create(actor=province_admin, code="K2", name="Khối 2")
    services.bloc_set_member(bloc, actor=province_admin, agency=agency_a, since_year=2024)
    assert bloc not in queries.blocs_visible_to(office_b)
