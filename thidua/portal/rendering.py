"""Articles keep their last anonymous rendering in the database.

A portal article changes only when something is published, unpublished, moved or edited, and
each of those starts a new portal generation (cache.py). So the page an anonymous visitor gets is
rendered once per generation and stored with that generation and its headers
(``PageRendering``); every later anonymous request for the same address is answered from it by
the page cache middleware in one indexed query, whatever its query string (links shared on social
networks carry a different tracking parameter per click, which the page cache, keyed by the full
address, never matches), before sessions, CSRF, authentication and the URL resolver run.

What is stored is exactly what an anonymous visitor was sent: the article marks its response
(``mark``), and the middleware stores it only when the page cache would (status 200, no cookie,
not private, nobody logged in). View restrictions, scheduled expiry and unpublishing are applied
by Wagtail before anything is stored, and a rendering of an older generation is never served
(stale rows are deleted on purge). Logged-in users, previews, the print view (``?print=1``) and
other page types always go through Wagtail.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)


def key(request: HttpRequest, language: str) -> str:
    """The rendering's key: host, path (no query string) and ``language``, the language
    LocaleMiddleware will choose (no i18n_patterns here), which the page cache middleware
    reads from the request before that middleware has run."""
    raw = "|".join([request.get_host(), request.path, language])
    return hashlib.sha256(raw.encode()).hexdigest()


def _generation(request: HttpRequest) -> int | None:
    """The generation of an anonymous, cacheable request (set by the cache middleware), else
    None: a logged-in user, a request with a session, or the cache turned off."""
    return getattr(request, "portal_generation", None)


def may_answer(request: HttpRequest) -> bool:
    """Could a rendering answer this request, were the address an article's? (The page cache
    middleware asks before the request has a generation.)"""
    return (
        request.method in ("GET", "HEAD")
        and "print" not in request.GET
        and not request.headers.get("HX-Request")
    )


def wanted(request: HttpRequest) -> bool:
    """May this request be answered from, or stored as, an article's rendering?"""
    return _generation(request) is not None and may_answer(request)


def stored(request: HttpRequest, rendering_key: str) -> tuple[bytes, list[list[str]]] | None:
    """The content and headers of the rendering under ``rendering_key`` (``key``) and the
    current generation, if one was stored."""
    from thidua.portal.models import PageRendering

    rows = PageRendering.objects.filter(
        key=rendering_key, generation=_generation(request)
    ).values_list("html", "headers")[:1]
    if not rows:
        return None
    html, headers = rows[0]
    return html.encode(), headers


def mark(request: HttpRequest, page: Any, response: HttpResponse) -> None:
    """Ask the page cache middleware to keep this response as the page's rendering, once it
    knows the response's final headers and that it may be cached."""
    if wanted(request) and response.status_code == 200:
        response.portal_rendering_of = page.pk  # type: ignore[attr-defined]


def store(
    request: HttpRequest,
    response: HttpResponse,
    headers: list[tuple[str, str]],
    rendering_key: str,
) -> bool:
    """Keep a marked response under ``rendering_key`` (``key``) and the request's generation;
    False when the response is not an article's rendering. A failure to store (a concurrent
    writer, a busy database) never fails the visitor's request."""
    from thidua.portal.models import PageRendering

    page_id = getattr(response, "portal_rendering_of", None)
    if page_id is None or not wanted(request):
        return False
    row = PageRendering(
        key=rendering_key,
        page_id=page_id,
        path=request.path[:255],
        generation=_generation(request),
        html=response.content.decode(response.charset),
        headers=[list(header) for header in headers],
    )
    try:
        with transaction.atomic():  # one upsert: INSERT … ON CONFLICT (key) DO UPDATE
            PageRendering.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["page", "path", "generation", "html", "headers", "rendered_at"],
            )
    except (IntegrityError, DatabaseError):  # another request stored it first, or a lock
        logger.info("Article rendering not stored for %s", request.path, exc_info=True)
    return True


def forget_stale(generation: int) -> None:
    """Delete renderings of older generations: never served, they would only fill the table."""
    from thidua.portal.models import PageRendering

    PageRendering.objects.exclude(generation=generation).delete()
