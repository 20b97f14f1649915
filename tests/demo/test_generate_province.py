"""`manage.py generate_province`: a small province (300 people) is complete, valid, searchable
without diacritics, served by the portal, and the same for the same seed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from thidua.core import searchindex
from thidua.core.text import fold
from thidua.demo import province

TODAY = dt.date(2026, 12, 1)
PEOPLE = 300


def generate(**options) -> str:
    out = io.StringIO()
    call_command(
        "generate_province", people=PEOPLE, years=10, seed=1, today=TODAY, stdout=out, **options
    )
    return out.getvalue()


@pytest.fixture
def generated(db) -> str:
    return generate()


def test_a_small_province_has_every_area_in_the_expected_ranges(generated):
    from thidua.awards.models import Awardee, AwardEntry, Decision, Proposal, YearRating
    from thidua.documents.models import Document
    from thidua.exemplars.models import Exemplar
    from thidua.movements.models import Duty, Movement, Registration
    from thidua.org.models import Agency, Employment, Person
    from thidua.plans.models import Activity, Meeting, Plan, ProgressReport, Task
    from thidua.portal.models import ArticlePage

    assert "Sinh xong trong" in generated
    for area in ("org", "awards", "movements", "exemplars", "plans", "portal", "documents"):
        assert f"{area}:" in generated  # timing per area

    assert Person.objects.count() == PEOPLE
    assert 100 <= Agency.objects.count() <= 300
    assert Employment.objects.count() > PEOPLE  # merged staff and transfers have two
    # The 2025 mergers: Sở TT&TT into Sở KH&CN, with an end date and a successor.
    sttt = Agency.objects.get(code="GP.STTTT")
    assert sttt.successor.code == "GP.SKHCN"
    assert sttt.valid_to == dt.date(2025, 2, 28)
    assert Agency.objects.filter(valid_to__isnull=False, successor__isnull=False).count() >= 10
    moved = Employment.objects.filter(agency=sttt, end_date=dt.date(2025, 2, 28))
    assert moved.exists()
    assert all(
        p.agency.successor_id is None
        for p in Person.objects.filter(employments__in=moved).select_related("agency")
    )

    assert 1500 <= YearRating.objects.filter(person__isnull=False).count() <= 3000
    assert AwardEntry.objects.count() == Awardee.objects.count() > 1000
    assert Decision.objects.filter(status="issued").count() > 100
    assert set(Proposal.objects.values_list("status", flat=True)) >= {
        "draft",
        "submitted",
        "at_council",
        "returned",
        "issued",
    }
    assert set(Exemplar.objects.values_list("stage", flat=True)) == {
        "discovered",
        "nurturing",
        "recognised",
        "replicated",
        "dropped",
    }
    assert Movement.objects.count() > 100 and Duty.objects.count() > 1000
    assert Registration.objects.count() > 500
    assert Plan.objects.count() > 100 and Task.objects.count() > 1000
    assert ProgressReport.objects.exists() and Activity.objects.exists()
    assert Meeting.objects.exists()
    assert ArticlePage.objects.live().count() == 200
    assert Document.objects.count() > 5000
    assert Document.objects.filter(published=True).exists()

    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry").objects.count()
    assert 9_000 <= entries <= 11_000  # a million at 30,000 people


def test_generated_rows_pass_model_validation(generated):
    from thidua.awards.models import AwardEntry, Decision, Proposal, YearRating
    from thidua.documents.models import Document
    from thidua.exemplars.models import Exemplar
    from thidua.movements.models import Movement, Registration
    from thidua.org.models import Agency, Employment, Person
    from thidua.plans.models import Activity, Meeting, Plan, Task
    from thidua.portal.models import ArticlePage

    for model in (
        Agency,
        Person,
        Employment,
        YearRating,
        AwardEntry,
        Decision,
        Proposal,
        Movement,
        Registration,
        Exemplar,
        Plan,
        Task,
        Activity,
        Meeting,
        Document,
    ):
        for obj in model.objects.order_by("?")[:25]:
            obj.full_clean()
    for page in ArticlePage.objects.order_by("?")[:10]:
        page.full_clean()
        assert page.live_revision_id == page.latest_revision_id is not None
        assert page.get_latest_revision_as_object().title == page.title
    # Folded columns as save() would write them.
    person = Person.objects.order_by("pk").first()
    stored = person.search_text
    person.save()
    assert Person.objects.get(pk=person.pk).search_text == stored


def test_articles_are_served_and_found_typed_without_diacritics(generated, client):
    from thidua.portal.models import ArticlePage

    article = ArticlePage.objects.live().order_by("pk")[7]
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()

    query = " ".join(fold(article.title).split()[:6])
    assert query.isascii()
    sections = {s.source.key: s for s in searchindex.search(query)}
    assert article.pk in [h.obj.pk for h in sections["articles"].hits] or any(
        fold(h.obj.title).startswith(query) for h in sections["articles"].hits
    )
    # The exact title, typed without diacritics, ranks the article first.
    exact = {s.source.key: s for s in searchindex.search(fold(article.title))}
    assert exact["articles"].hits[0].obj.title == article.title


def test_same_seed_same_data_other_seed_other_data(db):
    with transaction.atomic():
        generate()
        first = province.digest()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate()
        second = province.digest()
        transaction.set_rollback(True)
    call_command(
        "generate_province", people=PEOPLE, years=10, seed=2, today=TODAY, stdout=io.StringIO()
    )
    assert first == second
    assert province.digest() != first


def test_refuses_a_database_that_holds_data_unless_forced(agency_a):
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        generate()

    out = io.StringIO()
    call_command(
        "generate_province", people=60, years=2, seed=3, today=TODAY, force=True, stdout=out
    )
    assert "Sinh xong trong" in out.getvalue()
    with pytest.raises(CommandError, match="đã có một tỉnh sinh sẵn"):
        generate(force=True)


def test_published_document_summaries_and_live_article_titles_are_distinct(generated):
    """The search benchmark looks each one up by its whole folded title."""
    from thidua.documents.models import Document
    from thidua.portal.models import ArticlePage

    published = [
        fold(s) for s in Document.objects.filter(published=True).values_list("summary", flat=True)
    ]
    assert len(published) > 100
    assert len(set(published)) == len(published)
    titles = [fold(t) for t in ArticlePage.objects.live().values_list("title", flat=True)]
    assert len(set(titles)) == len(titles) == 200
    every = [fold(s) for s in Document.objects.values_list("summary", flat=True)]
    assert len(set(every)) == len(every)
    # Realistic: a subject, a unit or place, a period ("năm 2024", "giai đoạn 2021–2025" …).
    sample = Document.objects.order_by("pk")[:50]
    assert all(len(d.summary.split()) >= 8 for d in sample)
    assert sum("năm 20" in d.summary or "giai đoạn" in d.summary for d in sample) >= 40


def test_generated_documents_are_stored_as_save_would_store_them(generated):
    from thidua.documents.models import Document

    for doc in Document.objects.order_by("pk")[:20]:
        stored = (doc.search_text, doc.direction, doc.full_text, doc.updated_at is not None)
        doc.save()
        doc.refresh_from_db()
        assert (doc.search_text, doc.direction, doc.full_text, True) == stored


def _entry(model, pk) -> dict:
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_content_type_pk

    entries = get_app_config().get_model("IndexEntry")
    table = entries._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id, object_id, title::text, autocomplete::text, body::text, "  # noqa: S608 (the model's table)
            f"title_text, body_text, title_norm FROM {table} "
            "WHERE content_type_id = %s AND object_id = %s",
            [get_content_type_pk(model), str(pk)],
        )
        rows = cursor.fetchall()
    assert len(rows) == 1, rows
    names = ("content_type_id", "object_id", "title", "autocomplete", "body")
    names += ("title_text", "body_text", "title_norm")
    return dict(zip(names, rows[0], strict=True))


def test_bulk_index_entries_equal_what_wagtail_writes_on_postgresql(generated):
    """On PostgreSQL the generator writes index entries itself (COPY, then INSERT … SELECT;
    documents without an ObjectIndexer): each must be the one Wagtail's backend would write."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite indexes through Wagtail's backend itself")
    from modelsearch.conf import get_app_config
    from wagtail.search.backends import get_search_backend

    from thidua.documents.models import Document
    from thidua.org.models import Person
    from thidua.portal.models import ArticlePage

    entries = get_app_config().get_model("IndexEntry")
    objs = [
        Document.objects.filter(published=True).order_by("pk").first(),
        Document.objects.filter(published=False).order_by("-pk").first(),
        ArticlePage.objects.live().order_by("pk").first(),
        Person.objects.order_by("pk").first(),
    ]
    backend = get_search_backend()
    for obj in objs:
        generated_entry = _entry(type(obj), obj.pk)
        assert generated_entry["title"] or generated_entry["body"]
        entries.objects.filter(
            object_id=str(obj.pk), content_type_id=generated_entry["content_type_id"]
        ).delete()
        backend.add(obj)
        wagtail_entry = _entry(type(obj), obj.pk)
        norm = wagtail_entry.pop("title_norm")
        assert norm == pytest.approx(generated_entry.pop("title_norm"))
        assert wagtail_entry == generated_entry, type(obj).__name__
