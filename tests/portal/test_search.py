"""One search across the portal, through Wagtail search on folded text: typed with or without
diacritics, đ/Đ, capitals or extra spaces, the same results; titles first; snippets marked in
the original spelling; never a draft."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.portal.conftest import add_article, add_document, run_worker
from thidua.core import searchindex
from thidua.core.searchindex import highlight, query_words


@pytest.fixture
def articles(portal):
    found = {
        "exemplar": add_article(
            portal.exemplars,
            "Gương điển hình tiên tiến ở Đắk Lắk",
            summary="Chị Hoa được tuyên dương.",
            body="<p>Phong trào thi đua yêu nước lan tỏa khắp tỉnh.</p>",
        ),
        "tdkt": add_article(
            portal.news,
            "Hội đồng TĐKT tỉnh họp xét khen thưởng",
            body="<p>Hội đồng Thi đua – Khen thưởng xét Bằng khen.</p>",
        ),
        "body_only": add_article(
            portal.news,
            "Hội nghị sơ kết năm 2026",
            body="<p>Biểu dương các điển hình tiên tiến trong năm.</p>",
        ),
    }
    run_worker()  # the worker indexes what was saved
    return found


def titles(query: str, user=None) -> list[str]:
    return [
        str(hit.obj.title)
        for section in searchindex.search(query, user=user)
        if section.source.key == "articles"
        for hit in section.hits
    ]


FOLDING_TABLE = [
    # (as typed with diacritics, as typed without or otherwise)
    ("điển hình tiên tiến", "dien hinh tien tien"),
    ("thi đua", "thi dua"),
    ("Đắk Lắk", "dak lak"),
    ("Đắk Lắk", "DAK LAK"),
    ("Đắk Lắk", "đắk   lắk"),
    ("Đắk Lắk", "  Dak  Lak "),
    ("TĐKT", "TDKT"),
    ("TĐKT", "tdkt"),
    ("TĐKT", "tđkt"),
]


@pytest.mark.parametrize(("with_marks", "typed"), FOLDING_TABLE)
def test_the_same_results_with_or_without_diacritics(articles, with_marks, typed):
    expected = titles(with_marks)
    assert expected, f"no result for {with_marks!r}"
    assert titles(typed) == expected


def test_known_queries_find_the_right_articles(articles):
    assert titles("dak lak") == ["Gương điển hình tiên tiến ở Đắk Lắk"]
    assert titles("TDKT") == ["Hội đồng TĐKT tỉnh họp xét khen thưởng"]
    assert set(titles("thi dua")) == {
        "Gương điển hình tiên tiến ở Đắk Lắk",
        "Hội đồng TĐKT tỉnh họp xét khen thưởng",
    }


def test_the_title_outranks_the_body(articles):
    # "điển hình tiên tiến" is in one title and in another article's body only.
    found = titles("dien hinh tien tien")
    assert found == ["Gương điển hình tiên tiến ở Đắk Lắk", "Hội nghị sơ kết năm 2026"]


def test_snippets_mark_the_match_in_the_original_spelling(articles):
    sections = searchindex.search("dien hinh", user=None)
    hits = next(s for s in sections if s.source.key == "articles").hits
    by_title = {str(h.obj.title): h for h in hits}
    assert "<mark>điển</mark> <mark>hình</mark>" in by_title["Hội nghị sơ kết năm 2026"].snippet
    assert (
        "<mark>điển</mark> <mark>hình</mark>"
        in by_title["Gương điển hình tiên tiến ở Đắk Lắk"].title
    )


def test_drafts_and_unpublished_documents_never_come_out(portal, agency_a):
    add_article(portal.news, "Bản nháp về thi đua yêu nước", live=False)
    live = add_article(portal.news, "Tin đã đăng về thi đua yêu nước")
    add_document(agency_a, summary="Kế hoạch thi đua yêu nước năm 2026", published=False)
    add_document(agency_a, summary="Hướng dẫn thi đua yêu nước", number="05/HD-SKHCN")
    run_worker()
    sections = {s.source.key: s for s in searchindex.search("thi dua yeu nuoc")}
    assert [str(h.obj.title) for h in sections["articles"].hits] == [live.title]
    assert [h.obj.summary for h in sections["documents"].hits] == ["Hướng dẫn thi đua yêu nước"]


def test_unpublished_article_leaves_the_results(portal):
    article = add_article(portal.news, "Khen thưởng đột xuất")
    run_worker()
    assert titles("khen thuong dot xuat") == ["Khen thưởng đột xuất"]
    article.unpublish()
    assert titles("khen thuong dot xuat") == []


def test_public_search_page(articles, client):
    response = client.get("/search/", {"q": "dak lak"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gương điển hình tiên tiến ở <mark>Đắk</mark> <mark>Lắk</mark>" in html
    assert "Hội nghị sơ kết" not in html


def test_public_search_page_says_when_nothing_is_found(portal, client):
    response = client.get("/search/", {"q": "khong co gi"})
    assert "Không tìm thấy kết quả" in response.content.decode()


def test_people_are_searched_for_staff_only(portal, office_a, staff_a, client, client_for):
    run_worker()
    staff_sections = {s.source.key for s in searchindex.search("pham thi thao", user=office_a)}
    assert "people" in staff_sections
    public = searchindex.search("pham thi thao", user=None)
    assert all(s.source.key != "people" for s in public)
    assert "Phạm Thị Thảo" not in client.get("/search/", {"q": "pham thi thao"}).content.decode()


def test_query_words_ignore_capitals_marks_punctuation_and_spaces():
    assert query_words("  Thi   ĐUA – khen thưởng ") == ["thi", "dua", "khen", "thuong"]


def test_highlight_keeps_the_original_spelling_and_escapes_html():
    marked = highlight("<b>Đắk Lắk</b> & thi đua", ["dak", "dua"])
    assert marked == "<mark>Đắk</mark> Lắk &amp; thi <mark>đua</mark>"


def test_a_title_typed_whole_comes_first_among_titles_that_hold_its_words(portal):
    add_article(portal.news, "Hội nghị biểu dương điển hình tiên tiến năm 2026 của Sở Tư pháp")
    add_article(portal.news, "Hội nghị biểu dương điển hình tiên tiến năm 2026 tại xã Ea Kao")
    exact = add_article(portal.news, "Hội nghị biểu dương điển hình tiên tiến năm 2026")
    run_worker()
    assert titles("hoi nghi bieu duong dien hinh tien tien nam 2026")[0] == exact.title


def test_the_scope_is_applied_inside_the_index_query(
    portal, agency_a, django_assert_max_num_queries
):
    """The documents' scope (``published``) is not a Wagtail FilterField, yet the one search
    applies it in the same query: many unpublished matches cannot push a published one out."""
    # Saved first: on equal relevance the index returns the newest first.
    published = add_document(agency_a, summary="Kế hoạch chuyển đổi số", number="999/KH")
    for n in range(searchindex.CANDIDATES + 5):
        add_document(agency_a, summary="Kế hoạch chuyển đổi số", number=f"{n}/KH", published=False)
    run_worker()
    from thidua.documents.models import Document

    with django_assert_max_num_queries(2):
        found = searchindex.search_queryset(
            Document.objects.filter(published=True), "chuyen doi so", title=lambda d: d.summary
        )
    assert [d.pk for d in found] == [published.pk]


def test_a_record_saved_before_the_worker_ran_is_found_through_its_folded_column(portal, agency_a):
    add_document(agency_a, summary="Hướng dẫn bình xét danh hiệu năm 2026")  # no worker yet
    sections = {s.source.key: s for s in searchindex.search("binh xet danh hieu")}
    assert [h.obj.summary for h in sections["documents"].hits] == [
        "Hướng dẫn bình xét danh hiệu năm 2026"
    ]
    run_worker()  # once indexed, the index finds it, and only once
    sections = {s.source.key: s for s in searchindex.search("binh xet danh hieu")}
    assert len(sections["documents"].hits) == 1


def test_one_search_reads_the_waiting_index_jobs_once(portal, agency_a, office_a):
    """Every source of one search asks which of its records wait for the worker: the task queue
    is read once for all of them."""
    from django.test.utils import CaptureQueriesContext

    add_document(agency_a, summary="Hướng dẫn bình xét danh hiệu năm 2026")  # no worker yet
    with CaptureQueriesContext(connection) as ctx:
        sections = searchindex.search("binh xet danh hieu", user=office_a)
    assert len(sections) > 2
    reads = [q for q in ctx.captured_queries if "django_tasks_database_dbtaskresult" in q["sql"]]
    assert len(reads) == 1


def test_title_tiers():
    words = ["thi", "dua"]
    assert searchindex.title_tier("Thi đua", words) == 0
    assert searchindex.title_tier("Phong trào thi đua", words) == 1
    assert searchindex.title_tier("Thi hành án", words) == 2
    assert searchindex.title_tier("Khen thưởng", words) == 3


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's statistics of the index"
)
def test_rare_words_find_the_candidates_and_every_word_still_matches(portal, agency_a, monkeypatch):
    """PostgreSQL: the index is walked with the query's rare words only (pg_stats); every word
    is still matched on the candidates."""
    for n in range(30):
        add_document(agency_a, summary=f"Kế hoạch thi đua năm 2026 đợt {n}", number=f"{n}/KH")
    wanted = add_document(
        agency_a, summary="Kế hoạch thi đua năm 2026 về phòng chống thiên tai ở Giồng Riềng"
    )
    add_document(agency_a, summary="Báo cáo phòng chống thiên tai ở Giồng Riềng", number="9/BC")
    run_worker()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailsearch_indexentry")
    monkeypatch.setattr(searchindex, "_stats", searchindex._IndexStats())  # read them again
    query = "ke hoach thi dua nam 2026 ve phong chong thien tai o giong rieng"

    rare = searchindex._rare_words(query)

    assert rare and len(rare) >= 2
    assert set(rare) <= {"ve", "phong", "chong", "thien", "tai", "o", "giong", "rieng"}
    from thidua.documents.models import Document

    found = searchindex.search_queryset(
        Document.objects.filter(published=True), query, title=lambda d: d.summary
    )
    assert [d.pk for d in found] == [wanted.pk]
