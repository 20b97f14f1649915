"""The dashboards show the numbers a direct count of the generated data gives, scoped to what
the user may see, with a bounded number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from tests.reports.conftest import YEAR
from thidua.awards.models import Awardee, DecisionStatus
from thidua.exemplars.models import Coverage, Exemplar, Stage
from thidua.movements.models import Registration
from thidua.plans.models import Activity, Channel, Meeting, Task

pytestmark = pytest.mark.django_db

PAGES = ["propaganda", "plans", "movements", "exemplars", "awards"]
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)


def _figure(response, fid):
    return next(f for f in response.context["figures"] if f.id == fid)


def _table(fig):
    """{row label: [cell values]} as the page's table shows them."""
    return {row.label: [c.value for c in row.cells] for row in fig.rows}


def _in_year(qs, field="date"):
    return qs.filter(**{f"{field}__gte": START, f"{field}__lte": END})


def test_propaganda_figures_equal_direct_counts(build_world, agency_a, office_a, client_for):
    world = build_world(3)
    response = client_for(office_a).get(reverse("reports:propaganda"))
    assert response.status_code == 200

    activities = _in_year(Activity.objects.filter(agency__path__startswith=agency_a.path))
    meetings = _in_year(Meeting.objects.filter(agency__path__startswith=agency_a.path))
    totals = {label: value for label, value, _url in response.context["totals"]}
    assert totals == {
        "Hoạt động tuyên truyền": activities.count(),
        "Cuộc họp": meetings.count(),
        "Phổ biến văn bản (chưa ghi vào kế hoạch)": 0,
    }

    by_channel = _table(_figure(response, "channel"))
    labels = dict(Channel.choices)
    for code, n in Counter(activities.values_list("channel", flat=True)).items():
        assert by_channel[labels[code]][0] == n
    for kind, n in Counter(meetings.values_list("kind", flat=True)).items():
        label = labels.get(kind) or dict(Meeting.Kind.choices)[kind]
        assert by_channel[str(label)][1] == n

    by_month = _table(_figure(response, "month"))
    assert len(by_month) == 12
    for month in range(1, 13):
        row = by_month[f"{month:02d}/{YEAR}"]
        assert row[0] == activities.filter(date__month=month).count()
        assert row[1] == meetings.filter(date__month=month).count()
        assert row[2] == 0 and row[-1] == row[0] + row[1]  # no dissemination in this world

    by_unit = _table(_figure(response, "unit"))
    division, qlcn, team = world.units["a"]
    assert by_unit[division.name][0] == activities.filter(agency=division).count()
    # The team below the division counts under the division: figures roll up to the units
    # directly below the agency.
    assert by_unit[qlcn.name][0] == activities.filter(agency__in=[qlcn, team]).count()
    assert team.name not in by_unit

    by_content = _table(_figure(response, "content"))
    for item in world.plans["a"].content_items.all():
        expected = activities.filter(topics=item).count() + meetings.filter(topics=item).count()
        assert by_content.get(item.title, [0])[0] == expected


def test_plan_progress_equals_direct_counts(build_world, agency_a, office_a, client_for):
    build_world(3)
    response = client_for(office_a).get(reverse("reports:plans"))
    tasks = _in_year(
        Task.objects.filter(agency__path__startswith=agency_a.path).exclude(status="cancelled"),
        "due_date",
    )
    today = dt.date.today()
    overdue = tasks.filter(status__in=Task.OPEN, due_date__lt=today).count()
    totals = [value for _label, value, _url in response.context["totals"]]
    assert totals == [tasks.count(), tasks.filter(status="done").count(), overdue]
    by_plan = _table(_figure(response, "plan"))
    assert next(iter(by_plan.values()))[:3] == totals
    assert len(response.context["overdue"]) == min(overdue, 20)


def test_movements_registrations_equal_direct_counts(build_world, agency_a, office_a, client_for):
    world = build_world(3)
    response = client_for(office_a).get(reverse("reports:movements"))
    regs = Registration.objects.filter(agency__path__startswith=agency_a.path, year=YEAR)
    totals = {label: value for label, value, _url in response.context["totals"]}
    assert totals["Lượt đăng ký thi đua"] == regs.count()
    duties = _table(_figure(response, "duties"))
    movement = world.movements["a"]
    row = duties[movement.name]
    assert sum(row[:-1]) == movement.duties.count()
    assert row[-1] == regs.filter(movement=movement).count()
    titles = _table(_figure(response, "titles"))
    for name, n in Counter(
        regs.filter(subject="individual").values_list("title_name", flat=True)
    ).items():
        assert titles[f"{name} ({movement.name})"][0] == n


def test_exemplar_figures_equal_direct_counts(build_world, agency_a, office_a, client_for):
    build_world(3)
    response = client_for(office_a).get(reverse("reports:exemplars"))
    exemplars = Exemplar.objects.filter(unit__path__startswith=agency_a.path)
    by_stage = _table(_figure(response, "stage"))
    for value, label in Stage.choices:
        assert by_stage[str(label)] == [exemplars.filter(stage=value).count()]
    totals = {label: value for label, value, _url in response.context["totals"]}
    assert totals["Phát hiện trong kỳ"] == _in_year(exemplars, "discovered_on").count()
    coverage = _in_year(Coverage.objects.filter(exemplar__in=exemplars))
    assert totals["Lượt tuyên truyền trong kỳ"] == coverage.count()
    uncovered = _table(_figure(response, "uncovered"))
    assert uncovered[str(Stage.RECOGNISED.label)] == [
        exemplars.filter(stage=Stage.RECOGNISED, coverage__isnull=True).count()
    ]


def test_award_figures_equal_direct_counts(build_world, agency_a, office_a, client_for):
    build_world(4)
    response = client_for(office_a).get(reverse("reports:awards"))
    awardees = _in_year(
        Awardee.objects.filter(
            decision__agency__path__startswith=agency_a.path,
            decision__status=DecisionStatus.ISSUED,
            revoked_at__isnull=True,
        ),
        "decision__date",
    )
    by_title = _table(_figure(response, "title"))
    for name, n in Counter(awardees.values_list("title__name", flat=True)).items():
        row = by_title[name]
        assert row[0] + row[1] == n
    totals = {label: value for label, value, _url in response.context["totals"]}
    assert totals["Lượt khen thưởng"] == awardees.count()
    amount = sum(awardees.values_list("amount", flat=True))
    assert totals["Tổng tiền thưởng (đồng)"] == f"{amount:,}".replace(",", ".")


@pytest.mark.parametrize("page", PAGES)
def test_office_b_sees_none_of_a(page, build_world, agency_a, office_b, client_for):
    world = build_world(2)
    client = client_for(office_b)
    html = client.get(reverse(f"reports:{page}")).content.decode()
    for unit in world.units["a"]:
        assert unit.name not in html
    assert world.movements["a"].name not in html
    assert "(a)" not in html  # titles of A's plans, tasks, exemplars
    assert client.get(reverse(f"reports:{page}") + f"?agency={agency_a.pk}").status_code == 404


def test_unit_head_sees_their_unit(build_world, agency_a, division_a, unit_head_a, client_for):
    world = build_world(2)
    client = client_for(unit_head_a)
    response = client.get(reverse("reports:plans"))
    tasks = _in_year(Task.objects.filter(agency=division_a), "due_date")
    assert next(v for _l, v, _u in response.context["totals"]) == tasks.count()
    response = client.get(reverse("reports:propaganda"))
    labels = {row.label for row in _figure(response, "unit").rows}
    assert labels <= {division_a.name}
    assert client.get(reverse("reports:plans") + f"?agency={agency_a.pk}").status_code == 404
    assert (
        client.get(reverse("reports:plans") + f"?agency={world.units['a'][1].pk}").status_code
        == 404
    )


def test_province_admin_sees_both_departments(
    build_world, agency_a, agency_b, province_admin, client_for
):
    build_world(1)
    response = client_for(province_admin).get(reverse("reports:propaganda"))
    labels = {row.label for row in _figure(response, "unit").rows}
    assert {agency_a.name, agency_b.name} <= labels


def test_every_figure_links_to_its_records(build_world, office_a, client_for):
    """The number in the channel table opens the activity list narrowed to the same records."""
    build_world(2)
    client = client_for(office_a)
    response = client.get(reverse("reports:propaganda"))
    row = _figure(response, "channel").rows[0]
    cell = row.cells[0]
    listing = client.get(cell.url)
    assert listing.status_code == 200
    page = listing.context["activities"]  # one page, uncounted (core.paging)
    assert not page.has_next() and len(page) == cell.value
    plans = client.get(reverse("reports:plans"))
    overdue_url = plans.context["totals"][2][2]
    assert client.get(overdue_url).context["page"].paginator.count == plans.context["totals"][2][1]
    awards = client.get(reverse("reports:awards"))
    first = _figure(awards, "title").rows[0]
    decisions = client.get(first.cells[0].url).context["decisions"]
    assert decisions.paginator.count >= 1


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize("page", PAGES)
def test_dashboard_query_counts_are_bounded(
    page, size, build_world, office_a, client_for, django_assert_max_num_queries
):
    build_world(size)
    client = client_for(office_a)
    with django_assert_max_num_queries(30):
        assert client.get(reverse(f"reports:{page}")).status_code == 200
