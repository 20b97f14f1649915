"""Coverage: articles, meetings and activities that featured an exemplar, counted; the public
reads the portal builds on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tests.exemplars.factories import make_exemplar
from thidua.exemplars import queries, services
from thidua.exemplars.models import Coverage, Stage
from thidua.org.models import Agency

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 6, 11)


@pytest.fixture
def two(division_a, field_a):
    return (
        make_exemplar(division_a, field=field_a, name="Kỹ sư Lê Minh", stage=Stage.RECOGNISED),
        make_exemplar(division_a, field=field_a, name="Tổ Công nghệ số", stage=Stage.RECOGNISED),
    )


def test_counts_by_kind_in_one_query(two, office_a, editor_a, django_assert_num_queries):
    first, second = two
    for title in ("Gương sáng Lê Minh", "Người thầy của sáng kiến"):
        services.coverage_record(first, actor=editor_a, kind="article", title=title, date=DAY)
    services.coverage_record(
        first, actor=office_a, kind="meeting", title="Hội nghị điển hình 11/6", date=DAY
    )
    with django_assert_num_queries(1):
        counts = queries.coverage_counts([first, second])
    assert counts[first.pk] == {"article": 2, "meeting": 1, "activity": 0, "other": 0, "total": 3}
    assert counts[second.pk]["total"] == 0
    by_queryset = queries.coverage_counts(queries.exemplars_visible_to(office_a))
    assert by_queryset[first.pk]["total"] == 3


def test_the_same_article_is_counted_once(two, editor_a, agency_a):
    first, _ = two
    article = Agency.objects.get(pk=agency_a.pk)  # any model instance stands for an article
    services.coverage_record(
        first, actor=editor_a, kind="article", title="Bản nháp", date=DAY, target=article
    )
    services.coverage_record(
        first,
        actor=editor_a,
        kind="article",
        title="Bài đã sửa",
        date=DAY,
        url="https://skhcn.angiang.gov.vn/bai-viet/1",
        target=article,
    )
    coverage = Coverage.objects.get(exemplar=first)
    assert coverage.title == "Bài đã sửa"
    assert coverage.target == article
    assert queries.coverage_counts([first])[first.pk]["article"] == 1


def test_system_calls_and_permissions(two, staff_a, office_b):
    first, _ = two
    services.coverage_record(first, actor=None, kind="activity", title="Phát thanh", date=DAY)
    for outsider in (staff_a, office_b):
        with pytest.raises(PermissionDenied):
            services.coverage_record(first, actor=outsider, kind="article", title="x", date=DAY)
    assert queries.coverage_counts([first])[first.pk]["total"] == 1


def test_removing_coverage_lowers_the_count(two, editor_a):
    first, _ = two
    cov = services.coverage_record(first, actor=editor_a, kind="other", title="Pa nô", date=DAY)
    services.coverage_remove(cov, actor=editor_a, reason="Ghi nhầm")
    assert queries.coverage_counts([first])[first.pk]["total"] == 0


def test_recognised_without_coverage(two, office_a, editor_a):
    first, second = two
    services.coverage_record(first, actor=editor_a, kind="article", title="Bài 1", date=DAY)
    assert list(queries.recognised_without_coverage(office_a)) == [second]


def test_published_exemplars_are_approved_and_followed_only(
    two, office_a, division_a, field_a, editor_a
):
    first, second = two
    dropped = make_exemplar(
        division_a,
        field=field_a,
        name="Đã dừng",
        stage=Stage.DROPPED,
        approved_for_publication=True,
    )
    services.exemplar_set_publication(first, actor=office_a, approved=True)
    services.coverage_record(first, actor=editor_a, kind="article", title="Bài 1", date=DAY)
    published = list(queries.published_exemplars())
    assert published == [first]
    assert dropped not in published and second not in published
    profile = published[0]
    assert profile.coverage_total == 1
    assert profile.field.name == "Khoa học và công nghệ"
    assert profile.unit.name == "Văn phòng Sở Khoa học và Công nghệ"
    assert [c.title for c in queries.public_coverage(first)] == ["Bài 1"]
    assert list(queries.public_coverage(second)) == []
