"""The dashboard and the task list read with a bounded number of queries, whatever the size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.org.factories import make_agency
from thidua.plans import services


def _grow(plan, office_a, agency, n_units: int, n_activities: int) -> None:
    for i in range(n_units):
        make_agency(agency, code=f"{agency.code}-P{plan.pk}-{i}", name=f"Phòng số {i}")
    services.plan_tasks_regenerate(plan, actor=office_a)
    items = list(plan.content_items.all())
    office = plan.assignments.get(role="lead").agency
    for i in range(n_activities):
        services.activity_record(
            actor=office_a,
            agency=office,
            plan=plan,
            channel="portal" if i % 2 else "conference",
            date=dt.date(2020, 5, 1 + i % 28),
            title=f"Hoạt động {i}",
            topics=items[: 1 + i % len(items)],
        )


@pytest.mark.parametrize("size", [1, 6])
def test_dashboard_and_task_list_query_counts_are_bounded(
    size, import_seed, office_a, units_a, client_for, django_assert_max_num_queries
):
    plan = import_seed("002")
    _grow(plan, office_a, units_a["office"].parent, size * 2, size * 5)
    client = client_for(office_a)

    with django_assert_max_num_queries(30):
        page = client.get(reverse("plans:dashboard", args=[plan.pk]))
    assert page.status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("plans:my_tasks") + "?mine=0&state=all").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("plans:index")).status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_activity_list_and_task_page_query_counts_are_bounded(
    size, import_seed, office_a, units_a, client_for, django_assert_max_num_queries
):
    plan = import_seed("002")
    _grow(plan, office_a, units_a["office"].parent, size, size * 5)
    task = plan.tasks.order_by("pk").first()
    for activity in plan.activities.all():
        services.activity_record(
            actor=office_a,
            agency=activity.agency,
            plan=plan,
            channel="portal",
            date=activity.date,
            title=f"{activity.title} (nhiệm vụ)",
            fulfils=task,
        )
    client = client_for(office_a)

    with django_assert_max_num_queries(25):
        page = client.get(reverse("plans:deliveries"))
    assert page.status_code == 200 and "(nhiệm vụ)" in page.content.decode()
    with django_assert_max_num_queries(40):
        page = client.get(reverse("plans:task_detail", args=[task.pk]))
    assert page.status_code == 200 and "(nhiệm vụ)" in page.content.decode()
