"""The import review in the back office: upload, review beside the source, confirm or abandon."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.plans.conftest import seed_path
from tests.plans.helpers import editor_post
from thidua.plans.models import Assignment, ContentItem, Phase, Plan, Task


def _upload(client, agency, number="002"):
    path = seed_path(number)
    return client.post(
        reverse("plans:upload"),
        {"agency": agency.pk, "file": SimpleUploadedFile(path.name, path.read_bytes())},
    )


def test_office_reviews_an_uploaded_plan_beside_its_source_and_confirms_a_correction(
    client_for, office_a, units_a
):
    client = client_for(office_a)

    response = _upload(client, units_a["office"].parent)
    review = client.get(response["Location"])

    assert review.status_code == 200
    assert "Văn bản gốc" in review.content.decode()
    assert "Đợt 1" in review.content.decode()
    assert Plan.objects.count() == 0, "nothing is created before the user confirms"

    data = editor_post(review.context["editor"], **{"plan-title": "Tuyên truyền thi đua năm 2020"})
    confirmed = client.post(response["Location"], data)

    plan = Plan.objects.get()
    assert confirmed["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.title == "Tuyên truyền thi đua năm 2020"
    assert [p.end.isoformat() for p in plan.phases.all()] == ["2020-06-30", "2020-12-31"]
    assert plan.assignments.filter(role="lead", agency=units_a["office"]).exists()


def test_abandoning_the_review_leaves_nothing_behind(client_for, office_a, units_a):
    client = client_for(office_a)
    response = _upload(client, units_a["office"].parent, "001")
    token_url = response["Location"]
    client.get(token_url)

    abandoned = client.post(token_url + "huy/")

    assert abandoned.status_code == 302
    for model in (Plan, Phase, Assignment, ContentItem, Task):
        assert model.objects.count() == 0
    assert client.session.get("plans.pending_reviews") == {}
    assert client.get(token_url)["Location"] == reverse("plans:upload")


def test_unmatched_unit_must_be_mapped_before_confirming(client_for, office_a, units_a):
    client = client_for(office_a)
    response = _upload(client, units_a["office"].parent, "003")  # OCR-damaged unit names
    review = client.get(response["Location"])
    assert "Chưa tìm thấy đơn vị" in review.content.decode()

    refused = client.post(response["Location"], editor_post(review.context["editor"]))

    assert refused.status_code == 200
    assert Plan.objects.count() == 0
    data = editor_post(review.context["editor"], **{"assignments-0-agency": units_a["office"].pk})
    client.post(response["Location"], data)
    assert Plan.objects.get().assignments.get().agency == units_a["office"]


def test_an_unreadable_file_is_refused_with_a_message(client_for, office_a, units_a):
    client = client_for(office_a)

    response = client.post(
        reverse("plans:upload"),
        {
            "agency": units_a["office"].parent.pk,
            "file": SimpleUploadedFile("x.docx", b"\x00\x01\x02 not a document"),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_units_cannot_import_plans(client_for, unit_head_a):
    response = client_for(unit_head_a).get(reverse("plans:upload"))

    assert (response.status_code, response["Location"]) == (302, "/admin/")  # permission denied


def test_a_plan_links_the_movements_it_serves(client_for, office_a, units_a, import_seed):
    from tests.movements.factories import launched_movement

    agency = units_a["office"].parent
    movement = launched_movement(office_a, agency, [units_a["qlkh"]])
    plan = import_seed("002", issue=False)
    client = client_for(office_a)
    edit = client.get(reverse("plans:edit", args=[plan.pk]))

    data = editor_post(edit.context["editor"], **{"plan-movements": [movement.pk]})
    client.post(reverse("plans:edit", args=[plan.pk]), data)

    assert list(plan.movements.all()) == [movement]
    assert movement.name in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def test_office_writes_a_plan_issues_it_and_exports_a_numbered_docx(client_for, office_a, units_a):
    from thidua.admindoc.extract import extract
    from thidua.admindoc.parse import parse

    client = client_for(office_a)
    form = client.get(reverse("plans:create"))
    data = editor_post(
        form.context["editor"],
        **{
            "plan-title": "Tuyên truyền phong trào thi đua năm 2026",
            "plan-year_start": 2026,
            "plan-year_end": 2026,
            "phases-0-name": "Đợt 1",
            "phases-0-start": "01/01/2026",
            "phases-0-end": "30/06/2026",
            "assignments-0-agency": units_a["office"].pk,
            "assignments-0-role": "lead",
            "assignments-0-duties": "Chủ trì, đôn đốc, tổng hợp báo cáo",
            "content_items-0-title": "Tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh",
            "channels-0-channel": "portal",
        },
    )
    created = client.post(reverse("plans:create"), data)
    plan = Plan.objects.get()
    assert created["Location"] == reverse("plans:detail", args=[plan.pk])

    client.post(reverse("plans:issue", args=[plan.pk]))
    plan.refresh_from_db()
    exported = client.get(reverse("plans:export_docx", args=[plan.pk]))

    assert plan.number_symbol == "01/KH-SKHCN" and plan.outgoing_number is not None
    assert plan.tasks.get(kind="assignment").due_date.isoformat() == "2026-06-30"
    doc = parse(extract(exported.content).text)
    assert doc.number == "01/KH-SKHCN"
    assert doc.title == "Tuyên truyền phong trào thi đua năm 2026"
