"""The dashboard: counts by stage, kind, field and unit; nurtured for long without progress;
recognised without coverage. Bounded queries at two data sizes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.exemplars.factories import add_log, make_exemplar, make_field
from thidua.exemplars import queries
from thidua.exemplars.models import Coverage, Stage

pytestmark = pytest.mark.django_db


def test_stale_means_nurtured_without_a_log_entry_for_n_days(
    division_a, field_a, office_a, settings
):
    settings.THIDUA_EXEMPLAR_STALE_DAYS = 90
    make_exemplar(
        division_a, field=field_a, name="Lâu không ghi", stage=Stage.NURTURING, changed_days_ago=200
    )
    old_recent_log = make_exemplar(
        division_a,
        field=field_a,
        name="Có nhật ký gần đây",
        stage=Stage.NURTURING,
        changed_days_ago=200,
    )
    add_log(old_recent_log, days_ago=10)
    old_old_log = make_exemplar(
        division_a, field=field_a, name="Nhật ký cũ", stage=Stage.NURTURING, changed_days_ago=300
    )
    add_log(old_old_log, days_ago=120)
    make_exemplar(
        division_a, field=field_a, name="Mới bồi dưỡng", stage=Stage.NURTURING, changed_days_ago=5
    )
    make_exemplar(
        division_a,
        field=field_a,
        name="Đã công nhận lâu",
        stage=Stage.RECOGNISED,
        changed_days_ago=400,
    )
    stale = [e.name for e in queries.stale_exemplars(office_a)]
    # longest forgotten first: 200 days since the stage change, 120 since the last entry
    assert stale == ["Lâu không ghi", "Nhật ký cũ"]
    settings.THIDUA_EXEMPLAR_STALE_DAYS = 150
    assert [e.name for e in queries.stale_exemplars(office_a)] == ["Lâu không ghi"]


def test_breakdown_by_stage_kind_field_and_unit(
    division_a, agency_a, field_a, field_shared, office_a
):
    make_exemplar(division_a, field=field_a, stage=Stage.NURTURING, kind="new_model")
    make_exemplar(division_a, field=field_a, stage=Stage.NURTURING)
    make_exemplar(agency_a, field=field_shared, stage=Stage.RECOGNISED)
    b = queries.exemplar_breakdown(office_a)
    assert b.total == 3
    assert ("nurturing", "Đang bồi dưỡng", 2) in b.by_stage
    assert ("discovered", "Phát hiện", 0) in b.by_stage
    assert ("new_model", "Mô hình mới", 1) in b.by_kind
    assert b.by_field[0][1:] == ("Khoa học và công nghệ", 2)
    assert b.by_unit[0][1:] == ("Văn phòng Sở Khoa học và Công nghệ", 2)


def _populate(unit, n: int) -> None:
    fields = [make_field(None, f"Lĩnh vực {i}") for i in range(3)]
    for i in range(n):
        stage = [Stage.NURTURING, Stage.RECOGNISED, Stage.DISCOVERED, Stage.REPLICATED][i % 4]
        e = make_exemplar(
            unit,
            field=fields[i % 3],
            name=f"Điển hình {i}",
            stage=stage,
            changed_days_ago=400 if stage == Stage.NURTURING else 0,
        )
        if i % 8 == 1:
            Coverage.objects.create(
                exemplar=e, kind="article", title="Bài", date=dt.date(2025, 1, 1)
            )
        if i % 3 == 0:
            add_log(e, days_ago=300)


@pytest.mark.parametrize("size", [8, 60])
def test_dashboard_page_queries_do_not_grow(
    size, division_a, office_a, client_for, django_assert_max_num_queries
):
    _populate(division_a, size)
    client = client_for(office_a)
    client.get(reverse("exemplars_ops:dashboard"))  # warm caches (content types, sessions)
    with django_assert_max_num_queries(22):
        page = client.get(reverse("exemplars_ops:dashboard")).text
    assert "Bồi dưỡng lâu chưa có tiến triển" in page
    assert "Đã công nhận nhưng chưa được tuyên truyền" in page
    assert f"Tổng số điển hình: {size}" in page


@pytest.mark.parametrize("size", [8, 60])
def test_home_panel_and_list_queries_do_not_grow(
    size, division_a, office_a, client_for, django_assert_max_num_queries
):
    _populate(division_a, size)
    client = client_for(office_a)
    client.get(reverse("wagtailadmin_home"))
    with django_assert_max_num_queries(40):
        home = client.get(reverse("wagtailadmin_home")).text
    assert "Điển hình tiên tiến" in home and "Xem bảng theo dõi điển hình" in home
    client.get(reverse("exemplars:index"))
    with django_assert_max_num_queries(30):
        listing = client.get(reverse("exemplars:index")).text
    assert f"Điển hình {size - 1}" in listing  # newest first


def test_dashboard_empty_state_says_what_will_appear(office_a, client_for):
    page = client_for(office_a).get(reverse("exemplars_ops:dashboard")).text
    assert "Chưa có điển hình nào trong phạm vi của bạn" in page
    home = client_for(office_a).get(reverse("wagtailadmin_home")).text
    assert "Khi đơn vị ghi nhận điển hình mới" in home


def test_home_panel_hidden_for_staff_without_a_reading_role(staff_a, client_for):
    home = client_for(staff_a).get(reverse("wagtailadmin_home"))
    assert "panel-exemplars" not in home.text


@pytest.mark.parametrize("size", [0, 8, 60])
def test_home_panel_costs_a_few_queries(size, division_a, office_a, django_assert_max_num_queries):
    from django.test import RequestFactory

    from thidua.exemplars.dashboard import ExemplarsPanel

    if size:
        _populate(division_a, size)
    request = RequestFactory().get("/admin/")
    request.user = office_a
    with django_assert_max_num_queries(3 if not size else 7):  # the scope takes 2
        html = ExemplarsPanel(request).render_html()
    assert ("Khi đơn vị ghi nhận điển hình mới" in html) == (size == 0)
