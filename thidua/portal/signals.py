"""Cache invalidation only (ARCHITECTURE.md: signals are for cache invalidation; each one is
listed in docs/architecture.md):

- the anonymous page cache starts a new generation when a page is published, unpublished
  (also by the scheduled expiry), moved or deleted, and when a document, exemplar or movement
  that the portal shows is saved or deleted;
- the Wagtail groups of the portal (roles.py) follow a user's roles: they are a projection of
  ``RoleAssignment`` that Wagtail's page permissions and workflow tasks read;
- a published article counts in the coverage of the exemplars it names (coverage.py), because
  Wagtail publishes in places that run none of our services (ADR 0004).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from thidua.portal import cache, coverage, roles

# Models whose rows the portal shows (app_label.ModelName); connected when the app has them.
SHOWN_MODELS = (
    "documents.Document",
    "exemplars.Exemplar",
    "exemplars.Coverage",
    "movements.Movement",
    "wagtailimages.Image",
)


def _purge_on_commit(**_kwargs: Any) -> None:
    # Now, so that this process stops serving the old page, and again after commit, in case a
    # concurrent request cached the old content in between.
    cache.purge()
    transaction.on_commit(cache.purge)


def _page_deleted(sender: Any, instance: Any, **_kwargs: Any) -> None:
    if getattr(instance, "live", False):
        _purge_on_commit()


def _article_published(sender: Any, instance: Any, **_kwargs: Any) -> None:
    coverage.article_published(instance)


def _article_unpublished(sender: Any, instance: Any, **_kwargs: Any) -> None:
    coverage.article_unpublished(instance)


def _roles_changed(sender: Any, instance: Any, **_kwargs: Any) -> None:
    user_id = instance.user_id
    transaction.on_commit(lambda: roles.sync_user_by_id(user_id))


def connect() -> None:
    from wagtail.models import Page

    from thidua.org.models import RoleAssignment
    from thidua.portal.models import ArticlePage

    page_published.connect(_purge_on_commit, dispatch_uid="portal_cache_published")
    page_unpublished.connect(_purge_on_commit, dispatch_uid="portal_cache_unpublished")
    post_page_move.connect(_purge_on_commit, dispatch_uid="portal_cache_moved")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="portal_cache_page_deleted")
    page_published.connect(_article_published, sender=ArticlePage, dispatch_uid="portal_coverage")
    page_unpublished.connect(
        _article_unpublished, sender=ArticlePage, dispatch_uid="portal_coverage_unpublished"
    )
    for label in SHOWN_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_purge_on_commit, sender=model, dispatch_uid=f"portal_cache_{label}")
        post_delete.connect(_purge_on_commit, sender=model, dispatch_uid=f"portal_cache_d_{label}")
    post_save.connect(_roles_changed, sender=RoleAssignment, dispatch_uid="portal_roles_saved")
    post_delete.connect(_roles_changed, sender=RoleAssignment, dispatch_uid="portal_roles_deleted")
