"""Transferring a person and merging an agency from the back office."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.org.factories import PersonFactory, make_agency
from thidua.org.models import Agency, Person

pytestmark = pytest.mark.django_db


def test_office_transfers_a_person_with_a_date(office_a, agency_a, division_a, client_for):
    person = PersonFactory(full_name="Bùi Thị Mai", agency=division_a)
    client = client_for(office_a)
    listing = client.get(reverse("people:index")).text
    assert reverse("org:person_transfer", args=[person.pk]) in listing
    response = client.post(
        reverse("org:person_transfer", args=[person.pk]),
        {"to": agency_a.pk, "on": "01/07/2026", "position": "Phó Chánh Văn phòng"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.agency, person.position) == (agency_a, "Phó Chánh Văn phòng")
    assert person.employments.get(end_date__isnull=True).start_date == dt.date(2026, 7, 1)
    detail = client.get(reverse("people:inspect", args=[person.pk])).text
    assert "Quá trình công tác" in detail and "01/07/2026" in detail


def test_transfer_of_another_agencys_person_is_not_found(office_a, division_b, client_for):
    person = PersonFactory(full_name="Lâm Văn Khải", agency=division_b)
    assert (
        client_for(office_a).get(reverse("org:person_transfer", args=[person.pk])).status_code
        == 404
    )


def test_transfer_cannot_target_another_agency(office_a, division_a, division_b, client_for):
    person = PersonFactory(full_name="Tô Thị Vân", agency=division_a)
    response = client_for(office_a).post(
        reverse("org:person_transfer", args=[person.pk]), {"to": division_b.pk, "on": "01/07/2026"}
    )
    assert response.status_code == 200
    assert Person.objects.get(pk=person.pk).agency == division_a


def test_province_admin_merges_from_the_back_office(province_admin, province, agency_a, client_for):
    sttt = make_agency(province, code="STTTT", name="Sở Thông tin và Truyền thông")
    client = client_for(province_admin)
    assert reverse("org:agency_merge", args=[sttt.pk]) in client.get(reverse("agencies:index")).text
    unconfirmed = client.post(
        reverse("org:agency_merge", args=[sttt.pk]), {"into": agency_a.pk, "on": "01/03/2025"}
    )
    assert unconfirmed.status_code == 200
    assert Agency.objects.get(pk=sttt.pk).successor is None
    response = client.post(
        reverse("org:agency_merge", args=[sttt.pk]),
        {"into": agency_a.pk, "on": "01/03/2025", "confirm": "on"},
    )
    assert response.status_code == 302
    assert Agency.objects.get(pk=sttt.pk).successor == agency_a


def test_office_cannot_merge(office_a, agency_a, division_a, client_for):
    client = client_for(office_a)
    assert (
        reverse("org:agency_merge", args=[division_a.pk])
        not in client.get(reverse("agencies:index")).text
    )
    response = client.post(
        reverse("org:agency_merge", args=[division_a.pk]),
        {"into": agency_a.pk, "on": "01/03/2025", "confirm": "on"},
    )
    assert response.status_code == 403
    assert Agency.objects.get(pk=division_a.pk).successor is None
