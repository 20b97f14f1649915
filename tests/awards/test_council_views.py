"""Council and decision pages: scoping, the ballot paper, sealed results on the page, and
query counts of the lists at two sizes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.awards import council_helpers
from tests.awards.council_helpers import open_session
from tests.awards.factories import make_person, title
from thidua.awards.models import Ballot, DecisionStatus, SessionStatus
from thidua.awards.services import council as svc
from thidua.awards.services import decisions as decision_svc
from thidua.awards.services import voting

world = council_helpers.world


def test_members_vote_on_the_ballot_page_and_see_no_count_before_closing(world, client_for):
    session = open_session(world, [world.p_thao, world.p_nam])
    thao, nam = session.items.order_by("position")
    url = f"/admin/awards/sessions/{session.pk}/"
    for user, choices in zip(
        world.members,
        (("approve", "reject"), ("approve", "approve"), ("reject", "approve")),
        strict=True,
    ):
        client = client_for(user)
        assert "Bỏ phiếu" in client.get(url).content.decode()
        response = client.post(
            f"{url}ballot/", {f"item-{thao.pk}": choices[0], f"item-{nam.pk}": choices[1]}
        )
        assert response.status_code == 302
        page = client.get(url).content.decode()
        assert "Bạn đã bỏ phiếu" in page
    assert Ballot.objects.count() == 6
    # The secretary sees the turnout, never a count of choices
    page = client_for(world.secretary).get(url).content.decode()
    assert "3/3 thành viên có mặt" in page
    assert "Kết quả được niêm phong" in page and "Không đạt" not in page and "Đạt<" not in page
    # The chair closes; the results appear
    client_for(world.chair).post(f"{url}close/")
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    page = client_for(world.secretary).get(url).content.decode()
    assert "2/3 (66.7%)" in page or "2/3 (66,7%)" in page


def test_an_incomplete_ballot_is_refused_with_a_clear_message(world, client_for):
    session = open_session(world, [world.p_thao, world.p_nam])
    thao = session.items.order_by("position").first()
    page = client_for(world.members[0]).post(
        f"/admin/awards/sessions/{session.pk}/ballot/", {f"item-{thao.pk}": "approve"}
    )
    assert "Hãy chọn ý kiến cho tất cả các nội dung" in page.content.decode()
    assert Ballot.objects.count() == 0


def test_another_agency_never_sees_the_session(world, client_for, office_b):
    session = open_session(world, [world.p_thao])
    client = client_for(office_b)
    assert client.get(f"/admin/awards/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/admin/awards/councils/{world.council.pk}/").status_code == 404
    assert client.post(f"/admin/awards/sessions/{session.pk}/close/").status_code == 404


def test_the_secretary_prepares_a_session_through_the_pages(world, client_for):
    client = client_for(world.secretary)
    response = client.post(
        f"/admin/awards/councils/{world.council.pk}/sessions/new/",
        {
            "name": "Phiên họp tháng 12",
            "year": 2025,
            "date": "15/12/2025",
            "place": "Phòng họp",
            "mode": "electronic",
        },
    )
    assert response.status_code == 302
    session = world.council.sessions.get()
    url = f"/admin/awards/sessions/{session.pk}/"
    page = client.get(url).content.decode()
    assert world.p_thao.title.name in page  # a dossier at the council step is offered
    client.post(f"{url}agenda/", {"add": [world.p_thao.pk, world.p_nam.pk]})
    client.post(f"{url}attendance/", {"present": [s.pk for s in world.seats]})
    client.post(f"{url}open/")
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING and session.items.count() == 2


def _sessions(world, count: int) -> None:
    for index in range(count):
        svc.session_create(
            world.council,
            name=f"Phiên {index}",
            year=2025,
            date=dt.date(2025, 12, 1),
            actor=world.secretary,
        )


@pytest.mark.parametrize("count", [2, 12])
def test_the_council_list_queries_do_not_grow_with_sessions(
    world, client_for, django_assert_max_num_queries, count
):
    _sessions(world, count)
    client = client_for(world.office)
    with django_assert_max_num_queries(25):
        assert client.get("/admin/awards/councils/").status_code == 200


def test_the_decision_pages_for_the_office(world, client_for, leader_a):
    session = open_session(world, [world.p_thao])
    for user in world.members:
        council_helpers.vote(session, user, "approve")
    voting.session_close(session, actor=world.chair)
    office = client_for(world.office)
    response = office.post(f"/admin/awards/sessions/{session.pk}/decision/")
    assert response.status_code == 302
    decision = session.decisions.get()
    page = office.get(response.url).content.decode()
    assert "Phạm Thị Thảo" in page and "tính khi ban hành" in page
    client_for(leader_a).post(
        f"/admin/awards/decisions/{decision.pk}/issue/", {"date": "22/12/2025"}
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED and decision.symbol == "01/QĐ-SKHCN"
    page = office.get(f"/admin/awards/decisions/{decision.pk}/").content.decode()
    assert "2.340.000" in page and "Trang xác minh" in page
    listing = office.get("/admin/awards/decisions/?q=chien si").content.decode()
    assert "01/QĐ-SKHCN" in listing


@pytest.mark.parametrize("count", [2, 12])
def test_the_decision_list_queries_do_not_grow_with_decisions(
    world, client_for, django_assert_max_num_queries, count
):
    from thidua.awards.services import decisions as decision_svc

    for index in range(count):
        decision_svc.decision_draft(
            agency=world.agency,
            summary=f"Về việc tặng Giấy khen đợt {index}",
            year=2025,
            signer_position="Giám đốc",
            signer_name="Nguyễn Hữu Phước",
            actor=world.office,
        )
    client = client_for(world.office)
    with django_assert_max_num_queries(25):
        page = client.get("/admin/awards/decisions/")
    assert page.status_code == 200 and "Giấy khen đợt 1" in page.content.decode()


@pytest.mark.parametrize("count", [1, 4])
def test_issued_decision_page_query_count_does_not_grow_with_awardees(
    world, client_for, django_assert_max_num_queries, leader_a, count
):
    # Given an issued decision giving a Giấy khen (with its certificate) to ``count`` people
    decision = decision_svc.decision_draft(
        agency=world.agency,
        summary="Về việc tặng Giấy khen",
        year=2025,
        signer_position="Giám đốc",
        signer_name="Nguyễn Hữu Phước",
        actor=world.office,
    )
    for index in range(count):
        person = make_person(world.unit, f"Người nhận {index}")
        decision_svc.awardee_add(
            decision, title=title("GIAY_KHEN"), person=person, actor=world.office
        )
    decision_svc.decision_issue(decision, date=dt.date(2026, 1, 5), actor=leader_a)
    # When the Office opens it, every certificate is listed in a bounded number of queries
    client = client_for(world.office)
    with django_assert_max_num_queries(22):
        page = client.get(f"/admin/awards/decisions/{decision.pk}/")
    assert page.content.decode().count('/docx/"') == count  # one certificate link each


def test_the_office_sets_up_a_council_through_the_pages(agency_a, office_a, client_for, leader_a):
    client = client_for(office_a)
    response = client.post(
        "/admin/awards/councils/new/",
        {
            "agency": agency_a.pk,
            "name": "Hội đồng TĐKT nhiệm kỳ 2026–2030",
            "term_start": "01/01/2026",
            "quorum_percent": 60,
            "kind": "council",
        },
    )
    assert response.status_code == 302
    page = client.post(response.url, {"user": leader_a.pk, "position": "chair"})
    assert page.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Nguyễn Hữu Phước" in page and "Chủ tịch Hội đồng" in page
