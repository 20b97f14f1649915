"""Council sessions: quorum, thresholds from the catalogue, sealed results, recusal, voting
once, paper tallies, minutes, and the same engine voting a bloc's leader."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.snippets.models import get_snippet_models

from tests.awards import council_helpers
from tests.awards.council_helpers import open_session, proposal_at_council, vote
from thidua.admindoc.check import check_docx
from thidua.awards.models import (
    AgendaItem,
    Ballot,
    BallotMode,
    CouncilKind,
    MemberPosition,
    Outcome,
    Participation,
    ProposalStatus,
    Recusal,
    SessionStatus,
)
from thidua.awards.services import council as svc
from thidua.awards.services import voting
from thidua.awards.services.minutes import minutes_generate
from thidua.org.models import Bloc, BlocMembership, Role, RoleAssignment

A, R, B = "approve", "reject", "blank"
world = council_helpers.world


def test_the_vote_does_not_open_without_quorum(world):
    # Given only the chair of three voting members is present (33% < 50%)
    session = svc.session_create(
        world.council,
        name="Phiên họp",
        year=2025,
        date=world.p_thao.created_at.date(),
        actor=world.secretary,
    )
    svc.session_item_add(session, proposal=world.p_thao, actor=world.secretary)
    svc.session_attendance_set(session, present=[world.seats[0].pk], actor=world.secretary)
    # When the secretary opens the vote, then it is refused with the count and what to do
    with pytest.raises(ValidationError, match=r"có mặt 1/3.*50%"):
        svc.session_open(session, actor=world.secretary)
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT


def test_each_item_is_judged_by_its_titles_threshold_and_basis(world):
    # Given CSTĐCS (50% of those present) and CSTĐ tỉnh (90% of all members) on the agenda
    p_tinh = proposal_at_council("CSTD_TINH", person=world.nam, unit=world.unit)
    session = open_session(world, [world.p_thao, p_tinh])
    # When two members approve both and one rejects both
    vote(session, world.members[0], A, A)
    vote(session, world.members[1], A, A)
    vote(session, world.members[2], R, R)
    voting.session_close(session, actor=world.chair)
    cstdcs, tinh = session.items.order_by("position")
    # Then 2/3 passes CSTĐCS but not CSTĐ tỉnh, and the dossiers move on accordingly
    assert (cstdcs.outcome, cstdcs.approve_count, cstdcs.base_count) == (Outcome.PASSED, 2, 3)
    assert (tinh.outcome, tinh.threshold_percent, tinh.basis) == (Outcome.FAILED, 90, "all_members")
    world.p_thao.refresh_from_db()
    p_tinh.refresh_from_db()
    assert world.p_thao.status == ProposalStatus.DECIDED
    assert p_tinh.status == ProposalStatus.NOT_PASSED


def test_a_catalogue_edit_after_opening_does_not_change_the_rule_applied(world):
    session = open_session(world, [world.p_thao])
    title = world.p_thao.title
    title.ballot_threshold_percent = 100
    title.save()
    vote(session, world.members[0], A)
    vote(session, world.members[1], A)
    vote(session, world.members[2], R)
    voting.session_close(session, actor=world.chair)
    assert session.items.get().outcome == Outcome.PASSED


def test_results_are_sealed_until_the_chair_closes_the_vote(world):
    session = open_session(world, [world.p_thao])
    for user in world.members:
        vote(session, user, A)
    item = session.items.get()
    # Before closing: no count anywhere but the anonymous box
    assert (item.outcome, item.approve_count, item.base_count) == (Outcome.PENDING, None, None)
    # Nobody but the chair closes: not a member, not the secretary, not the Office
    for user in (world.members[1], world.secretary, world.office):
        with pytest.raises(PermissionDenied):
            voting.session_close(session, actor=user)
    # No administrator screen can list ballots or participations
    assert Ballot not in get_snippet_models() and Participation not in get_snippet_models()
    assert Ballot._meta.default_permissions == () == Participation._meta.default_permissions
    voting.session_close(session, actor=world.chair)
    item.refresh_from_db()
    assert (item.outcome, item.approve_count, item.reject_count) == (Outcome.PASSED, 3, 0)
    with pytest.raises(ValidationError):  # the box is closed
        vote(session, world.members[0], A)


@pytest.mark.parametrize("agenda", [1, 3])
def test_closing_counts_the_ballot_box_in_a_fixed_number_of_reads(world, agenda):
    # Given an agenda of one or three dossiers, every member having voted on each
    dossiers = [
        world.p_thao,
        world.p_nam,
        proposal_at_council("LDTT", person=world.nam, unit=world.unit),
    ]
    session = open_session(world, dossiers[:agenda])
    for user in world.members:
        vote(session, user, *[A] * agenda)
    # When the chair closes the vote
    with CaptureQueriesContext(connection) as queries:
        voting.session_close(session, actor=world.chair)
    # Then the box (ballots and participations) is read the same few times whatever its size:
    # one count by item and choice, one count of voters, one read to reshuffle the ballots
    box_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT")
        and ("awards_ballot" in q["sql"] or "awards_participation" in q["sql"])
    ]
    assert len(box_reads) == 3, box_reads
    assert set(session.items.values_list("approve_count", flat=True)) == {3}


def test_the_head_of_the_nominees_unit_is_recused(world):
    # Given member 2 heads the nominee's division
    RoleAssignment.objects.create(user=world.members[1], agency=world.unit, role=Role.UNIT_HEAD)
    session = open_session(world, [world.p_thao, world.p_nam])
    # Then member 2 may vote on neither (both nominees work in that division)
    recused = Recusal.objects.filter(member=world.seats[1])
    assert {r.reason for r in recused} == {Recusal.Reason.SUPERIOR}
    assert recused.count() == 2
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        vote(session, world.members[1])
    # And the threshold is taken on the two who may vote
    vote(session, world.members[0], A, A)
    vote(session, world.members[2], R, A)
    voting.session_close(session, actor=world.chair)
    thao, nam = session.items.order_by("position")
    assert (thao.approve_count, thao.base_count, thao.outcome) == (1, 2, Outcome.PASSED)
    assert (nam.approve_count, nam.base_count) == (2, 2)


def test_a_member_who_is_the_nominee_is_recused(world, staff_a):
    RoleAssignment.objects.create(user=staff_a, agency=world.agency, role=Role.COUNCIL_MEMBER)
    seat = svc.council_member_add(world.council, user=staff_a, actor=world.office)
    session = open_session(world, [world.p_thao, world.p_nam])
    assert list(Recusal.objects.filter(member=seat).values_list("item__proposal", "reason")) == [
        (world.p_thao.pk, Recusal.Reason.NOMINEE)
    ]
    vote(session, staff_a, A)  # on Nam only
    assert Participation.objects.filter(member=seat).count() == 1


def test_a_member_votes_once(world):
    session = open_session(world, [world.p_thao])
    vote(session, world.members[0], A)
    with pytest.raises(ValidationError, match="chỉ bỏ phiếu một lần"):
        vote(session, world.members[0], R)
    assert Ballot.objects.count() == 1 == Participation.objects.count()


def test_only_present_voting_members_vote(world):
    session = open_session(world, [world.p_thao], present=world.seats[:2])
    with pytest.raises(ValidationError, match="danh sách có mặt"):
        vote(session, world.members[2], A)
    with pytest.raises(PermissionDenied):
        voting.ballot_cast(session, choices={}, actor=world.secretary)  # the secretary has no vote


def test_paper_ballots_are_tallied_by_the_secretary(world):
    session = open_session(world, [world.p_thao, world.p_nam], mode=BallotMode.PAPER)
    thao, nam = session.items.order_by("position")
    with pytest.raises(ValidationError, match="phiếu giấy"):
        vote(session, world.members[0], A, A)
    with pytest.raises(ValidationError, match="vượt"):
        voting.paper_tally_enter(thao, approve=3, reject=1, actor=world.secretary)
    voting.paper_tally_enter(thao, approve=1, reject=2, actor=world.secretary)
    with pytest.raises(ValidationError, match="chưa nhập kết quả"):
        voting.session_close(session, actor=world.chair)
    voting.paper_tally_enter(nam, approve=3, reject=0, actor=world.secretary)
    voting.session_close(session, actor=world.chair)
    assert [i.outcome for i in session.items.order_by("position")] == [
        Outcome.FAILED,
        Outcome.PASSED,
    ]


def test_the_agenda_takes_only_dossiers_at_the_council_step(world):
    world.p_nam.status = ProposalStatus.CHECKED
    world.p_nam.save()
    session = svc.session_create(
        world.council,
        name="Phiên họp",
        year=2025,
        date=world.p_thao.created_at.date(),
        actor=world.secretary,
    )
    with pytest.raises(ValidationError, match="chưa được trình Hội đồng"):
        svc.session_item_add(session, proposal=world.p_nam, actor=world.secretary)


def test_minutes_are_numbered_and_pass_the_decree_30_check(world):
    session = open_session(world, [world.p_thao, world.p_nam])
    for user in world.members:
        vote(session, user, A, R)
    voting.session_close(session, actor=world.chair)
    minutes_generate(session, actor=world.secretary)
    session.refresh_from_db()
    assert session.minutes_number.symbol == "01/BB-SKHCN"
    with session.minutes_file.open("rb") as handle:
        data = handle.read()
    assert check_docx(data) == []
    # Regenerating keeps the number
    minutes_generate(session, actor=world.secretary)
    session.refresh_from_db()
    assert session.minutes_number.symbol == "01/BB-SKHCN"


def test_the_same_engine_votes_a_blocs_leader(
    province, agency_a, agency_b, leader_a, office_b, office_a, province_admin
):
    bloc = Bloc.objects.create(code="K1", name="Khối các sở kinh tế")
    for agency in (agency_a, agency_b):
        BlocMembership.objects.create(bloc=bloc, agency=agency, since_year=2025)
    council = svc.council_create(
        agency=province,
        name="Khối các sở kinh tế",
        kind=CouncilKind.BLOC,
        bloc=bloc,
        term_start=world_day(),
        actor=province_admin,
    )
    svc.council_member_add(
        council, user=leader_a, position=MemberPosition.CHAIR, actor=province_admin
    )
    svc.council_member_add(council, user=office_b, actor=province_admin)
    session = svc.session_create(
        council, name="Bầu khối trưởng năm 2026", year=2026, date=world_day(), actor=province_admin
    )
    for agency in (agency_a, agency_b):
        svc.session_item_add(session, nominee_agency=agency, actor=province_admin)
    svc.session_open(session, actor=province_admin)
    # Each member is recused from their own agency's candidacy
    vote(session, leader_a, A)  # on agency B
    vote(session, office_b, R)  # on agency A
    voting.session_close(session, actor=leader_a)
    outcomes = dict(session.items.values_list("nominee_agency", "outcome"))
    assert outcomes == {agency_a.pk: Outcome.FAILED, agency_b.pk: Outcome.PASSED}
    assert AgendaItem.objects.get(nominee_agency=agency_b).base_count == 1


def world_day():
    import datetime as dt

    return dt.date(2025, 12, 20)
