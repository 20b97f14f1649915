"""The portal's pages: an article an anonymous visitor asks for is read back from its stored
rendering in one query (thidua/portal/rendering.py); everything else, and any article not yet
rendered under the current generation, is served by Wagtail."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from wagtail.views import serve as wagtail_serve

from thidua.portal import rendering
from thidua.portal.models.pages import portal_response


def serve(request: HttpRequest, path: str) -> HttpResponse:
    if rendering.wanted(request):
        html = rendering.stored(request)
        if html is not None:
            response = portal_response(HttpResponse(html))
            response["X-Portal-Rendering"] = "stored"
            return response
    return wagtail_serve(request, path)
