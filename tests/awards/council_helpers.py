"""The world of council and decision tests: agency A's council (chair, two members, secretary)
and dossiers waiting at the council step. Import the fixtures into a test module to use them."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tests.awards.factories import make_person, title
from thidua.awards.models import (
    BallotMode,
    MemberPosition,
    Proposal,
    ProposalStatus,
    Session,
)
from thidua.awards.services import council as svc
from thidua.awards.services import voting
from thidua.org.models import Agency, Person

YEAR = 2025
MEETING = dt.date(2025, 12, 15)


def proposal_at_council(
    code: str, *, person: Person | None = None, agency: Agency | None = None, unit: Agency
) -> Proposal:
    """A dossier already checked and sent to the council (the steps before are Awards A's)."""
    return Proposal.objects.create(
        title=title(code),
        person=person,
        nominee_agency=agency,
        year=YEAR,
        proposing_agency=unit,
        status=ProposalStatus.AT_COUNCIL,
    )


@pytest.fixture
def postgresql_only() -> None:
    """Request it first: skips before any data is made (SQLite cannot share its test database
    between processes)."""
    from tests.concurrency import require_postgresql

    require_postgresql()


@pytest.fixture
def world(agency_a, division_a, office_a, council_secretary_a, council_members_a, staff_a):
    """Chair = council member 1; members 2 and 3; secretary; two dossiers at the council."""
    council = svc.council_create(
        agency=agency_a,
        name="Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ",
        term_start=dt.date(2025, 1, 1),
        actor=office_a,
    )
    chair_user, member2_user, member3_user = council_members_a
    seats = [
        svc.council_member_add(
            council, user=chair_user, position=MemberPosition.CHAIR, actor=office_a
        ),
        svc.council_member_add(council, user=member2_user, actor=office_a),
        svc.council_member_add(council, user=member3_user, actor=office_a),
    ]
    secretary = svc.council_member_add(
        council, user=council_secretary_a, position=MemberPosition.SECRETARY, actor=office_a
    )
    thao = Person.objects.get(user=staff_a)
    nam = make_person(division_a, "Đoàn Văn Nam")
    return SimpleNamespace(
        council=council,
        office=office_a,
        chair=chair_user,
        members=council_members_a,
        seats=seats,
        secretary=council_secretary_a,
        secretary_seat=secretary,
        thao=thao,
        nam=nam,
        unit=division_a,
        agency=agency_a,
        p_thao=proposal_at_council("CSTDCS", person=thao, unit=division_a),
        p_nam=proposal_at_council("GIAY_KHEN", person=nam, unit=division_a),
    )


def open_session(world, proposals, *, present=None, mode=BallotMode.ELECTRONIC) -> Session:
    session = svc.session_create(
        world.council,
        name="Phiên họp xét khen thưởng năm 2025",
        year=YEAR,
        date=MEETING,
        place="Hội trường Sở",
        mode=mode,
        actor=world.secretary,
    )
    for proposal in proposals:
        svc.session_item_add(session, proposal=proposal, actor=world.secretary)
    if present is not None:
        svc.session_attendance_set(session, present=[s.pk for s in present], actor=world.secretary)
    return svc.session_open(session, actor=world.secretary)


def vote(session: Session, user, *choices: str) -> None:
    """``user`` votes ``choices`` on the items they may vote on, in agenda order."""
    member = session.council.members.get(user=user)
    items = voting.items_for_member(session, member)
    voting.ballot_cast(
        session, choices={i.pk: c for i, c in zip(items, choices, strict=True)}, actor=user
    )
