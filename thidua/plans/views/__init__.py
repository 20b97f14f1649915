"""Views of the plans app."""

from __future__ import annotations

from django.http import HttpRequest


def keep_filters(request: HttpRequest) -> str:
    """A list's filters, kept on its pager's links (everything but the page number)."""
    params = request.GET.copy()
    params.pop("p", None)
    return params.urlencode()
