"""Concurrent writes on one exemplar: the row lock makes them take turns (PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from tests.concurrency import require_postgresql, run_in_processes
from tests.exemplars.factories import make_exemplar, make_field
from thidua.exemplars import services
from thidua.exemplars.models import Coverage, Exemplar, Replication, Stage, StageChange
from thidua.org.models import Agency

pytestmark = pytest.mark.django_db(transaction=True)


def _publish_article(exemplar_id: int, user_id: int, article_id: int) -> int:
    """What the portal does on every publish of an article about an exemplar."""
    exemplar = Exemplar.objects.get(pk=exemplar_id)
    user = get_user_model().objects.get(pk=user_id)
    article = Agency.objects.get(pk=article_id)  # any row stands for the article
    cov = services.coverage_record(
        exemplar,
        actor=user,
        kind="article",
        title="Bài viết",
        date=dt.date(2025, 6, 1),
        target=article,
    )
    return cov.pk


def _replicate(exemplar_id: int, user_id: int, name: str) -> str:
    exemplar = Exemplar.objects.get(pk=exemplar_id)
    user = get_user_model().objects.get(pk=user_id)
    try:
        services.replication_record(
            exemplar, actor=user, adopted_on=dt.date(2025, 6, 1), adopting_unit_name=name
        )
    except ValidationError as error:
        return str(error)
    return "ok"


def test_the_same_article_published_concurrently_counts_once(office_a, division_a, agency_a):
    require_postgresql()
    exemplar = make_exemplar(division_a, field=make_field(agency_a), stage=Stage.RECOGNISED)
    ids = run_in_processes(_publish_article, *[(exemplar.pk, office_a.pk, agency_a.pk)] * 4)
    assert len(set(ids)) == 1
    assert Coverage.objects.filter(exemplar=exemplar).count() == 1


def test_concurrent_first_replications_move_the_stage_once(office_a, division_a, agency_a):
    require_postgresql()
    exemplar = make_exemplar(division_a, field=make_field(agency_a), stage=Stage.RECOGNISED)
    results = run_in_processes(
        _replicate, *[(exemplar.pk, office_a.pk, f"Xã số {i}") for i in range(4)]
    )
    assert results == ["ok"] * 4
    assert Replication.objects.filter(exemplar=exemplar).count() == 4
    assert StageChange.objects.filter(exemplar=exemplar, to_stage=Stage.REPLICATED).count() == 1
    assert Exemplar.objects.get(pk=exemplar.pk).stage == Stage.REPLICATED
