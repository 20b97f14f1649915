"""The documents list pages read with a bounded number of queries, at two data sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.documents.conftest import add_document, send
from tests.org.factories import make_agency, make_member
from thidua.documents import services
from thidua.documents.models import Recipient
from thidua.org.models.role import Role

pytestmark = pytest.mark.django_db


def _grow(size, agency_a, office_a, division_a, unit_head_a):
    units = [division_a] + [
        make_agency(agency_a, code=f"SKHCN-P{i}", name=f"Phòng {i}", kind="division")
        for i in range(size)
    ]
    for i, unit in enumerate(units[1:]):
        make_member(f"truongphong.p{i}", unit, Role.UNIT_HEAD, f"Trưởng phòng {i}")
    for i in range(size * 3):
        document = add_document(agency_a, number=f"{i + 1:02d}/KH-SKHCN")
        dissemination = send(document, office_a, agency_a, units=units)
        if i % 2:
            row = Recipient.objects.get(dissemination=dissemination, agency=division_a)
            services.recipient_acknowledge(row, status="read", actor=unit_head_a)
        services.register_number_take(
            agency=agency_a,
            type_abbr="KH",
            date=document.date,
            summary=document.summary,
            actor=office_a,
        )
    return dissemination


@pytest.mark.parametrize("size", [1, 6])
def test_list_pages_read_a_bounded_number_of_queries(
    size,
    client_for,
    agency_a,
    office_a,
    division_a,
    unit_head_a,
    django_assert_max_num_queries,
):
    last = _grow(size, agency_a, office_a, division_a, unit_head_a)
    office, head = client_for(office_a), client_for(unit_head_a)
    office.get(reverse("wagtailadmin_home"))  # the session's first request warms caches
    head.get(reverse("wagtailadmin_home"))

    for client, url, limit in [
        (office, reverse("library:index"), 20),
        (office, reverse("documents:disseminations"), 20),
        (office, reverse("documents:dissemination", args=[last.pk]), 24),
        (office, reverse("documents:detail", args=[last.document_id]), 23),
        (office, reverse("documents:register_list"), 21),
        (office, reverse("documents:register_export"), 12),
        (head, reverse("documents:inbox") + "?xem=tat-ca", 18),
        (head, reverse("wagtailadmin_home"), 30),
    ]:
        with django_assert_max_num_queries(limit):
            response = client.get(url)
        assert response.status_code == 200, url
