"""An article an anonymous visitor asks for is rendered once per portal generation, stored, and
read back in one query whatever the query string; it is never stale, never shown to or taken
from a logged-in user, and never kept for a page the visitor may not see."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.portal.conftest import add_article, publish
from thidua.portal.models import PageRendering

ROOT = Path(__file__).resolve().parents[2]


def test_an_article_is_read_back_from_its_rendering_in_one_query(
    portal, client, django_assert_num_queries
):
    # Given an article a first visitor has read
    article = add_article(portal.news, "Trao Bằng khen cho Phòng Quản lý khoa học")
    first = client.get(article.url)
    assert first["X-Portal-Cache"] == "miss" and "X-Portal-Rendering" not in first
    cache.clear()  # as in another web process, whose page cache never saw it
    # When another visitor arrives through a shared link with a tracking parameter
    with django_assert_num_queries(1):
        shared = client.get(article.url, {"fbclid": "IwAR0abc"})
    # Then the same page is served from the stored rendering, with the portal's strict CSP
    assert shared["X-Portal-Rendering"] == "stored"
    assert shared.content == first.content
    assert "script-src 'self'" in shared["Content-Security-Policy"]


def test_publishing_a_new_version_is_seen_at_once(portal, client):
    article = add_article(portal.news, "Hội nghị điển hình tiên tiến")
    client.get(article.url)
    article.title = "Hội nghị điển hình tiên tiến năm 2026"
    publish(article)
    response = client.get(article.url, {"utm_source": "zalo"})
    assert "X-Portal-Rendering" not in response  # rendered again, not the stored old one
    assert "Hội nghị điển hình tiên tiến năm 2026" in response.content.decode()
    assert PageRendering.objects.count() == 1  # the old generation's row is gone


def test_an_unpublished_article_is_gone_for_every_address(portal, client):
    article = add_article(portal.news, "Tin sẽ bị gỡ")
    client.get(article.url)
    article.unpublish()
    assert client.get(article.url, {"ref": "1"}).status_code == 404
    assert not PageRendering.objects.exists()


def test_a_purge_by_another_process_is_seen_here(portal, client):
    # Given a stored rendering, with the local-memory cache each process holds for itself
    article = add_article(portal.news, "Tin được lên lịch gỡ")
    client.get(article.url)
    assert client.get(article.url, {"n": "1"})["X-Portal-Rendering"] == "stored"
    # When another process (the worker publishing on schedule) starts a new generation
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from thidua.portal.cache import _write_generation_file as w; "
            "w(sys.argv[1])",
            settings.THIDUA_PORTAL_GENERATION_FILE,
        ],
        cwd=ROOT,
        check=True,
    )
    # Then this process serves neither its cached page nor the stored rendering
    response = client.get(article.url, {"n": "1"})
    assert response["X-Portal-Cache"] == "miss"
    assert "X-Portal-Rendering" not in response


def test_logged_in_users_neither_read_nor_store_renderings(portal, client, client_for, editor):
    article = add_article(portal.news, "Tin công khai")
    client_for(editor).get(article.url)
    assert not PageRendering.objects.exists()
    client.get(article.url)  # an anonymous visitor stores it
    response = client_for(editor).get(article.url, {"n": "2"})
    assert response.status_code == 200 and "X-Portal-Rendering" not in response


def test_the_print_view_is_never_taken_from_the_rendering(portal, client):
    article = add_article(portal.news, "Tin có bản in")
    client.get(article.url)
    printed = client.get(article.url, {"print": "1"})
    assert "X-Portal-Rendering" not in printed
    assert printed.templates[0].name == "portal/article_print.html"


def test_a_restricted_article_is_never_stored(portal, client):
    article = add_article(portal.news, "Tin nội bộ")
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    response = client.get(article.url)
    assert response.status_code == 302  # to the login page
    assert not PageRendering.objects.exists()


def test_with_the_cache_turned_off_nothing_is_stored(portal, client, settings):
    settings.THIDUA_PORTAL_CACHE_SECONDS = 0
    article = add_article(portal.news, "Tin không lưu")
    client.get(article.url)
    assert not PageRendering.objects.exists()


def test_the_rendering_is_kept_in_the_page_cache_for_every_query_string(
    portal, client, django_assert_num_queries
):
    # Given an article rendered by one web process, whose page cache then lost it
    article = add_article(portal.news, "Gương điển hình tiên tiến ở Sở")
    client.get(article.url)
    cache.clear()
    # When it is asked for again, the stored rendering answers, headers and all
    with django_assert_num_queries(1):
        again = client.get(article.url)
    assert again["X-Portal-Rendering"] == "stored"
    assert again["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in again["Content-Security-Policy"]
    # Then later visitors, whatever their link's query string, are answered without a query
    with django_assert_num_queries(0):
        assert client.get(article.url, {"utm_source": "zalo"}).content == again.content


def test_a_page_that_is_not_an_article_looks_for_no_rendering_twice(portal, client):
    # Given the home page, rendered once in this generation
    client.get("/")
    # When it is asked for with new query strings (a page-cache miss each time)
    with CaptureQueriesContext(connection) as misses:
        client.get("/", {"n": "1"})
        client.get("/", {"n": "2"})
    # Then none of those requests looked for a stored rendering
    assert misses.captured_queries
    assert not [q for q in misses.captured_queries if "pagerendering" in q["sql"]]
