from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Site

from thidua.portal.models.pages import portal_response


def portal_render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a portal template outside the page tree: the site's home for the menu, and the
    strict CSP of every portal page."""
    site = Site.find_for_request(request)
    context = {"portal_site": site, **context}
    response = render(request, template, context, status=status)
    return portal_response(response)
