"""Eligibility read from the ledger: collectives (member ratios), quotas per issuer and year,
the criteria version in force for the dossier's period, and the simplified procedure's
documents."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.awards.factories import attach_required, award, make_person, ratings, title
from thidua.awards.eligibility.facts import evaluate_proposal
from thidua.awards.models import AwardEntry, Proposal, Quota, YearRating
from thidua.awards.services import catalogue as catalogue_services
from thidua.awards.services import proposals as svc

pytestmark = pytest.mark.django_db


def by_type(evaluation):
    return {r.type: r for r in evaluation.results}


def test_collective_needs_70_percent_ltdd_and_one_cstdcs(division_a, agency_a):
    # Given a division of 10 with 7 LĐTT (one also CSTĐCS), all completing their tasks
    YearRating.objects.create(agency=division_a, year=2025, rating="excellent")
    members = [make_person(division_a, f"Thành viên {n}") for n in range(10)]
    for n, person in enumerate(members):
        ratings(person, y2025="good")
        if n < 7:
            award(person, "LDTT", 2025)
    award(members[0], "CSTDCS", 2025)
    proposal = Proposal(
        title=title("TTLDXS"), year=2025, nominee_agency=division_a, proposing_agency=agency_a
    )
    _v, evaluation = evaluate_proposal(proposal, dt.date(2026, 1, 10))
    results = by_type(evaluation)
    assert evaluation.eligible, [r.line for r in evaluation.failing]
    assert results["members_ratio"].text.endswith("có 7/10 (70%)")
    # When one LĐTT is revoked, the ratio falls below 70% and the rule cites Art. 27
    AwardEntry.objects.filter(person=members[6], title__code="LDTT").update(
        revoked_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), revoked_reason="Sai"
    )
    _v, evaluation = evaluate_proposal(proposal, dt.date(2026, 1, 10))
    assert not evaluation.eligible
    assert by_type(evaluation)["members_ratio"].line == (
        "Điều 27 Luật TĐKT 2022: cần ít nhất 70% thành viên đạt LĐTT năm 2025; có 6/10 (60%)"
    )


def test_quota_per_issuer_and_year_counts_dossiers_already_sent(
    agency_a, division_a, unit_head_a, office_a
):
    Quota.objects.create(issuer=agency_a, title=title("LDTT"), year=2025, max_count=1)
    first, second = make_person(division_a, "Người Một"), make_person(division_a, "Người Hai")
    for person in (first, second):
        ratings(person, y2025="good")
    dossiers = []
    for person in (first, second):
        proposal = svc.proposal_create(
            actor=unit_head_a,
            title=title("LDTT"),
            year=2025,
            proposing_agency=division_a,
            person=person,
        )
        attach_required(proposal)
        dossiers.append(svc.proposal_submit(proposal, actor=unit_head_a))
    checked = svc.proposal_check(dossiers[0], actor=office_a, on=dt.date(2026, 1, 5))
    # The first dossier counts the second one already sent: 1 used of 1
    assert checked.eligible is False
    quota = next(r for r in checked.eligibility["results"] if r["type"] == "quota")
    assert quota["line"].endswith("chỉ tiêu năm 2025: tối đa 1; đã đề nghị, khen 1")
    # A quota in another agency does not apply
    Quota.objects.all().delete()
    assert svc.proposal_check(dossiers[1], actor=office_a, on=dt.date(2026, 1, 5)).eligible


def test_the_criteria_in_force_for_the_dossiers_year_are_used(province_admin, division_a, agency_a):
    person = make_person(division_a)
    award(person, "CSTDCS", 2024, 2025)
    catalogue_services.rule_version_add(
        title("BK_TINH"),
        actor=province_admin,
        rules=[
            {
                "type": "title_streak",
                "title": "CSTDCS",
                "count": 3,
                "basis": "Điều 74 Luật TĐKT 2022",
            }
        ],
        valid_from=dt.date(2026, 1, 1),
        note="Quy định mới từ 2026",
    )
    old = Proposal(title=title("BK_TINH"), year=2025, person=person, proposing_agency=agency_a)
    version, evaluation = evaluate_proposal(old, dt.date(2026, 3, 1))
    assert version.number == 1 and evaluation.results[0].passed is True
    new = Proposal(title=title("BK_TINH"), year=2026, person=person, proposing_agency=agency_a)
    version, evaluation = evaluate_proposal(new, dt.date(2026, 3, 1))
    assert version.number == 2 and evaluation.results[0].passed is False


def test_simplified_procedure_needs_only_the_memo_and_a_short_summary(
    division_a, unit_head_a, nominee_a
):
    proposal = svc.proposal_create(
        actor=unit_head_a,
        title=title("GIAY_KHEN"),
        year=2025,
        proposing_agency=division_a,
        person=nominee_a,
        procedure="simplified",
    )
    assert svc.missing_documents(proposal) == [
        "Tờ trình đề nghị khen thưởng",
        "Tóm tắt thành tích",
    ]
