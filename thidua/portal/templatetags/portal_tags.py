from __future__ import annotations

from typing import Any

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_home(context: dict[str, Any]) -> Page | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def portal_menu(context: dict[str, Any]) -> list[Page]:
    """The home page's live children shown in menus (sections, library, organisation).

    Plain ``Page`` rows: the menu shows only titles and addresses, so no per-type query is
    needed for the specific pages."""
    home = portal_home(context)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu())


@register.filter
def dmy(value: Any) -> str:
    """dd/mm/yyyy for dates and datetimes (local time)."""
    if not value:
        return ""
    from django.utils import timezone

    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")
