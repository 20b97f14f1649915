"""The Excel import writes new people in a number of SQL statements that does not grow with the
rows (bench/bench_import.py measures the speed of 30,000), and still writes what
``person_create`` writes for each: the person, an open employment period, a "created" audit
entry and the search index entry."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.conf import get_app_config
from wagtail.models import ModelLogEntry

from tests.org.import_helpers import import_media, upload, xlsx  # noqa: F401
from thidua.org.models import Employment, ImportJob, Person
from thidua.org.services import import_confirm, import_start
from thidua.org.services.people import ItemRefused, person_create_many

pytestmark = pytest.mark.usefixtures("import_media")


def people(n: int, offset: int = 0, agency_code: str = "SKHCN") -> list[list[object]]:
    return [
        [
            f"Nguyễn Văn Số {offset + i}",
            "Nam",
            "05/01/1985",
            f"0010850{offset + i:05d}",
            "Chuyên viên",
            agency_code,
            f"so{offset + i}@example.vn",
            "0912345678",
        ]
        for i in range(n)
    ]


def apply_statements(user, agency, rows: list[list[object]], *, only_valid: bool = False) -> int:
    job = import_start(upload(xlsx(None, rows)), actor=user, agency=agency)
    with CaptureQueriesContext(connection) as ctx:
        job = import_confirm(job, actor=user, only_valid_rows=only_valid)
    assert job.status == ImportJob.Status.DONE, job.errors
    return len(ctx.captured_queries)


def test_applying_new_people_costs_the_same_statements_for_3_or_30_rows(
    office_a, agency_a, division_a
):
    apply_statements(office_a, agency_a, people(1, 900))  # caches (content types) warmed up
    few = apply_statements(office_a, agency_a, people(3, 0) + people(1, 50, division_a.code))
    many = apply_statements(office_a, agency_a, people(30, 100) + people(10, 200, division_a.code))
    assert Person.objects.filter(full_name__startswith="Nguyễn Văn Số").count() == 45
    assert many == few


def test_new_people_get_employment_audit_and_search_entries(office_a, agency_a, division_a):
    job = import_start(
        upload(xlsx(None, people(2, 0) + people(1, 10, division_a.code))),
        actor=office_a,
        agency=agency_a,
    )
    job = import_confirm(job, actor=office_a, only_valid_rows=False)

    assert job.status == ImportJob.Status.DONE, job.errors
    assert job.summary["created"] == {"agencies": 0, "people": 3}
    created = Person.objects.filter(full_name__startswith="Nguyễn Văn Số").order_by("pk")
    assert [(p.agency, p.sort_name != "", "nguyen van so" in p.search_text) for p in created] == [
        (agency_a, True, True),
        (agency_a, True, True),
        (division_a, True, True),
    ]
    for person in created:
        employment = Employment.objects.get(person=person)
        assert (employment.agency, employment.position, employment.end_date) == (
            person.agency,
            "Chuyên viên",
            None,
        )
    person_type = ContentType.objects.get_for_model(Person)
    entries = ModelLogEntry.objects.filter(content_type=person_type, action="thidua.create")
    assert {(e.object_id, e.label, e.user_id) for e in entries} == {
        (str(p.pk), p.full_name, office_a.pk) for p in created
    }
    index = get_app_config().get_model("IndexEntry").objects
    assert (
        index.filter(content_type=person_type, object_id__in=[str(p.pk) for p in created]).count()
        == 3
    )


def test_create_many_refuses_taken_and_repeated_id_numbers_like_person_create(
    office_a, agency_a, division_a
):
    Person.objects.create(full_name="Trần Thị Khác", agency=division_a, id_number="001085000001")
    items = [
        (agency_a, {"full_name": "Lê Văn Một", "id_number": "001085000002"}),
        (agency_a, {"full_name": "Lê Văn Hai", "id_number": "001085000001"}),  # taken
        (agency_a, {"full_name": "Lê Văn Ba", "id_number": "001085000002"}),  # repeated
        (agency_a, {"full_name": "   ", "id_number": None}),  # blank name
    ]
    with pytest.raises(ItemRefused) as refused:
        person_create_many(actor=office_a, items=items)
    assert refused.value.index == 1
    assert not Person.objects.filter(full_name__startswith="Lê Văn").exists()

    seen: list[ItemRefused] = []
    created = person_create_many(actor=office_a, items=items, on_refused=seen.append)

    assert [p.full_name for p in created] == ["Lê Văn Một"]
    assert sorted(r.index for r in seen) == [1, 2, 3]
    assert all(isinstance(r.error, ValidationError) for r in seen)


def test_create_many_refuses_agencies_outside_the_actors_scope(office_a, agency_b):
    with pytest.raises(ItemRefused) as refused:
        person_create_many(actor=office_a, items=[(agency_b, {"full_name": "Lê Văn Một"})])
    assert isinstance(refused.value.error, PermissionDenied)
