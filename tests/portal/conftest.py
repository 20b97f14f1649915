"""The portal world: a site whose home has the three sections, the document library and the
organisation page; editors and leaders in their Wagtail groups; an empty page cache."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.models import Page, Site

from thidua.documents.models import Document
from thidua.portal.models import (
    ArticlePage,
    DocumentLibraryPage,
    HomePage,
    OrganisationPage,
    SectionPage,
)
from thidua.portal.roles import sync_user
from thidua.portal.setup import ensure_portal_setup, ensure_root

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def run_worker() -> None:
    """Run the queued background tasks (search indexing, scheduled publishing) as the worker
    would."""
    # The worker closes "old" connections between tasks; inside a test's transaction that would
    # close PostgreSQL's test connection, so it is kept open here.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )


@pytest.fixture(autouse=True)
def _empty_page_cache():
    cache.clear()
    yield
    cache.clear()


def publish(page: Page, user=None) -> Page:
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def add_article(
    section: SectionPage, title: str, *, summary: str = "", body: str = "", live=True, **fields
) -> ArticlePage:
    article = ArticlePage(
        title=title,
        summary=summary or f"Tóm tắt: {title}",
        body=body or f"<p>{title}</p>",
        live=False,
        **fields,
    )
    section.add_child(instance=article)
    if live:
        publish(article)
    else:
        article.save_revision()
    return article


def add_document(
    agency, *, summary: str, number: str = "31/KH-SKHCN", published=True, **fields
) -> Document:
    defaults = {
        "doc_type": Document.Type.PLAN,
        "issuer": "Sở Khoa học và Công nghệ",
        "date": dt.date(2026, 3, 15),
        "effective_date": dt.date(2026, 3, 15),
    }
    document = Document(
        agency=agency,
        number_symbol=number,
        summary=summary,
        published=published,
        file=SimpleUploadedFile("vb.pdf", PDF, content_type="application/pdf"),
        **{**defaults, **fields},
    )
    document.save()
    return document


@pytest.fixture
def portal(db):
    root = ensure_root()
    ensure_portal_setup()
    home = HomePage(title="Thi đua – Khen thưởng tỉnh An Giang", slug="trang-chu")
    root.add_child(instance=home)
    publish(home)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Thi đua"
    )

    def section(title: str, slug: str) -> SectionPage:
        page = SectionPage(title=title, slug=slug, show_in_menus=True)
        home.add_child(instance=page)
        return publish(page)

    news = section("Thi đua – Khen thưởng", "thi-dua-khen-thuong")
    exemplars = section("Gương điển hình tiên tiến", "guong-dien-hinh-tien-tien")
    library = DocumentLibraryPage(title="Văn bản", slug="van-ban-thu-vien", show_in_menus=True)
    home.add_child(instance=library)
    publish(library)
    organisation = OrganisationPage(
        title="Giới thiệu và liên hệ",
        slug="gioi-thieu",
        show_in_menus=True,
        address="Số 1 Lê Lợi, phường Long Xuyên, tỉnh An Giang",
        phone="0296 3852 000",
        email="skhcn@angiang.gov.vn",
        body="<p>Sở Khoa học và Công nghệ là cơ quan chuyên môn của UBND tỉnh.</p>",
        title_en="About us and contacts",
        body_en="<p>The Department of Science and Technology is a specialised agency.</p>",
        address_en="1 Le Loi Street, Long Xuyen Ward, An Giang Province",
    )
    home.add_child(instance=organisation)
    publish(organisation)
    return SimpleNamespace(
        home=home, news=news, exemplars=exemplars, library=library, organisation=organisation
    )


@pytest.fixture
def editor(editor_a):
    sync_user(editor_a)
    return editor_a


@pytest.fixture
def leader(leader_a):
    sync_user(leader_a)
    return leader_a
