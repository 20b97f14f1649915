"""The stored anonymous rendering of an article (thidua/portal/rendering.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageRendering(models.Model):
    """What an anonymous visitor was served at one address, in one language, under one portal
    generation. Rows of older generations are never served and are deleted on purge."""

    key = models.CharField(max_length=64, unique=True)  # sha256 of host, path and language
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255)
    generation = models.BigIntegerField()
    html = models.TextField()
    # The response's headers as the page cache stores them (CSP, content type, language), so the
    # page cache middleware can answer from this row as it answers a cache hit.
    headers = models.JSONField(default=list)
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bản hiển thị đã lưu của tin bài")
        verbose_name_plural = _("bản hiển thị đã lưu của tin bài")

    def __str__(self) -> str:
        return self.path
