"""Back-office views of the documents app (thin: parse input, call one service, render)."""

from __future__ import annotations

from django.http import HttpRequest


def keep_filters(request: HttpRequest, page_param: str = "p") -> str:
    """A list's filters, kept on its pager's links (everything but the page number)."""
    params = request.GET.copy()
    params.pop(page_param, None)
    return params.urlencode()
