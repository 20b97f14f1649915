"""Stage transitions: the allowed edges, what each needs, who may take it, what is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.exemplars.factories import make_exemplar
from thidua.exemplars import queries, services
from thidua.exemplars.models import Exemplar, Level, Stage, StageChange

pytestmark = pytest.mark.django_db

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def discovered(office_a, division_a, field_a):
    return services.exemplar_create(
        actor=office_a,
        unit=division_a,
        field=field_a,
        subject_kind="person",
        name="Phạm Thị Thảo",
        kind="advanced",
        achievements="Sáng kiến phần mềm quản lý hồ sơ khoa học.",
        discovered_on=dt.date(2025, 2, 10),
    )


def _nurture(exemplar, actor, **kw):
    return services.exemplar_nurture(
        exemplar,
        actor=actor,
        goals=kw.pop("goals", "Đạt Chiến sĩ thi đua cơ sở năm 2025"),
        started_on=kw.pop("started_on", dt.date(2025, 3, 1)),
        **kw,
    )


def _recognise(exemplar, actor, **kw):
    defaults = {
        "level": Level.PROVINCE,
        "decision_number": "125/QĐ-UBND",
        "decision_date": YESTERDAY,
        "title": "Bằng khen của Chủ tịch UBND tỉnh",
    }
    return services.exemplar_recognise(exemplar, actor=actor, **{**defaults, **kw})


def _actions(exemplar) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(exemplar.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_full_lifecycle_records_each_stage_with_history_and_audit(discovered, office_a, division_b):
    # Given a discovered exemplar
    assert discovered.stage == Stage.DISCOVERED
    # When the Office nurtures, recognises and records a replication
    _nurture(discovered, office_a, support="Hỗ trợ kinh phí thử nghiệm")
    _recognise(discovered, office_a)
    services.replication_record(
        discovered,
        actor=office_a,
        adopted_on=YESTERDAY,
        adopting_unit_name="UBND huyện Chợ Mới",
        result="Rút ngắn thời gian xử lý hồ sơ",
    )
    # Then the exemplar is replicated, with the recognition kept
    exemplar = Exemplar.objects.get(pk=discovered.pk)
    assert exemplar.stage == Stage.REPLICATED
    assert exemplar.recognition_decision_number == "125/QĐ-UBND"
    assert exemplar.recognition_level == Level.PROVINCE
    assert exemplar.nurturing_plan.support == "Hỗ trợ kinh phí thử nghiệm"
    # and each move is in the stage history and the audit log
    moves = list(
        StageChange.objects.filter(exemplar=exemplar).values_list("from_stage", "to_stage")
    )
    assert moves == [
        ("", "discovered"),
        ("discovered", "nurturing"),
        ("nurturing", "recognised"),
        ("recognised", "replicated"),
    ]
    # The timeline dates each move by when it took effect, not when it was typed in.
    timeline = {(e.kind, e.title): e.date for e in queries.exemplar_timeline(exemplar)}
    assert timeline[("stage", "Ghi nhận: Phát hiện")] == dt.date(2025, 2, 10)
    assert timeline[("stage", "Chuyển sang “Đang bồi dưỡng”")] == dt.date(2025, 3, 1)
    assert timeline[("stage", "Chuyển sang “Đã công nhận”")] == YESTERDAY
    assert timeline[("replication", "Nhân rộng tại UBND huyện Chợ Mới")] == YESTERDAY
    assert _actions(exemplar) == [
        "thidua.create",
        "thidua.exemplar_nurture",
        "thidua.exemplar_recognise",
        "thidua.exemplar_replicate",
    ]


def test_a_discovered_exemplar_cannot_be_recognised_before_nurturing(discovered, office_a):
    with pytest.raises(ValidationError) as error:
        _recognise(discovered, office_a)
    assert "Đang bồi dưỡng" in str(error.value) or "bồi dưỡng" in str(error.value)
    assert Exemplar.objects.get(pk=discovered.pk).stage == Stage.DISCOVERED


def test_replication_needs_recognition_first(discovered, office_a):
    _nurture(discovered, office_a)
    with pytest.raises(ValidationError, match="đã được công nhận"):
        services.replication_record(
            discovered, actor=office_a, adopted_on=YESTERDAY, adopting_unit_name="Xã Mỹ Hòa"
        )


def test_nurturing_needs_goals(discovered, office_a):
    with pytest.raises(ValidationError) as error:
        _nurture(discovered, office_a, goals="  ")
    assert "goals" in error.value.error_dict
    assert Exemplar.objects.get(pk=discovered.pk).stage == Stage.DISCOVERED


def test_recognition_needs_level_number_and_a_past_date(discovered, office_a):
    _nurture(discovered, office_a)
    with pytest.raises(ValidationError) as error:
        _recognise(
            discovered,
            office_a,
            level="",
            decision_number=" ",
            decision_date=dt.date.today() + dt.timedelta(days=3),
        )
    assert set(error.value.error_dict) == {"level", "decision_number", "decision_date"}
    assert Exemplar.objects.get(pk=discovered.pk).stage == Stage.NURTURING


def test_dropping_needs_a_reason_and_withdraws_publication(discovered, office_a):
    services.exemplar_set_publication(discovered, actor=office_a, approved=True)
    with pytest.raises(ValidationError) as error:
        services.exemplar_drop(discovered, actor=office_a, reason="")
    assert "reason" in error.value.error_dict
    services.exemplar_drop(discovered, actor=office_a, reason="Chuyển công tác ra ngoài tỉnh")
    exemplar = Exemplar.objects.get(pk=discovered.pk)
    assert exemplar.stage == Stage.DROPPED
    assert exemplar.dropped_reason == "Chuyển công tác ra ngoài tỉnh"
    assert not exemplar.approved_for_publication
    assert StageChange.objects.filter(exemplar=exemplar, to_stage="dropped").get().reason == (
        "Chuyển công tác ra ngoài tỉnh"
    )


def test_a_dropped_exemplar_resumes_where_it_stopped(discovered, office_a):
    _nurture(discovered, office_a)
    services.exemplar_drop(discovered, actor=office_a, reason="Tạm dừng do nghỉ thai sản")
    with pytest.raises(ValidationError):
        services.exemplar_resume(discovered, actor=office_a, reason="")
    services.exemplar_resume(discovered, actor=office_a, reason="Đã trở lại công tác")
    exemplar = Exemplar.objects.get(pk=discovered.pk)
    assert exemplar.stage == Stage.NURTURING
    assert exemplar.dropped_reason == ""


def test_a_dropped_exemplar_cannot_be_nurtured_or_dropped_again(discovered, office_a):
    services.exemplar_drop(discovered, actor=office_a, reason="Không đạt tiêu chí")
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        _nurture(discovered, office_a)
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.exemplar_drop(discovered, actor=office_a, reason="Lần nữa")


def test_unit_head_nurtures_own_unit_but_only_the_office_recognises(
    discovered, unit_head_a, office_a
):
    _nurture(discovered, unit_head_a)
    with pytest.raises(PermissionDenied):
        _recognise(discovered, unit_head_a)
    _recognise(discovered, office_a)
    assert Exemplar.objects.get(pk=discovered.pk).stage == Stage.RECOGNISED


def test_other_agencies_and_staff_cannot_move_an_exemplar(
    discovered, office_b, unit_head_b, staff_a
):
    for outsider in (office_b, unit_head_b, staff_a):
        with pytest.raises(PermissionDenied):
            _nurture(discovered, outsider)
        with pytest.raises(PermissionDenied):
            services.exemplar_drop(discovered, actor=outsider, reason="x")
    assert Exemplar.objects.get(pk=discovered.pk).stage == Stage.DISCOVERED


def test_unit_head_cannot_record_an_exemplar_for_another_unit(unit_head_a, agency_a, field_a):
    with pytest.raises(PermissionDenied):
        services.exemplar_create(
            actor=unit_head_a, unit=agency_a, field=field_a, name="X", achievements="Y"
        )


def test_a_field_of_another_agency_is_refused(office_a, division_a, agency_b):
    from tests.exemplars.factories import make_field

    foreign = make_field(agency_b, "Công tác nội vụ")
    with pytest.raises(ValidationError) as error:
        services.exemplar_create(
            actor=office_a, unit=division_a, field=foreign, name="X", achievements="Y"
        )
    assert "field" in error.value.error_dict


def test_name_taken_from_the_person_when_left_blank(office_a, division_a, field_shared, staff_a):
    exemplar = services.exemplar_create(
        actor=office_a,
        unit=division_a,
        field=field_shared,
        subject_kind="person",
        person=staff_a.person,
        name="",
        achievements="Người tốt việc tốt: trả lại tài sản nhặt được.",
        kind="good_deed",
    )
    assert exemplar.name == "Phạm Thị Thảo"
    assert "pham thi thao" in exemplar.search_text
    assert "cai cach hanh chinh" in exemplar.search_text  # the field
    assert "van phong so khoa hoc" in exemplar.search_text  # the unit


def test_publication_is_approved_by_office_or_leadership_and_audited(
    division_a, field_a, unit_head_a, leader_a, editor_a
):
    exemplar = make_exemplar(division_a, field=field_a)
    for not_allowed in (unit_head_a, editor_a):
        with pytest.raises(PermissionDenied):
            services.exemplar_set_publication(exemplar, actor=not_allowed, approved=True)
    services.exemplar_set_publication(exemplar, actor=leader_a, approved=True)
    exemplar.refresh_from_db()
    assert exemplar.approved_for_publication
    assert exemplar.publication_approved_by == leader_a
    with pytest.raises(ValidationError):
        services.exemplar_set_publication(exemplar, actor=leader_a, approved=False, note="")
    services.exemplar_set_publication(
        exemplar, actor=leader_a, approved=False, note="Đang xác minh thông tin"
    )
    assert _actions(exemplar).count("thidua.exemplar_publication") == 2


def test_log_entries_only_while_followed_after_nurturing_starts(discovered, office_a):
    with pytest.raises(ValidationError, match="Đưa vào bồi dưỡng"):
        services.log_add(discovered, actor=office_a, date=YESTERDAY, content="Thăm hỏi")
    _nurture(discovered, office_a)
    services.log_add(discovered, actor=office_a, date=YESTERDAY, content="Tập huấn kỹ năng")
    with pytest.raises(ValidationError):
        services.log_add(
            discovered, actor=office_a, date=dt.date.today() + dt.timedelta(days=1), content="x"
        )
    assert discovered.log_entries.count() == 1


def test_merged_unit_is_read_only(discovered, office_a, agency_a, division_a):
    division_a.successor = agency_a
    division_a.valid_to = dt.date(2025, 6, 30)
    division_a.save()
    with pytest.raises(ValidationError, match="sáp nhập"):
        _nurture(discovered, office_a)


def test_mentor_must_be_someone_the_user_manages(discovered, office_a, office_b):
    with pytest.raises(ValidationError) as error:
        _nurture(discovered, office_a, mentor=office_b.person)
    assert "mentor" in error.value.error_dict


def test_recognition_links_an_issued_award_decision(discovered, office_a, agency_a, agency_b):
    from thidua.awards.models import Decision, DecisionStatus

    def decision(agency, status, symbol):
        return Decision.objects.create(
            agency=agency,
            summary="Về việc tặng Giấy khen",
            year=2025,
            status=status,
            date=YESTERDAY,
            symbol=symbol,
            signer_position="Giám đốc",
            signer_name="Nguyễn Hữu Phước",
        )

    draft = decision(agency_a, DecisionStatus.DRAFT, "")
    foreign = decision(agency_b, DecisionStatus.ISSUED, "09/QĐ-SNV")
    issued = decision(agency_a, DecisionStatus.ISSUED, "31/QĐ-SKHCN")
    _nurture(discovered, office_a)
    for wrong in (draft, foreign):
        with pytest.raises(ValidationError) as error:
            _recognise(discovered, office_a, award_decision=wrong)
        assert "award_decision" in error.value.error_dict
    _recognise(
        discovered,
        office_a,
        level=Level.AGENCY,
        decision_number="",
        decision_date=None,
        award_decision=issued,
    )
    exemplar = Exemplar.objects.get(pk=discovered.pk)
    assert exemplar.award_decision == issued
    assert (exemplar.recognition_decision_number, exemplar.recognition_decision_date) == (
        "31/QĐ-SKHCN",
        YESTERDAY,
    )
