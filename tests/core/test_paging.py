"""Listings that do not count everything in scope: the capped count of the Wagtail listings,
the uncounted pages of the hand-written lists, and the plain cells rendered in Python."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.admin.ui.tables import Column

from thidua.core.paging import UncountedPage
from thidua.core.viewsets import CappedPaginator, QuickColumn

User = get_user_model()


@pytest.fixture
def users(db):
    return User.objects.bulk_create([User(username=f"u{n:02d}") for n in range(12)])


def test_capped_paginator_counts_exactly_below_the_cap(users, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 20)
    paginator = CappedPaginator(User.objects.order_by("username"), 5)
    assert paginator.count == 12 and paginator.num_pages == 3
    assert not paginator.capped
    with translation.override("vi"):
        assert "12" in paginator.items_count_label


def test_capped_paginator_says_more_than_the_cap(users, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 10)
    paginator = CappedPaginator(User.objects.order_by("username"), 5)
    with CaptureQueriesContext(connection) as ctx:
        assert paginator.count == 10
    assert paginator.capped and paginator.num_pages == 2
    assert "ORDER BY" not in ctx.captured_queries[0]["sql"]  # counting needs no sort
    with translation.override("vi"):
        assert paginator.items_count_label.startswith("Hơn 10 ")
    last = paginator.get_page(2)
    assert [u.username for u in last] == ["u05", "u06", "u07", "u08", "u09"]


def test_uncounted_pages_read_one_row_more_and_no_count(users):
    users_by_name = User.objects.order_by("username")
    with CaptureQueriesContext(connection) as ctx:
        first = UncountedPage(users_by_name, 5, None)
    assert len(ctx.captured_queries) == 1 and "COUNT" not in ctx.captured_queries[0]["sql"]
    assert [u.username for u in first] == ["u00", "u01", "u02", "u03", "u04"]
    assert first.number == 1 and first.has_next() and not first.has_previous()
    assert first.next_page_number() == 2
    last = UncountedPage(users_by_name, 5, "3")
    assert [u.username for u in last] == ["u10", "u11"]
    assert not last.has_next() and last.has_previous() and last.previous_page_number() == 2
    assert UncountedPage(users_by_name, 5, "x").number == 1  # not a number: the first page
    beyond = UncountedPage(users_by_name, 5, "9")
    assert not beyond and beyond.has_previous()


def test_quick_column_renders_the_markup_of_wagtails_cell_template():
    class Row:
        name = "Sở <Y tế> & B"
        day = dt.date(2026, 3, 1)
        empty = None

    context = {"row": None, "table": None, "request": None}
    html = QuickColumn("name", classname="title").render_cell_html(Row(), context)
    assert html == '<td class="title">Sở &lt;Y tế&gt; &amp; B</td>'
    assert QuickColumn("empty").render_cell_html(Row(), context) == "<td></td>"
    wagtail = Column("name").render_cell_html(Row(), context)
    assert " ".join(wagtail.split()) == "<td > Sở &lt;Y tế&gt; &amp; B </td>"


@pytest.mark.django_db
def test_a_panel_reads_its_first_rows_and_its_counts_in_one_statement(django_assert_num_queries):
    from django.contrib.auth.models import Group
    from django.db.models import Q

    from thidua.core.paging import head_and_counts

    for n in range(7):
        Group.objects.create(name=f"Nhóm {n}")
    groups = Group.objects.filter(name__startswith="Nhóm").order_by("name")
    with django_assert_num_queries(1):
        rows, total, counts = head_and_counts(groups, 3, odd=Q(name__in=["Nhóm 1", "Nhóm 3"]))
    assert [g.name for g in rows] == ["Nhóm 0", "Nhóm 1", "Nhóm 2"]
    assert total == 7 and counts == {"odd": 2}
    # Nothing in the list: nothing counted, and no error
    assert head_and_counts(groups.none(), 3, odd=Q(pk=1)) == ([], 0, {"odd": 0})
    # A DISTINCT list is counted apart, so a duplicate row is not counted twice
    distinct = Group.objects.filter(Q(name="Nhóm 1") | Q(name="Nhóm 2")).distinct()
    assert head_and_counts(distinct, 1)[1] == 2
