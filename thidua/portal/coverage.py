"""A published article counts in the coverage of the exemplars it names.

Wagtail publishes in several places that run none of our services (the editor's "Publish", the
leader's approval at the end of the workflow, scheduled publishing in the worker), so this runs
from Wagtail's ``page_published`` and ``page_unpublished`` signals (ADR 0004). The rule itself is
the exemplars app's service: ``coverage_record`` (one record per article, updated when the
article is published again) and ``coverage_remove``, called as the system (``actor=None``)
inside the publishing transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from thidua.exemplars import queries as exemplar_queries
from thidua.exemplars import services as exemplar_services
from thidua.exemplars.models import Coverage


def article_published(article: Any) -> None:
    """Record the article in the coverage of each exemplar it names; stop counting it for the
    exemplars it no longer names."""
    named = {e.pk: e for e in article.exemplars.all()}
    published = article.first_published_at or timezone.now()
    url = _public_url(article)
    for coverage in exemplar_queries.coverage_by_target(article):
        if coverage.exemplar_id not in named:
            exemplar_services.coverage_remove(coverage, actor=None)
    for exemplar in named.values():
        exemplar_services.coverage_record(
            exemplar,
            actor=None,
            kind=Coverage.Kind.ARTICLE,
            title=article.title,
            date=timezone.localdate(published),
            url=url,
            target=article,
        )


def _public_url(article: Any) -> str:
    """The article's address with the site's host name, or none when the site has no public
    host name yet (a development machine's "localhost" style name)."""
    url = article.get_full_url() or ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


def article_unpublished(article: Any) -> None:
    """An article taken down no longer counts for any exemplar."""
    for coverage in exemplar_queries.coverage_by_target(article):
        exemplar_services.coverage_remove(coverage, actor=None, reason=article.title)
