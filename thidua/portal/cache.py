"""The anonymous page cache of the public portal.

Anonymous GET requests for public portal pages (responses marked ``portal_cacheable`` by the
portal's pages and views; other apps' public views are not cached) are answered from the cache
(Redis when ``REDIS_URL`` is set, local memory otherwise). A request that carries a session
cookie (anyone logged in) never reads or writes the cache, so a logged-in user never gets a page
rendered for someone else and an editor sees their changes at once.

Purging: every cached page carries the portal's *generation*; publishing, unpublishing, moving or
deleting a page, and changing a document, exemplar or movement the portal shows, start a new
generation (signals.py), and pages of an older generation are never served again. One cache
round trip per request (``get_many`` of the generation and the page).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request

GENERATION_KEY = "portal:generation"
# Paths never cached: the back office, files, APIs and anything with per-user content.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/jsi18n/",
    "/api/",
    "/van-ban/tai-ve/",
)
# Headers of the stored response that are replayed; the security middleware adds its own.
_SKIP_HEADERS = {"set-cookie", "content-length"}


def _cache() -> Any:
    return caches[getattr(settings, "THIDUA_PORTAL_CACHE", "default")]


def timeout() -> int:
    return int(getattr(settings, "THIDUA_PORTAL_CACHE_SECONDS", 600))


def purge(*_args: Any, **_kwargs: Any) -> None:
    """Start a new generation: every page cached so far is stale. Safe to call from signals and
    ``transaction.on_commit``."""
    _cache().set(GENERATION_KEY, time.time_ns(), None)


def _key(request: HttpRequest) -> str:
    raw = "|".join(
        [
            request.get_host(),
            request.get_full_path(),
            get_language_from_request(request) or "",
            "htmx" if request.headers.get("HX-Request") else "",
        ]
    )
    return "portal:page:" + hashlib.sha256(raw.encode()).hexdigest()


def cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and timeout() > 0
    )


def cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not (user is not None and user.is_authenticated)
        and getattr(response, "portal_cacheable", False)
    )


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous portal pages (place it right after WhiteNoise)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable_request(request):
            return self.get_response(request)
        cache = _cache()
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # First request, or the key was evicted: a new generation, so that nothing stored
            # before the eviction can be served.
            cache.add(GENERATION_KEY, time.time_ns(), None)
            generation = cache.get(GENERATION_KEY)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            _, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _SKIP_HEADERS
            ]
            cache.set(key, (generation, response.status_code, headers, response.content), timeout())
            response["X-Portal-Cache"] = "miss"
        return response
