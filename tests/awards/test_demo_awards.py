"""The awards demo stage: a ledger for one division and dossiers at three steps; a second run
creates nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from thidua.awards.models import AwardEntry, Proposal, ProposalStatus, YearRating

pytestmark = pytest.mark.django_db


def test_demo_awards_stage_fills_the_ledger_and_dossiers_once(tmp_path):
    credentials = str(tmp_path / "creds.txt")
    call_command("load_demo", credentials=credentials, stdout=io.StringIO(), stderr=io.StringIO())
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert {ProposalStatus.DRAFT, ProposalStatus.PUBLICISED, ProposalStatus.RETURNED} <= statuses
    star = Proposal.objects.get(status=ProposalStatus.PUBLICISED)
    assert star.eligible is True and star.documents.count() == 4
    counts = (Proposal.objects.count(), AwardEntry.objects.count(), YearRating.objects.count())
    call_command("load_demo", credentials=credentials, stdout=io.StringIO(), stderr=io.StringIO())
    assert (Proposal.objects.count(), AwardEntry.objects.count(), YearRating.objects.count()) == (
        counts
    )
