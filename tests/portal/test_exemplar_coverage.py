"""An article that names exemplars counts in their coverage once it is published: once per
article however often it is published again, no longer when it stops naming one, is unpublished
or deleted; the exemplar's public profile links to it."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from tests.exemplars.factories import make_exemplar
from tests.portal.conftest import add_article, publish
from thidua.exemplars import queries as exemplar_queries
from thidua.exemplars.models import Coverage, Stage


@pytest.fixture(autouse=True)
def _public_host_name(portal):
    """The site's public host name, which the coverage links carry (the test client still asks
    for "testserver", served by the default site)."""
    Site.objects.filter(is_default_site=True).update(hostname="thiduakhenthuong.angiang.gov.vn")


def _exemplar(unit, name: str):
    return make_exemplar(unit, name=name, stage=Stage.RECOGNISED, approved_for_publication=True)


def test_publishing_an_article_counts_it_for_each_exemplar_it_names(portal, division_a, client):
    gam = _exemplar(division_a, "Lê Thị Hồng Gấm")
    tuan = _exemplar(division_a, "Trần Minh Tuấn")
    # Given a draft naming both exemplars: nothing counts before it is published
    article = add_article(portal.exemplars, "Hai gương sáng số hóa một cửa", live=False)
    article.exemplars.set([gam, tuan])
    assert not Coverage.objects.exists()
    # When it is published
    publish(article)
    # Then each exemplar has one article in its coverage, linking to the article
    counts = exemplar_queries.coverage_counts([gam, tuan])
    assert counts[gam.pk]["article"] == counts[tuan.pk]["article"] == 1
    coverage = Coverage.objects.get(exemplar=gam)
    assert coverage.title == "Hai gương sáng số hóa một cửa"
    assert coverage.url.endswith(article.url) and coverage.recorded_by is None
    profile = client.get(f"/guong-dien-hinh/{gam.pk}/").content.decode()
    assert f'href="{coverage.url}"' in profile


def test_publishing_again_updates_instead_of_counting_twice(portal, division_a):
    gam = _exemplar(division_a, "Lê Thị Hồng Gấm")
    article = add_article(portal.exemplars, "Gương sáng số hóa", live=False)
    article.exemplars.set([gam])
    publish(article)
    article.title = "Gương sáng số hóa một cửa năm 2026"
    publish(article)
    coverage = Coverage.objects.get(exemplar=gam)
    assert coverage.title == "Gương sáng số hóa một cửa năm 2026"


def test_an_exemplar_no_longer_named_stops_counting(portal, division_a):
    gam = _exemplar(division_a, "Lê Thị Hồng Gấm")
    tuan = _exemplar(division_a, "Trần Minh Tuấn")
    article = add_article(portal.exemplars, "Hai gương sáng", live=False)
    article.exemplars.set([gam, tuan])
    publish(article)
    article.exemplars.set([tuan])
    publish(article)
    assert list(Coverage.objects.values_list("exemplar__name", flat=True)) == ["Trần Minh Tuấn"]


def test_unpublishing_or_deleting_the_article_stops_counting_it(portal, division_a):
    gam = _exemplar(division_a, "Lê Thị Hồng Gấm")
    first = add_article(portal.exemplars, "Bài sẽ bị gỡ", live=False)
    second = add_article(portal.exemplars, "Bài sẽ bị xóa", live=False)
    for article in (first, second):
        article.exemplars.set([gam])
        publish(article)
    assert exemplar_queries.coverage_counts([gam])[gam.pk]["article"] == 2
    first.unpublish()
    second.delete()
    assert exemplar_queries.coverage_counts([gam])[gam.pk]["article"] == 0


def test_only_exemplars_approved_for_publication_can_be_named(portal, division_a):
    from thidua.portal.models import ArticlePage

    _exemplar(division_a, "Lê Thị Hồng Gấm")
    make_exemplar(division_a, name="Chưa duyệt công khai", approved_for_publication=False)
    field = ArticlePage._meta.get_field("exemplars")
    choices = field.remote_field.model.objects.complex_filter(field.get_limit_choices_to())
    assert list(choices.values_list("name", flat=True)) == ["Lê Thị Hồng Gấm"]
