"""Dossier steps: draft → submitted → checked (eligibility, failing rule) → publicised for N
working days (public comments join the dossier) → council → decided → issued; returns with a
reason; notifications to the next actor; scoping between agencies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.awards.factories import attach_required, award, initiative, ratings, title
from thidua.awards import queries
from thidua.awards.models import ProposalStatus, PublicHoliday, RuleVersion
from thidua.awards.services import catalogue as catalogue_services
from thidua.awards.services import proposals as svc
from thidua.awards.services import public as public_services
from thidua.notifications.models import Notification

S = ProposalStatus
pytestmark = pytest.mark.django_db(transaction=False)


def inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


@pytest.fixture
def cstdcs_draft(unit_head_a, division_a, nominee_a):
    ratings(nominee_a, y2025="good")
    return svc.proposal_create(
        actor=unit_head_a,
        title=title("CSTDCS"),
        year=2025,
        proposing_agency=division_a,
        person=nominee_a,
    )


def test_unit_submits_office_finds_failing_rule_returns_unit_fixes_office_passes(
    cstdcs_draft, unit_head_a, office_a, nominee_a, django_capture_on_commit_callbacks
):
    # Given a draft without its documents, the unit cannot send it and is told what is missing
    with pytest.raises(ValidationError) as missing:
        svc.proposal_submit(cstdcs_draft, actor=unit_head_a)
    assert "Báo cáo thành tích" in str(missing.value)
    # When the documents are attached and the unit sends it
    attach_required(cstdcs_draft)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = svc.proposal_submit(cstdcs_draft, actor=unit_head_a)
    # Then the Office is told
    assert proposal.status == S.SUBMITTED
    assert any("cần thẩm định" in t for t in inbox(office_a))
    # When the Office checks it: good rating but neither excellence nor an initiative
    proposal = svc.proposal_check(proposal, actor=office_a, on=dt.date(2025, 12, 10))
    # Then it is not eligible, stays with the Office, and the failing rule cites Art. 23
    assert proposal.status == S.SUBMITTED
    assert proposal.eligible is False
    failing = [r for r in proposal.eligibility["results"] if r["passed"] is False]
    assert failing[0]["basis"] == "Điều 23 Luật TĐKT 2022"
    assert proposal.rule_version.number == 1
    # When the Office returns it with a reason
    with django_capture_on_commit_callbacks(execute=True):
        proposal = svc.proposal_return(proposal, actor=office_a, reason="Chưa có sáng kiến")
    assert proposal.status == S.RETURNED
    assert proposal.return_reason == "Chưa có sáng kiến"
    assert any("trả lại" in t for t in inbox(unit_head_a))
    # And the unit's initiative is recognised and it sends the dossier again
    initiative(nominee_a, 2025)
    proposal = svc.proposal_submit(proposal, actor=unit_head_a)
    proposal = svc.proposal_check(proposal, actor=office_a, on=dt.date(2025, 12, 10))
    # Then it passes and moves on
    assert proposal.status == S.CHECKED
    assert proposal.eligible is True
    steps = list(proposal.steps.values_list("from_status", "to_status"))
    assert steps == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
        ("submitted", "checked"),
    ]


def test_return_needs_a_reason_and_the_unit_cannot_check(cstdcs_draft, unit_head_a, office_a):
    attach_required(cstdcs_draft)
    proposal = svc.proposal_submit(cstdcs_draft, actor=unit_head_a)
    with pytest.raises(PermissionDenied):
        svc.proposal_check(proposal, actor=unit_head_a)
    with pytest.raises(ValidationError):
        svc.proposal_return(proposal, actor=office_a, reason="   ")


@pytest.fixture
def cstd_tinh_checked(unit_head_a, office_a, division_a, nominee_a):
    award(nominee_a, "CSTDCS", 2023, 2024, 2025)
    initiative(nominee_a, 2025, "province")
    proposal = svc.proposal_create(
        actor=unit_head_a,
        title=title("CSTD_TINH"),
        year=2025,
        proposing_agency=division_a,
        person=nominee_a,
    )
    attach_required(proposal)
    proposal = svc.proposal_submit(proposal, actor=unit_head_a)
    return svc.proposal_check(proposal, actor=office_a, on=dt.date(2026, 1, 5))


def test_publicity_window_counts_working_days_skipping_weekends_and_holidays(
    cstd_tinh_checked, office_a
):
    # Given a public holiday on Thursday 08/01/2026 (configured)
    PublicHoliday.objects.create(date=dt.date(2026, 1, 8), name="Ngày nghỉ bù")
    # When the Office publicises on Monday 05/01/2026 for the title's 10 working days
    proposal = svc.proposal_publicise(cstd_tinh_checked, actor=office_a, today=dt.date(2026, 1, 5))
    # Then the window skips two weekends and the holiday: 5,6,7,9,12,13,14,15,16,19
    assert proposal.status == S.PUBLICISED
    assert proposal.publicity_start == dt.date(2026, 1, 5)
    assert proposal.publicity_end == dt.date(2026, 1, 19)
    # And it cannot go to the council before the window ends
    with pytest.raises(ValidationError) as early:
        svc.proposal_send_to_council(proposal, actor=office_a, today=dt.date(2026, 1, 19))
    assert "19/01/2026" in str(early.value)
    proposal = svc.proposal_send_to_council(proposal, actor=office_a, today=dt.date(2026, 1, 20))
    assert proposal.status == S.AT_COUNCIL


def test_public_comments_join_the_dossier_only_during_the_window(
    cstd_tinh_checked, office_a, office_b, django_capture_on_commit_callbacks
):
    proposal = svc.proposal_publicise(cstd_tinh_checked, actor=office_a, today=dt.date(2026, 1, 5))
    # A member of the public comments during the window: the Office is told
    with django_capture_on_commit_callbacks(execute=True):
        public_services.public_comment_add(
            proposal,
            name="Nguyễn Văn Dân",
            body="Đề nghị xem lại sáng kiến.",
            today=dt.date(2026, 1, 9),
        )
    assert any("góp ý" in t for t in inbox(office_a))
    assert [c.body for c in queries.comments_visible_to(office_a)] == ["Đề nghị xem lại sáng kiến."]
    # Agency B sees neither the dossier nor its comments
    assert not queries.comments_visible_to(office_b).exists()
    assert not queries.proposals_visible_to(office_b).exists()
    # After the window, comments are refused
    with pytest.raises(ValidationError):
        public_services.public_comment_add(proposal, name="A", body="B", today=dt.date(2026, 1, 20))


def test_council_passes_then_decision_issued_and_the_judgement_is_frozen(
    cstd_tinh_checked, office_a, province_admin
):
    proposal = svc.proposal_publicise(cstd_tinh_checked, actor=office_a, today=dt.date(2026, 1, 5))
    proposal = svc.proposal_send_to_council(proposal, actor=office_a, today=dt.date(2026, 1, 20))
    proposal = svc.proposal_council_result(
        proposal, passed=True, actor=office_a, on=dt.date(2026, 1, 22)
    )
    assert proposal.status == S.DECIDED
    decided = proposal.eligibility
    assert decided["eligible"] is True and decided["decided"] is True
    # When the province tightens CSTĐ tỉnh (4 consecutive CSTĐCS) from 2025
    catalogue_services.rule_version_add(
        title("CSTD_TINH"),
        actor=province_admin,
        rules=[
            {
                "type": "title_streak",
                "title": "CSTDCS",
                "count": 4,
                "basis": "Điều 22 Luật TĐKT 2022",
            }
        ],
        valid_from=dt.date(2025, 1, 1),
        note="Thử nghiệm",
    )
    # Then the decided dossier keeps the version and the result it was judged by
    proposal.refresh_from_db()
    assert proposal.rule_version.number == 1
    assert proposal.eligibility == decided
    assert RuleVersion.objects.filter(title__code="CSTD_TINH").count() == 2
    proposal = svc.proposal_issue(proposal, actor=office_a)
    assert proposal.status == S.ISSUED


def test_returned_from_the_council_and_not_returnable_after_issue(cstd_tinh_checked, office_a):
    proposal = svc.proposal_publicise(cstd_tinh_checked, actor=office_a, today=dt.date(2026, 1, 5))
    proposal = svc.proposal_send_to_council(proposal, actor=office_a, today=dt.date(2026, 1, 20))
    proposal = svc.proposal_return(proposal, actor=office_a, reason="Thiếu biên bản bình xét")
    assert proposal.status == S.RETURNED
    assert proposal.returned_from == S.AT_COUNCIL


def test_a_title_without_publicity_goes_straight_to_the_council(
    cstdcs_draft, unit_head_a, office_a, nominee_a
):
    initiative(nominee_a, 2025)
    attach_required(cstdcs_draft)
    proposal = svc.proposal_submit(cstdcs_draft, actor=unit_head_a)
    proposal = svc.proposal_check(proposal, actor=office_a, on=dt.date(2025, 12, 10))
    with pytest.raises(ValidationError):
        svc.proposal_publicise(proposal, actor=office_a)
    proposal = svc.proposal_send_to_council(proposal, actor=office_a)
    assert proposal.status == S.AT_COUNCIL


def test_agency_b_cannot_act_on_or_see_a_dossier_of_agency_a(
    cstdcs_draft, unit_head_a, office_b, unit_head_b
):
    attach_required(cstdcs_draft)
    proposal = svc.proposal_submit(cstdcs_draft, actor=unit_head_a)
    with pytest.raises(PermissionDenied):
        svc.proposal_check(proposal, actor=office_b)
    with pytest.raises(PermissionDenied):
        svc.proposal_return(proposal, actor=office_b, reason="x")
    assert not queries.proposals_visible_to(unit_head_b).exists()


def test_a_unit_only_nominates_its_own_people_and_not_twice(
    unit_head_a, division_a, nominee_a, nominee_b, cstdcs_draft
):
    with pytest.raises(ValidationError):
        svc.proposal_create(
            actor=unit_head_a,
            title=title("LDTT"),
            year=2025,
            proposing_agency=division_a,
            person=nominee_b,
        )
    with pytest.raises(ValidationError):
        svc.proposal_create(
            actor=unit_head_a,
            title=title("CSTDCS"),
            year=2025,
            proposing_agency=division_a,
            person=nominee_a,
        )
    with pytest.raises(ValidationError):  # a collective title for a person
        svc.proposal_create(
            actor=unit_head_a,
            title=title("TTLDXS"),
            year=2025,
            proposing_agency=division_a,
            person=nominee_a,
        )
