"""A document disseminated through the e-office system counts in the propaganda figures on the
e-office channel, once: under "disseminations" until it is recorded against a plan, then as the
plan's activity. Its number links to the dissemination list narrowed to the same records."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.documents.conftest import add_document, send
from thidua.plans import services as plan_services
from thidua.plans.models import Channel

pytestmark = pytest.mark.django_db

SOURCE = "Phổ biến văn bản (chưa ghi vào kế hoạch)"


def _totals(client):
    response = client.get(reverse("reports:propaganda"))
    return response, {label: (value, url) for label, value, url in response.context["totals"]}


def test_a_dissemination_counts_once_on_the_e_office_channel(
    agency_a, division_a, office_a, office_b, client_for
):
    # Given two documents the Office disseminated to a division
    first = send(add_document(agency_a, number="12/KH-SKHCN"), office_a, agency_a, [division_a])
    send(add_document(agency_a, number="13/KH-SKHCN"), office_a, agency_a, [division_a])
    client = client_for(office_a)
    response, totals = _totals(client)
    # Then both count under disseminations, on the e-office channel
    assert totals[SOURCE][0] == 2
    channel = {row.label: [c.value for c in row.cells] for row in _figures(response)["channel"]}
    assert channel[str(Channel.E_OFFICE.label)][2] == 2
    # And the number opens the dissemination list with the same two
    listing = client.get(totals[SOURCE][1])
    assert listing.status_code == 200 and listing.context["page"].paginator.count == 2
    # When one is recorded as a plan's e-office activity, it moves there: still counted once
    plan_services.dissemination_record(actor=office_a, dissemination=first)
    _, totals = _totals(client)
    assert totals[SOURCE][0] == 1
    assert totals["Hoạt động tuyên truyền"][0] == 1
    # And another department's Office sees none of them
    _, theirs = _totals(client_for(office_b))
    assert theirs[SOURCE][0] == 0


def _figures(response):
    return {f.id: f.rows for f in response.context["figures"]}
