"""The anonymous page cache of the public portal.

Anonymous GET requests for public portal pages (responses marked ``portal_cacheable`` by the
portal's pages and views; other apps' public views are not cached) are answered from the cache
(Redis when ``REDIS_URL`` is set, local memory otherwise). A request that carries a session
cookie (anyone logged in) never reads or writes the cache, so a logged-in user never gets a page
rendered for someone else and an editor sees their changes at once.

Purging: every cached page carries the portal's *generation*; publishing, unpublishing, moving or
deleting a page, and changing a document, exemplar or movement the portal shows, start a new
generation (signals.py), and pages of an older generation are never served again.

The generation must be the same in every process that serves or changes pages (web workers,
the background worker that publishes on schedule). With a shared cache (Redis) it is a key of
that cache, read in the same round trip as the page (``get_many``). With the local-memory cache,
which each process holds for itself, it is a small file in ``THIDUA_VAR_DIR`` (one host, as the
local cache implies), replaced atomically on purge: a read is one small file read.

Articles also keep their last anonymous rendering in the database (``PageRendering``, tagged with
the generation it was rendered under): see thidua/portal/rendering.py. In this cache an article is
kept once, under its address without the query string, and answers every query string (links
shared with a tracking parameter per click); any other page is kept under its full address, and
remembers under the short key that it has no rendering, so a miss never looks twice.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request

from thidua.portal import rendering

GENERATION_KEY = "portal:generation"
_RENDERING_PREFIX = "portal:rendering:"
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


def _generation_file() -> str | None:
    """The file holding the generation when the cache is local to each process, else None."""
    if not isinstance(_cache(), LocMemCache):
        return None
    return str(
        getattr(settings, "THIDUA_PORTAL_GENERATION_FILE", None)
        or os.path.join(settings.VAR_DIR, "portal-generation")
    )


def _write_generation_file(path: str) -> int:
    generation = time.time_ns()
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=".portal-generation-")
    with os.fdopen(handle, "w") as out:
        out.write(str(generation))
    os.replace(tmp, path)  # atomic: a reader sees the old or the new value, never half of one
    return generation


def _file_generation(path: str) -> int:
    try:
        with open(path) as source:
            return int(source.read())
    except (FileNotFoundError, ValueError):
        return _write_generation_file(path)


def purge(*_args: Any, **_kwargs: Any) -> None:
    """Start a new generation: every page cached or rendered so far is stale. Safe to call from
    signals and ``transaction.on_commit``."""
    path = _generation_file()
    if path:
        _write_generation_file(path)
    else:
        _cache().set(GENERATION_KEY, time.time_ns(), None)
    rendering.forget_stale(current_generation())


def current_generation() -> int:
    """The portal's generation as every process sees it."""
    generation, _ = _read(_cache(), [])
    return generation


def _read(cache: Any, keys: list[str]) -> tuple[int, dict[str, Any]]:
    """The generation and what is stored under ``keys``, in one round trip."""
    path = _generation_file()
    if path:
        return _file_generation(path), cache.get_many(keys) if keys else {}
    found = cache.get_many([GENERATION_KEY, *keys])
    generation = found.pop(GENERATION_KEY, None)
    if generation is None:
        # First request, or the key was evicted: a new generation, so that nothing stored
        # before the eviction can be served.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation, found


def _key(request: HttpRequest, language: str) -> str:
    raw = "|".join(
        [
            request.get_host(),
            request.get_full_path(),
            language,
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
        language = get_language_from_request(request) or ""  # read once: both keys hold it
        key = _key(request, language)
        # An article's rendering is kept under its address without the query string, so a link
        # with a tracking parameter per click is still answered without rendering (rendering.py).
        # For any other page the same key holds "no rendering here", so that no request looks
        # for one in the database twice in a generation.
        digest = rendering.key(request, language) if rendering.may_answer(request) else ""
        rendering_key = _RENDERING_PREFIX + digest if digest else None
        generation, found = _read(cache, [key, rendering_key] if rendering_key else [key])
        # The generation this request is served under: the article's stored rendering must be of
        # it (rendering.py), and what is rendered now is stored under it.
        request.portal_generation = generation  # type: ignore[attr-defined]
        page = found.get(key)
        if page is not None and page[0] == generation:
            _, status, headers, content = page
            response = _replay(status, headers, content)
            response["X-Portal-Cache"] = "hit"
            return response
        if rendering_key:
            known = found.get(rendering_key)
            from_cache = known is not None and known[0] == generation
            if not from_cache:
                known = (generation, *(rendering.stored(request, digest) or (None, None)))
                if known[1] is not None:
                    cache.set(rendering_key, known, timeout())
            if known[1] is not None:
                _, content, headers = known
                response = _replay(200, headers, content)
                response["X-Portal-Cache"] = "hit" if from_cache else "miss"
                response["X-Portal-Rendering"] = "stored"
                return response
        response = self.get_response(request)
        cacheable = cacheable_response(request, response)
        headers: list[tuple[str, str]] = []
        if cacheable:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _SKIP_HEADERS
            ]
        if cacheable and rendering_key and rendering.store(request, response, headers, digest):
            # An article: its rendering answers every query string, the plain address included.
            cache.set(rendering_key, (generation, response.content, headers), timeout())
        else:
            if cacheable:
                page = (generation, response.status_code, headers, response.content)
                cache.set(key, page, timeout())
            if rendering_key and response.status_code == 200:
                cache.set(rendering_key, (generation, None, None), timeout())
        if cacheable:
            response["X-Portal-Cache"] = "miss"
        return response


def _replay(status: int, headers: list, content: bytes) -> HttpResponse:
    """A response as it was stored: its status, headers and content."""
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
