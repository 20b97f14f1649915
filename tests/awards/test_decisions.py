"""Award decisions: money on the base salary in force on the decision date, drafting from the
council's result, issuing (number, .docx, ledger, dossiers), immutability, revocation and its
effect on eligibility, and numbers that never repeat under concurrency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.awards import council_helpers
from tests.awards.council_helpers import open_session, proposal_at_council, vote
from tests.concurrency import run_in_processes
from thidua.admindoc.check import check_docx
from thidua.admindoc.extract import extract
from thidua.awards.eligibility.facts import facts_for_people
from thidua.awards.models import AwardEntry, Decision, DecisionStatus, ProposalStatus
from thidua.awards.services import decisions as svc
from thidua.awards.services import voting
from thidua.awards.services.money import award_amount, base_salary_on

A = "approve"
world = council_helpers.world
postgresql_only = council_helpers.postgresql_only
ISSUED_ON = dt.date(2025, 12, 22)


@pytest.mark.parametrize(
    ("coefficient", "base", "amount"),
    [
        ("0.3", 1_800_000, 540_000),  # LĐTT, exact
        ("0.3", 2_340_000, 710_000),  # 702.000 rounded up
        ("1.0", 2_340_000, 2_340_000),  # CSTĐCS
        ("0.8", 2_340_000, 1_880_000),  # TTLĐTT: 1.872.000 -> 1.880.000
        ("1.5", 2_340_000, 3_510_000),  # Bằng khen tỉnh, TTLĐXS
        ("4.5", 1_490_000, 6_710_000),  # CSTĐ toàn quốc: 6.705.000 -> 6.710.000
        ("0", 2_340_000, 0),  # Giấy khen without money
    ],
)
def test_money_is_coefficient_times_base_salary_rounded_up_to_10000(coefficient, base, amount):
    assert award_amount(Decimal(coefficient), base) == amount


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("on", "base"),
    [
        (dt.date(2023, 6, 30), 1_490_000),
        (dt.date(2023, 7, 1), 1_800_000),
        (dt.date(2024, 6, 30), 1_800_000),
        (dt.date(2024, 7, 1), 2_340_000),
        (dt.date(2026, 1, 5), 2_340_000),
    ],
)
def test_the_base_salary_is_the_one_in_force_on_the_date(on, base):
    assert base_salary_on(on).amount == base


@pytest.mark.django_db
def test_a_date_before_any_base_salary_says_what_to_enter():
    with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở"):
        base_salary_on(dt.date(2010, 1, 1))


def closed_session(world, *proposals):
    session = open_session(world, list(proposals))
    for user in world.members:
        vote(session, user, *[A] * len(proposals))
    return voting.session_close(session, actor=world.chair)


def test_a_decision_is_drafted_from_the_council_result_and_issued(world, leader_a):
    # Given a session that passed Thảo (CSTĐCS) and Nam (Giấy khen)
    session = closed_session(world, world.p_thao, world.p_nam)
    # When the Office drafts the decision and the director issues it
    draft = svc.decision_draft_from_session(session, actor=world.office)
    assert [a.name for a in draft.awardees.all()] == ["Phạm Thị Thảo", "Đoàn Văn Nam"]
    decision = svc.decision_issue(draft, date=ISSUED_ON, actor=leader_a)
    # Then it has the first QĐ number of the year, money on 2.340.000, a ledger entry each
    assert (decision.symbol, decision.status, decision.base_salary) == (
        "01/QĐ-SKHCN",
        DecisionStatus.ISSUED,
        2_340_000,
    )
    amounts = dict(decision.awardees.values_list("name", "amount"))
    assert amounts["Phạm Thị Thảo"] == 2_340_000
    entries = AwardEntry.objects.filter(decision_number="01/QĐ-SKHCN")
    assert {(e.person.full_name, e.title.code, e.year) for e in entries} == {
        ("Phạm Thị Thảo", "CSTDCS", 2025),
        ("Đoàn Văn Nam", "GIAY_KHEN", 2025),
    }
    world.p_thao.refresh_from_db()
    assert world.p_thao.status == ProposalStatus.ISSUED
    # And the .docx passes the Decree 30 check, with the awardees in its appendix
    with decision.file.open("rb") as handle:
        data = handle.read()
    assert check_docx(data) == []
    text = extract(data, filename="qd.docx").text
    assert "Số: 01/QĐ-SKHCN" in text and "DANH SÁCH" in text
    assert "Phạm Thị Thảo" in text and "2.340.000" in text


def test_an_issued_decision_never_changes(world, leader_a):
    session = closed_session(world, world.p_thao)
    decision = svc.decision_issue(
        svc.decision_draft_from_session(session, actor=world.office), date=ISSUED_ON, actor=leader_a
    )
    with pytest.raises(ValidationError, match="đã ban hành, không thể sửa"):
        svc.decision_update(decision, fields={"summary": "Khác"}, actor=world.office)
    with pytest.raises(ValidationError, match="đã ban hành"):
        svc.awardee_add(decision, proposal=world.p_nam, actor=world.office)
    with pytest.raises(ValidationError, match="đã ban hành"):
        svc.awardee_remove(decision.awardees.first(), actor=world.office)
    with pytest.raises(ValidationError, match="đã được ban hành"):
        svc.decision_issue(decision, date=ISSUED_ON, actor=leader_a)


def test_only_leadership_or_the_office_issue(world, staff_a, office_b):
    session = closed_session(world, world.p_thao)
    draft = svc.decision_draft_from_session(session, actor=world.office)
    for outsider in (staff_a, office_b, world.chair):
        with pytest.raises(PermissionDenied):
            svc.decision_issue(draft, date=ISSUED_ON, actor=outsider)


def test_revocation_recovers_the_award_in_the_ledger_and_keeps_the_history(world, leader_a):
    # Given Thảo's CSTĐCS 2025 issued
    session = closed_session(world, world.p_thao, world.p_nam)
    decision = svc.decision_issue(
        svc.decision_draft_from_session(session, actor=world.office), date=ISSUED_ON, actor=leader_a
    )
    on = dt.date(2026, 3, 1)
    assert 2025 in facts_for_people([world.thao.pk], 2026, on)[world.thao.pk].titles["CSTDCS"]
    thao = decision.awardees.get(person=world.thao)
    # When her award is revoked for a false declaration
    with pytest.raises(ValidationError, match="lý do"):
        svc.decision_revoke(decision, reason=" ", awardees=[thao], actor=leader_a)
    svc.decision_revoke(
        decision, reason="Kê khai không trung thực", awardees=[thao], actor=leader_a
    )
    # Then the ledger keeps the entry, marked revoked, and eligibility no longer counts it
    entry = AwardEntry.objects.get(person=world.thao, title__code="CSTDCS", year=2025)
    assert entry.revoked_reason == "Kê khai không trung thực" and entry.revoked_at is not None
    titles = facts_for_people([world.thao.pk], 2026, on)[world.thao.pk].titles
    assert 2025 not in titles.get("CSTDCS", frozenset())
    # The decision stands for Nam; revoking the rest revokes the decision itself
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    svc.decision_revoke(decision, reason="Thẩm định sai", actor=leader_a)
    decision.refresh_from_db()
    assert (decision.status, decision.symbol) == (DecisionStatus.REVOKED, "01/QĐ-SKHCN")
    assert AwardEntry.objects.filter(revoked_at__isnull=False).count() == 2


def test_a_title_already_in_the_ledger_is_not_given_twice(world, leader_a):
    session = closed_session(world, world.p_thao)
    svc.decision_issue(
        svc.decision_draft_from_session(session, actor=world.office), date=ISSUED_ON, actor=leader_a
    )
    again = svc.decision_draft(
        agency=world.agency,
        summary="Về việc tặng CSTĐCS",
        year=2025,
        signer_position="Giám đốc",
        signer_name="Nguyễn Hữu Phước",
        actor=world.office,
    )
    svc.awardee_add(again, title=world.p_thao.title, person=world.thao, actor=world.office)
    with pytest.raises(ValidationError, match="Sổ đã ghi"):
        svc.decision_issue(again, date=ISSUED_ON, actor=leader_a)
    again.refresh_from_db()
    assert again.status == DecisionStatus.DRAFT and again.number is None


def _issue(decision_id: int, user_id: int) -> str:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    return svc.decision_issue(
        Decision.objects.get(pk=decision_id), date=ISSUED_ON, actor=user
    ).symbol


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_decision_numbers_never_repeat_under_concurrency(postgresql_only, world, leader_a):
    drafts = []
    for index in range(4):
        proposal = proposal_at_council(
            "GIAY_KHEN",
            person=council_helpers.make_person(world.unit, f"Người thứ {index}"),
            unit=world.unit,
        )
        draft = svc.decision_draft(
            agency=world.agency,
            summary=f"Về việc tặng Giấy khen {index}",
            year=2025,
            signer_position="Giám đốc",
            signer_name="Nguyễn Hữu Phước",
            actor=world.office,
        )
        svc.awardee_add(draft, title=proposal.title, person=proposal.person, actor=world.office)
        drafts.append(draft)
    symbols = run_in_processes(_issue, *[(d.pk, leader_a.pk) for d in drafts])
    assert sorted(symbols) == ["01/QĐ-SKHCN", "02/QĐ-SKHCN", "03/QĐ-SKHCN", "04/QĐ-SKHCN"]


def test_the_province_admin_enters_a_new_base_salary_and_decisions_use_it(
    world, leader_a, province_admin, client_for
):
    # Given a new base salary from 01/12/2025 entered in the back office
    client = client_for(province_admin)
    response = client.post(
        "/admin/awards/base-salaries/new/",
        {"valid_from": "2025-12-01", "amount": 2_500_000, "legal_basis": "Nghị định mới"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # Then a decision issued after that date pays on it, one issued before on the old one
    session = closed_session(world, world.p_thao)
    decision = svc.decision_issue(
        svc.decision_draft_from_session(session, actor=world.office), date=ISSUED_ON, actor=leader_a
    )
    assert decision.base_salary == 2_500_000
    assert base_salary_on(dt.date(2025, 11, 30)).amount == 2_340_000
    # And only the province admin may enter one
    assert client_for(world.office).get("/admin/awards/base-salaries/new/").status_code in (
        302,
        403,
    )
