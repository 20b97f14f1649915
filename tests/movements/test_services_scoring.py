"""Bloc scoring: totals with bonuses and penalties, a ranking with a tie broken by the stated
rule and a full tie, publication locks scores (changes need a reason), evidence, covenant."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.movements.factories import YEAR, criteria, make_bloc, simple_table
from tests.org.factories import make_agency, make_member
from thidua.movements import queries, services
from thidua.movements.models import ScoreChange, ScoreSheet
from thidua.org.models.role import Role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def agency_c(province):
    return make_agency(province, code="SVHTT", name="Sở Văn hóa, Thể thao và Du lịch")


@pytest.fixture
def office_c(agency_c):
    return make_member("vanphong.c", agency_c, Role.OFFICE, "Lý Thị Ngọc Hà")


@pytest.fixture
def bloc(agency_a, agency_b, agency_c):
    return make_bloc([agency_a, agency_b, agency_c], leader=agency_a)


@pytest.fixture
def table(bloc, office_a):
    return simple_table(office_a, bloc)


def score(table, office, subject, scorer, values, submit=True, evidence=True):
    ids = criteria(table)
    sheet = services.score_sheet_save(
        table,
        actor=office,
        subject=subject,
        scorer=scorer,
        points={ids[code]: value for code, value in values.items()},
    )
    if evidence and subject == scorer and values.get("1"):
        services.evidence_upload(
            sheet,
            actor=office,
            criterion=sheet.table.sections.first().criteria.first(),
            upload=SimpleUploadedFile("bao-cao.pdf", PDF),
        )
    if submit:
        services.score_sheet_submit(sheet, actor=office)
    return sheet


def test_totals_add_bonuses_and_subtract_penalties(table, office_a, agency_a):
    sheet = score(
        table, office_a, agency_a, agency_a, {"1": "38,5", "2": 20, "3": 35, "4": 10, "5": 5}
    )
    assert sheet.base_total == Decimal("93.5")
    assert sheet.bonus_total == Decimal(10)
    assert sheet.penalty_total == Decimal(5)
    assert sheet.total == Decimal("98.5")


def test_points_above_the_maximum_are_refused(table, office_a, agency_a):
    with pytest.raises(ValidationError, match="từ 0 đến 20"):
        score(table, office_a, agency_a, agency_a, {"2": 25}, submit=False)


def test_a_sheet_with_unscored_criteria_or_missing_evidence_is_not_sent(table, office_a, agency_a):
    sheet = score(table, office_a, agency_a, agency_a, {"1": 30}, submit=False, evidence=False)
    with pytest.raises(ValidationError, match="Chưa chấm"):
        services.score_sheet_submit(sheet, actor=office_a)
    sheet = score(
        table,
        office_a,
        agency_a,
        agency_a,
        {"1": 30, "2": 10, "3": 10},
        submit=False,
        evidence=False,
    )
    with pytest.raises(ValidationError, match="minh chứng"):
        services.score_sheet_submit(sheet, actor=office_a)


def test_evidence_must_be_a_document_by_content(table, office_a, agency_a, settings):
    sheet = score(table, office_a, agency_a, agency_a, {"1": 30}, submit=False, evidence=False)
    criterion = table.sections.first().criteria.first()
    with pytest.raises(ValidationError, match="PDF"):
        services.evidence_upload(
            sheet,
            actor=office_a,
            criterion=criterion,
            upload=SimpleUploadedFile("anh.pdf", b"MZ\x90\x00 not a pdf"),
        )
    settings.THIDUA_MAX_UPLOAD_MB = 0
    with pytest.raises(ValidationError, match="quá lớn"):
        services.evidence_upload(
            sheet,
            actor=office_a,
            criterion=criterion,
            upload=SimpleUploadedFile("bao-cao.pdf", PDF),
        )


def test_ranking_with_tie_break_and_shared_rank(
    table, office_a, office_b, office_c, agency_a, agency_b, agency_c, province
):
    d = make_agency(province, code="SYT", name="Sở Y tế")
    office_d = make_member("vanphong.d", d, Role.OFFICE, "Phan Văn Đức")
    from thidua.org.models import BlocMembership

    BlocMembership.objects.create(bloc=table.bloc, agency=d, since_year=YEAR)
    # A and B both total 95: A by its criteria (95), B with a bonus (85 + 10) -> A first.
    score(table, office_a, agency_a, agency_a, {"1": 40, "2": 20, "3": 35})
    score(table, office_b, agency_b, agency_b, {"1": 35, "2": 15, "3": 35, "4": 10})
    # C and D identical (90, no bonus or penalty): shared rank 3.
    score(table, office_c, agency_c, agency_c, {"1": 35, "2": 20, "3": 35})
    score(table, office_d, d, d, {"1": 35, "2": 20, "3": 35})

    rows = queries.ranking(table)
    assert [(r.agency.code, r.rank, r.total, r.tied) for r in rows] == [
        ("SKHCN", 1, Decimal(95), False),
        ("SNV", 2, Decimal(95), False),
        ("SVHTT", 3, Decimal(90), True),
        ("SYT", 3, Decimal(90), True),
    ]


def test_cross_scores_replace_the_self_score_in_the_ranking(
    table, office_a, office_b, agency_a, agency_b, agency_c, office_c
):
    score(table, office_b, agency_b, agency_b, {"1": 40, "2": 20, "3": 40})  # claims 100
    score(table, office_a, agency_b, agency_a, {"1": 30, "2": 20, "3": 30})  # leader: 80
    score(table, office_c, agency_b, agency_c, {"1": 35, "2": 20, "3": 35})  # member: 90
    [row] = queries.ranking(table)
    assert row.total == Decimal(85)
    assert row.self_total == Decimal(100)
    assert (row.source, row.cross_count) == ("cross", 2)


def test_publication_locks_scores_and_later_changes_need_a_reason(
    table, office_a, office_b, agency_a, agency_b
):
    sheet = score(table, office_b, agency_b, agency_b, {"1": 40, "2": 20, "3": 30})
    with pytest.raises(PermissionDenied):
        services.scoring_publish(table, actor=office_b)  # only the bloc leader publishes
    services.scoring_publish(table, actor=office_a)
    ids = criteria(table)
    with pytest.raises(ValidationError, match="lý do"):
        services.score_sheet_save(
            table, actor=office_b, subject=agency_b, scorer=agency_b, points={ids["3"]: 25}
        )
    services.score_sheet_save(
        table,
        actor=office_b,
        subject=agency_b,
        scorer=agency_b,
        points={ids["3"]: 25},
        reason="Khối thống nhất giảm điểm theo biên bản họp ngày 15/12",
    )
    sheet.refresh_from_db()
    assert sheet.total == Decimal(85)
    change = ScoreChange.objects.get()
    assert (change.old_points, change.new_points) == (Decimal(30), Decimal(25))
    assert "biên bản" in change.reason
    with pytest.raises(ValidationError):
        services.scoring_table_create(
            actor=office_a, bloc=table.bloc, year=YEAR, title="v2", sections=[]
        )


def test_agency_b_never_sees_a_self_score_before_it_is_sent_to_the_bloc(
    table, office_a, office_b, agency_a, agency_b, leader_a
):
    sheet = score(table, office_a, agency_a, agency_a, {"1": 40, "2": 20, "3": 30}, submit=False)
    assert list(queries.sheets_visible_to(office_b, table)) == []
    assert list(queries.sheets_visible_to(office_a, table)) == [sheet]
    assert list(queries.sheets_visible_to(leader_a, table)) == [sheet]
    services.score_sheet_submit(sheet, actor=office_a)
    assert list(queries.sheets_visible_to(office_b, table)) == [sheet]


def test_outsiders_see_no_sheet_and_cannot_score(table, office_a, agency_a, division_b, province):
    outsider_agency = make_agency(province, code="SXD", name="Sở Xây dựng")
    outsider = make_member("vanphong.x", outsider_agency, Role.OFFICE, "Mai Văn Tài")
    score(table, office_a, agency_a, agency_a, {"1": 40, "2": 20, "3": 30})
    assert list(queries.sheets_visible_to(outsider, table)) == []
    assert not queries.tables_visible_to(outsider).exists()
    with pytest.raises(ValidationError):
        services.score_sheet_save(
            table, actor=outsider, subject=agency_a, scorer=outsider_agency, points={}
        )
    with pytest.raises(PermissionDenied):
        services.score_sheet_save(
            table, actor=outsider, subject=agency_a, scorer=agency_a, points={}
        )


def test_new_table_version_replaces_the_current_one(table, office_a, office_b):
    from thidua.movements.services import CriterionSpec, SectionSpec

    with pytest.raises(PermissionDenied):
        services.scoring_table_create(
            actor=office_b, bloc=table.bloc, year=YEAR, title="x", sections=[]
        )
    v2 = services.scoring_table_create(
        actor=office_a,
        bloc=table.bloc,
        year=YEAR,
        title="Bảng điểm sửa đổi",
        sections=[SectionSpec("I", "Nhiệm vụ", [CriterionSpec("1", "Chỉ tiêu", Decimal(100))])],
    )
    table.refresh_from_db()
    assert (v2.version, v2.is_current, table.is_current) == (2, True, False)


def test_covenant_signed_once_per_member(bloc, office_a, office_b, agency_a, agency_b):
    covenant = services.covenant_save(
        actor=office_a, bloc=bloc, year=YEAR, title="Giao ước thi đua", text="Các bên cam kết …"
    )
    services.covenant_sign(
        covenant,
        actor=office_b,
        agency=agency_b,
        signer_name="Đặng Quốc Bảo",
        signer_position="Giám đốc",
    )
    with pytest.raises(ValidationError):
        services.covenant_sign(covenant, actor=office_b, agency=agency_b, signer_name="x")
    with pytest.raises(PermissionDenied):
        services.covenant_sign(covenant, actor=office_b, agency=agency_a, signer_name="x")
    with pytest.raises(ValidationError):
        services.covenant_save(actor=office_a, bloc=bloc, year=YEAR, title="Sửa", text="khác")
    assert ScoreSheet.objects.count() == 0
