"""Office B never sees agency A's registry drafts; published documents reach the portal's
library, whose search finds words of the body without diacritics."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.documents.conftest import add_document
from tests.portal.conftest import portal, run_worker  # noqa: F401  (the portal fixture)
from thidua.core import searchindex
from thidua.documents import queries

pytestmark = pytest.mark.django_db


def test_other_agencies_never_see_a_draft(client_for, office_a, office_b, agency_a):
    draft = add_document(agency_a, number="50/KH-SKHCN", summary="Dự thảo kế hoạch riêng")
    assert list(queries.documents_visible_to(office_a)) == [draft]
    assert not queries.documents_visible_to(office_b).exists()
    client = client_for(office_b)
    for name in ("documents:detail", "documents:download", "documents:disseminate"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404, name
    assert client.get(reverse("library:edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("documents:relations", args=[draft.pk])).status_code == 404
    assert "Dự thảo kế hoạch riêng" not in client.get(reverse("library:index")).content.decode()
    found = client.get(reverse("org:search"), {"q": "du thao ke hoach rieng"})
    assert "Dự thảo kế hoạch riêng" not in found.content.decode()


def test_published_document_body_is_found_by_the_portal_search(portal, agency_a, client):  # noqa: F811
    add_document(
        agency_a,
        number="60/KH-SKHCN",
        summary="Kế hoạch tuyên truyền",
        full_text="Biểu dương gương người tốt việc tốt ở Đồng Tháp Mười",
        published=True,
    )
    add_document(
        agency_a,
        number="61/KH-SKHCN",
        summary="Kế hoạch nội bộ",
        full_text="Đồng Tháp Mười nội bộ",
        published=False,
    )
    run_worker()
    page = client.get(portal.library.url, {"q": "dong thap muoi"}).content.decode()
    assert "60/KH-SKHCN" in page and "61/KH-SKHCN" not in page
    hits = [
        hit.obj.number_symbol
        for section in searchindex.search("nguoi tot viec tot")
        if section.source.key == "documents"
        for hit in section.hits
    ]
    assert hits == ["60/KH-SKHCN"]
