"""The public site: home, sections with RSS, articles and their print view, the document
library with filters and downloads, organisation and contacts in Vietnamese and English,
sitemap.xml and robots.txt; strict CSP on every portal page."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.portal.conftest import PDF, add_article, add_document
from thidua.documents import library
from thidua.documents.models import Document
from thidua.portal import cache as portal_cache


def test_home_shows_latest_articles_and_says_what_will_appear(portal, client):
    html = client.get("/").content.decode()
    assert "Chưa có tin bài nào được đăng" in html
    add_article(portal.news, "Sơ kết phong trào thi đua quý III")
    html = client.get("/").content.decode()
    assert "Sơ kết phong trào thi đua quý III" in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html


def test_portal_pages_have_a_strict_csp(portal, client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "style-src 'self';" in csp + ";"
    assert "unsafe-inline" not in csp


def test_article_slug_has_no_diacritics(portal):
    article = add_article(portal.news, "Gương sáng Đắk Lắk")
    assert article.slug == "guong-sang-dak-lak"


def test_article_page_and_its_print_view(portal, client):
    article = add_article(
        portal.news, "Trao Bằng khen", body="<p>Nội dung <b>chính</b>.</p>", author="Văn phòng"
    )
    html = client.get(article.url).content.decode()
    assert "<h1>Trao Bằng khen</h1>" in html
    assert "?print=1" in html
    printed = client.get(article.url, {"print": "1"}).content.decode()
    assert "print.css" in printed and "site-nav" not in printed
    assert "Nội dung <b>chính</b>." in printed
    assert 'name="robots" content="noindex"' in printed


def test_rich_text_is_sanitised(portal, client):
    article = add_article(
        portal.news,
        "Tin có mã độc",
        body=(
            '<p>An toàn<script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">'
            "x</a></p>"
        ),
    )
    html = client.get(article.url).content.decode()
    assert "<script>alert" not in html
    assert "onclick" not in html
    assert "javascript:alert" not in html


def test_section_rss_feed(portal, client):
    add_article(portal.news, "Tin cho RSS")
    response = client.get(portal.news.url + "rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Tin cho RSS"]


def test_sitemap_and_robots(portal, client, agency_a):
    article = add_article(portal.news, "Tin trong sơ đồ trang")
    document = add_document(agency_a, summary="Quyết định khen thưởng")
    add_document(agency_a, summary="Bản nháp", number="09/QĐ-SKHCN", published=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert article.url in sitemap
    assert f"/van-ban/{document.pk}/" in sitemap
    assert portal.organisation.url + "en/" in sitemap
    assert "09/QĐ" not in sitemap and sitemap.count("/van-ban/") == 1  # the published one
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_organisation_and_contacts_in_vietnamese_and_english(portal, client):
    vi = client.get(portal.organisation.url)
    assert "Số 1 Lê Lợi" in vi.content.decode()
    en = client.get(portal.organisation.url + "en/")
    html = en.content.decode()
    assert '<html lang="en">' in html
    assert "About us and contacts" in html and "1 Le Loi Street" in html
    assert "Skip to main content" in html


def test_document_library_lists_filters_and_downloads(portal, client, agency_a):
    plan = add_document(agency_a, summary="Kế hoạch thi đua năm 2026", number="31/KH-SKHCN")
    decision = add_document(
        agency_a,
        summary="Quyết định tặng Giấy khen",
        number="12/QĐ-SKHCN",
        doc_type=Document.Type.DECISION,
        date=dt.date(2025, 6, 1),
        effective_date=dt.date(2025, 6, 1),
    )
    add_document(agency_a, summary="Văn bản chưa công khai", number="99/TB-SKHCN", published=False)
    url = portal.library.url
    html = client.get(url).content.decode()
    assert "31/KH-SKHCN" in html and "12/QĐ-SKHCN" in html and "99/TB-SKHCN" not in html
    assert "15/03/2026" in html
    only_decisions = client.get(url, {"loai": "quyet_dinh"}).content.decode()
    assert "12/QĐ-SKHCN" in only_decisions and "31/KH-SKHCN" not in only_decisions
    by_year = client.get(url, {"nam": "2026"}).content.decode()
    assert "31/KH-SKHCN" in by_year and "12/QĐ-SKHCN" not in by_year
    download = client.get(f"/van-ban/tai-ve/{plan.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(f"/van-ban/{decision.pk}/").status_code == 200


def test_unpublished_documents_are_not_public(portal, client, agency_a):
    draft = add_document(agency_a, summary="Dự thảo", number="01/DT-SKHCN", published=False)
    assert client.get(f"/van-ban/{draft.pk}/").status_code == 404
    assert client.get(f"/van-ban/tai-ve/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("documents", [3, 12])
def test_library_query_count_does_not_grow(
    portal, client, agency_a, documents, django_assert_max_num_queries
):
    for n in range(documents):
        add_document(agency_a, summary=f"Văn bản số {n}", number=f"{n + 1:02d}/KH-SKHCN")
    with django_assert_max_num_queries(20):
        assert client.get(portal.library.url).status_code == 200


@pytest.mark.parametrize("articles", [2, 8])
def test_home_query_count_does_not_grow(portal, client, articles, django_assert_max_num_queries):
    for n in range(articles):
        add_article(portal.news, f"Tin số {n}")
    with django_assert_max_num_queries(25):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("extra_sections", [0, 6])
def test_uncached_article_query_count_does_not_grow_with_the_menu(
    portal, client, extra_sections, django_assert_max_num_queries
):
    # Given a site whose menu has 4 or 10 entries of three page types
    from tests.portal.conftest import publish
    from thidua.portal.models import SectionPage

    for n in range(extra_sections):
        publish(portal.home.add_child(instance=SectionPage(title=f"Mục {n}", show_in_menus=True)))
    article = add_article(portal.news, "Trao Bằng khen")
    client.get(article.url, {"lan": "0"})  # the site's root paths are cached once per site
    portal_cache.purge()  # as after any publish: neither the page cache nor a stored rendering
    # When a reader opens the article past the page cache (a new query string): Wagtail's
    # routing and view restrictions, the menu, then the look-up and the upsert of the article's
    # stored rendering (a savepoint pair around it inside the test's transaction)
    with django_assert_max_num_queries(14):
        html = client.get(article.url, {"lan": "1"}).content.decode()
    # Then the page has its menu and the link back to its section
    assert 'href="/thi-dua-khen-thuong/">Thi đua – Khen thưởng</a>' in html
    assert ">Văn bản</a>" in html and ">Giới thiệu và liên hệ</a>" in html


def test_document_upload_is_checked_by_content(portal, office_a, agency_a):
    renamed = SimpleUploadedFile(
        "ke-hoach.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        library.document_create(
            actor=office_a,
            agency=agency_a,
            doc_type=Document.Type.PLAN,
            number_symbol="40/KH-SKHCN",
            issuer="Sở Khoa học và Công nghệ",
            date=dt.date(2026, 1, 5),
            summary="Kế hoạch",
            file=renamed,
        )
    assert "Chỉ nhận văn bản dạng PDF" in str(error.value)
    document = library.document_create(
        actor=office_a,
        agency=agency_a,
        doc_type=Document.Type.PLAN,
        number_symbol="40/KH-SKHCN",
        issuer="Sở Khoa học và Công nghệ",
        date=dt.date(2026, 1, 5),
        summary="Kế hoạch",
        file=SimpleUploadedFile("kh.pdf", PDF),
        published=True,
    )
    assert document.published_at is not None


def test_only_the_agencys_office_and_editors_keep_its_library(portal, staff_a, office_b, agency_a):
    for outsider in (staff_a, office_b):
        with pytest.raises(ValidationError):
            library.document_create(
                actor=outsider,
                agency=agency_a,
                doc_type=Document.Type.PLAN,
                number_symbol="41/KH-SKHCN",
                issuer="Sở Khoa học và Công nghệ",
                date=dt.date(2026, 1, 5),
                summary="Kế hoạch",
                file=SimpleUploadedFile("kh.pdf", PDF),
            )


def test_document_library_back_office_is_scoped(portal, client_for, office_a, office_b, agency_a):
    add_document(agency_a, summary="Văn bản của Sở A", published=False)
    assert (
        "Văn bản của Sở A" in client_for(office_a).get("/admin/documents/library/").content.decode()
    )
    assert (
        "Văn bản của Sở A"
        not in client_for(office_b).get("/admin/documents/library/").content.decode()
    )


def test_certificate_lookup_leads_to_the_awards_verification_page(portal, client):
    response = client.get("/xac-minh/", {"ma": " AB12 CD34 "})
    assert response.status_code == 302
    assert response["Location"] == "/xac-minh/AB12CD34/"
    assert "Mã xác minh" in client.get("/xac-minh/").content.decode()


def test_exemplar_pages_only_for_exemplars_approved_for_publication(portal, client, division_a):
    from tests.exemplars.factories import make_exemplar
    from tests.portal.conftest import run_worker
    from thidua.core import searchindex
    from thidua.exemplars.models import Stage

    shown = make_exemplar(
        division_a, name="Trần Văn Sáng Kiến", stage=Stage.RECOGNISED, approved_for_publication=True
    )
    hidden = make_exemplar(division_a, name="Trần Văn Chưa Duyệt", stage=Stage.RECOGNISED)
    run_worker()
    assert client.get(f"/guong-dien-hinh/{shown.pk}/").status_code == 200
    assert client.get(f"/guong-dien-hinh/{hidden.pk}/").status_code == 404
    assert "Trần Văn Sáng Kiến" in client.get("/").content.decode()
    found = {
        hit.obj.name
        for section in searchindex.search("tran van")
        if section.source.key == "exemplars"
        for hit in section.hits
    }
    assert found == {"Trần Văn Sáng Kiến"}
