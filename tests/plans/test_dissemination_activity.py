"""A document disseminated through the e-office system counts as a propaganda activity of a plan
(channel "Phổ biến qua văn phòng điện tử"): in the coverage grid, per channel, on its task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.documents.conftest import add_document
from thidua.documents import services as document_services
from thidua.plans import services, stats
from thidua.plans.models import Activity, Channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def dissemination(office_a, units_a):
    agency = units_a["office"].parent
    document = add_document(agency, number="31/KH-SKHCN", summary="Tuyên truyền thi đua 2026")
    return document_services.dissemination_send(
        document=document,
        agency=agency,
        deadline=timezone.localdate() + dt.timedelta(days=5),
        units=[units_a["qlcn"], units_a["qlkh"]],
        actor=office_a,
    )


def test_dissemination_counts_in_the_plan_coverage(import_seed, office_a, dissemination):
    plan = import_seed("002")
    item = plan.content_items.order_by("pk").first()
    task = plan.tasks.order_by("pk").first()

    activity = services.dissemination_record(
        actor=office_a, dissemination=dissemination, plan=plan, topics=[item], fulfils=task
    )

    assert activity.channel == Channel.E_OFFICE and activity.audience == 2
    grid = stats.coverage_grid(plan)
    codes = [code for code, _label in grid.channels]
    row = dict((i.pk, counts) for i, counts in grid.rows)[item.pk]
    assert row[codes.index(Channel.E_OFFICE)] == 1
    by_channel = {r["channel"]: r for r in stats.progress_by_channel(plan)}
    assert by_channel[Channel.E_OFFICE]["held"] == 1
    assert list(task.activities.all()) == [activity]
    # Once only
    with pytest.raises(ValidationError):
        services.dissemination_record(actor=office_a, dissemination=dissemination, plan=plan)


def test_others_cannot_record_a_dissemination_they_do_not_see(office_b, dissemination):
    with pytest.raises(ValidationError):
        services.dissemination_record(actor=office_b, dissemination=dissemination)
    assert not Activity.objects.exists()


def test_the_dissemination_page_links_to_recording_it(
    import_seed, client_for, office_a, dissemination
):
    plan = import_seed("002")
    client = client_for(office_a)
    page = client.get(reverse("documents:dissemination", args=[dissemination.pk])).content
    url = reverse("plans:dissemination_add", args=[dissemination.pk])
    assert url in page.decode()
    response = client.post(f"{url}?plan={plan.pk}", {"plan": plan.pk})
    assert response.status_code == 302
    assert Activity.objects.get(dissemination=dissemination).plan == plan
    page = client.get(reverse("documents:dissemination", args=[dissemination.pk])).content
    assert "Đã ghi nhận là hoạt động tuyên truyền" in page.decode()
