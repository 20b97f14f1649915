"""Every back-office list exports to .xlsx: Wagtail's viewsets through ``list_export``
(``?export=xlsx``), the hand-written lists through ``thidua.core.exports`` (``?format=xlsx``);
an export holds exactly the rows the user may see, with the list's filters applied."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

VIEWSETS = [
    "agencies",
    "people",
    "roles",
    "blocs",
    "bloc_members",
    "bloc_terms",
    "movement",
    "exemplars",
    "exemplar_fields",
    "awards_proposal",
    "awards_title",
    "awards_holiday",
    "awards_quota",
    "awards_deadline",
    "awards_base_salary",
]
HAND_WRITTEN = ["plans:index", "plans:my_tasks", "plans:deliveries", "awards:decision_list"]


def _rows(response) -> list[list]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [[c for c in row] for sheet in workbook for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("name", VIEWSETS)
def test_viewset_lists_export_to_xlsx(name, province_admin, client_for):
    client = client_for(province_admin)
    _rows(client.get(reverse(f"{name}:index") + "?export=xlsx"))


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_hand_written_lists_export_to_xlsx(name, build_world, office_a, client_for):
    build_world(1)
    rows = _rows(client_for(office_a).get(reverse(name) + "?format=xlsx&mine=0&state=all"))
    assert rows and rows[0][0]  # a heading row


def test_exports_are_scoped_and_filtered(build_world, agency_a, office_a, office_b, client_for):
    world = build_world(2)
    text_b = str(_rows(client_for(office_b).get(reverse("plans:deliveries") + "?format=xlsx")))
    assert "(a)" not in text_b and "(b)" in text_b
    unit = world.units["a"][0]
    client = client_for(office_a)
    rows = _rows(
        client.get(reverse("plans:deliveries") + f"?format=xlsx&which=activities&agency={unit.pk}")
    )
    activity_rows = [r for r in rows if r[1] and str(r[1]).startswith("Bài viết")]
    assert activity_rows and {r[3] for r in activity_rows} == {unit.name}
    rows = _rows(
        client.get(reverse("plans:my_tasks") + f"?format=xlsx&mine=0&state=all&agency={unit.pk}")
    )
    assert {r[3] for r in rows[1:]} == {unit.name}
    rows = _rows(client_for(office_b).get(reverse("exemplars:index") + "?export=xlsx"))
    assert "(a)" not in str(rows)
