"""The demo stage: exemplars in every stage, with logs, replications and coverage; idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from thidua.exemplars import queries
from thidua.exemplars.models import Coverage, Exemplar, NurturingLog, Replication, Stage
from thidua.org.models import RoleAssignment

pytestmark = pytest.mark.django_db


def _load(path) -> None:
    call_command("load_demo", credentials=str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_exemplars_cover_every_stage_and_load_once(tmp_path):
    _load(tmp_path / "cred.txt")
    assert set(Exemplar.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert NurturingLog.objects.exists() and Replication.objects.exists()
    assert Coverage.objects.exists()
    assert queries.published_exemplars().exists()
    office = RoleAssignment.objects.get(user__username="vanphong.khcn", role="office").user
    assert queries.stale_exemplars(office).exists()
    assert queries.recognised_without_coverage(office).exists()
    counts = (Exemplar.objects.count(), NurturingLog.objects.count(), Coverage.objects.count())
    _load(tmp_path / "cred.txt")
    assert (Exemplar.objects.count(), NurturingLog.objects.count(), Coverage.objects.count()) == (
        counts
    )
