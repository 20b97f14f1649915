"""RSS 2.0 feed of each section (chuyên mục): its latest 20 articles."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

FEED_SIZE = 20


class SectionFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, section: Any) -> None:
        super().__init__()
        self.section = section

    def title(self) -> str:
        return self.section.title

    def link(self) -> str:
        return self.section.url or "/"

    def description(self) -> str:
        return self.section.search_description or self.section.title

    def items(self) -> Any:
        return self.section.articles()[:FEED_SIZE]

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.summary

    def item_link(self, item: Any) -> str:
        return item.url or "/"

    def item_pubdate(self, item: Any) -> Any:
        return item.first_published_at or timezone.now()

    def item_author_name(self, item: Any) -> str:
        return item.author


def section_feed(request: HttpRequest, section: Any) -> HttpResponse:
    response = SectionFeed(section)(request)
    response["Content-Type"] = "application/rss+xml; charset=utf-8"
    return response
