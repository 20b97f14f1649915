"""Anonymous pages come from the cache; publishing, unpublishing and edits of what they show
purge it; logged-in users never get a cached page."""

from __future__ import annotations

from tests.portal.conftest import add_article, add_document


def test_an_anonymous_page_is_served_from_the_cache(portal, client):
    add_article(portal.news, "Tin thứ nhất")
    first = client.get("/")
    second = client.get("/")
    assert first["X-Portal-Cache"] == "miss"
    assert second["X-Portal-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second


def test_publishing_purges_the_cache(portal, client):
    client.get("/")
    assert client.get("/")["X-Portal-Cache"] == "hit"
    add_article(portal.news, "Tin vừa được duyệt")
    response = client.get("/")
    assert response["X-Portal-Cache"] == "miss"
    assert "Tin vừa được duyệt" in response.content.decode()


def test_unpublishing_purges_the_cache(portal, client):
    article = add_article(portal.news, "Tin sẽ bị gỡ")
    assert "Tin sẽ bị gỡ" in client.get("/").content.decode()
    article.unpublish()
    assert "Tin sẽ bị gỡ" not in client.get("/").content.decode()
    assert client.get(article.url).status_code == 404


def test_editing_a_document_purges_the_library(portal, client, agency_a):
    document = add_document(agency_a, summary="Kế hoạch tuyên truyền năm 2026")
    url = portal.library.url
    assert "Kế hoạch tuyên truyền năm 2026" in client.get(url).content.decode()
    document.published = False
    document.save()
    assert "Kế hoạch tuyên truyền năm 2026" not in client.get(url).content.decode()


def test_logged_in_users_never_get_a_cached_page(portal, client, client_for, editor, leader):
    add_article(portal.news, "Tin công khai")
    client.get("/")  # an anonymous visitor fills the cache
    for user in (editor, leader):
        response = client_for(user).get("/")
        assert response.status_code == 200
        assert "X-Portal-Cache" not in response  # neither read nor stored
    assert client.get("/")["X-Portal-Cache"] == "hit"


def test_a_page_seen_by_a_logged_in_user_is_not_served_to_others(
    portal, client, client_for, editor
):
    client_for(editor).get("/")
    assert client.get("/")["X-Portal-Cache"] == "miss"


def test_the_back_office_is_never_cached(portal, client):
    client.get("/admin/login/")
    assert "X-Portal-Cache" not in client.get("/admin/login/")
