"""Agencies in the back office: the Office edits its own department and adds units under it."""

import pytest
from django.urls import reverse

from thidua.org.models import Agency

pytestmark = pytest.mark.django_db


def form_data(agency: Agency, **changes) -> dict:
    data = {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "symbol": agency.symbol,
        "kind": agency.kind,
        "parent": agency.parent_id or "",
        "valid_from": "",
        "valid_to": "",
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
    }
    return {**data, **changes}


def test_office_edits_its_own_department(office_a, agency_a, client_for):
    response = client_for(office_a).post(
        reverse("agencies:edit", args=[agency_a.pk]), form_data(agency_a, phone="0296 3852 111")
    )
    assert response.status_code == 302, response.text[:3000]
    agency_a.refresh_from_db()
    assert agency_a.phone == "0296 3852 111"
    assert agency_a.parent.code == "TINH"


def test_office_must_place_a_new_unit_under_its_agency(office_a, agency_a, client_for):
    client = client_for(office_a)
    missing_parent = client.post(
        reverse("agencies:add"),
        {"code": "SKHCN-TTR", "name": "Thanh tra Sở", "kind": "division", "parent": ""},
    )
    assert missing_parent.status_code == 200
    assert not Agency.objects.filter(code="SKHCN-TTR").exists()
    created = client.post(
        reverse("agencies:add"),
        {"code": "SKHCN-TTR", "name": "Thanh tra Sở", "kind": "division", "parent": agency_a.pk},
    )
    assert created.status_code == 302
    assert Agency.objects.get(code="SKHCN-TTR").parent == agency_a
