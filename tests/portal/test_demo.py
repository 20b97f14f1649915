"""The demo stage: sections, articles, documents and the organisation page; editors and
leaders in their groups; loading twice creates nothing the second time."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from thidua.documents.models import Document
from thidua.portal.models import ArticlePage, OrganisationPage, SectionPage
from thidua.portal.roles import APPROVERS_GROUP, EDITORS_GROUP

pytestmark = pytest.mark.django_db


def _load(path) -> None:
    call_command("load_demo", credentials=str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_portal_content_loads_once(tmp_path, client):
    _load(tmp_path / "cred.txt")
    assert SectionPage.objects.live().count() == 2
    assert ArticlePage.objects.live().count() == 3
    assert OrganisationPage.objects.live().get().title_en == "About us and contacts"
    assert Document.objects.filter(published=True).count() == 3
    # the exemplars' article names published exemplars and counts in their coverage
    from thidua.exemplars.queries import coverage_by_target

    article = ArticlePage.objects.get(slug__startswith="guong-dien-hinh")
    named = set(article.exemplars.all())
    assert named and all(e.approved_for_publication for e in named)
    assert {c.exemplar for c in coverage_by_target(article)} == named
    from django.contrib.auth.models import Group

    assert Group.objects.get(name=EDITORS_GROUP).user_set.filter(username="bientap.khcn").exists()
    assert Group.objects.get(name=APPROVERS_GROUP).user_set.exists()
    counts = (ArticlePage.objects.count(), Document.objects.count())
    _load(tmp_path / "cred.txt")
    assert (ArticlePage.objects.count(), Document.objects.count()) == counts
    assert "Hội đồng TĐKT Sở họp xét khen thưởng" in client.get("/").content.decode()
