"""The portal: a home page and its sections (through Wagtail's own API: a handful of pages),
then tens of thousands of live articles under the sections, built in bulk.

Articles are real Wagtail pages: tree rows with treebeard paths computed here (the sections are
new, so their children's paths are consecutive), the ``portal_articlepage`` rows, and one
published revision each (``latest_revision`` = ``live_revision``), as Wagtail's "publish"
would leave them; only Wagtail's signals and per-save index tasks are skipped.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale, Page, Revision, Site

from thidua.core.text import fold, slugify_vi
from thidua.demo.province import vocab
from thidua.demo.province.common import Distinct, World, aware, chunks, period
from thidua.portal.models import ArticlePage, HomePage, SectionPage

ARTICLES_PER_PERSON = 2 / 3  # 20,000 articles for 30,000 people
BATCH = 2000
ATTEMPTS = 50  # draws of a title before the day is added to tell it apart
ARTICLE_COLUMNS = (
    "page_ptr_id",
    "summary",
    "image_id",
    "image_alt",
    "image_caption",
    "body",
    "author",
)


def article_count(world: World) -> int:
    return max(20, round(world.people * ARTICLES_PER_PERSON))


def generate(world: World, index) -> None:
    rng = world.rng("portal")
    home = HomePage.objects.first()
    editor = next((u for name, u in world.users.items() if name.endswith(".bientap")), world.admin)
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(
            instance=HomePage(
                title="Thi đua – Khen thưởng tỉnh An Giang",
                slug="trang-chu",
                intro="<p>Cổng thông tin thi đua, khen thưởng của tỉnh An Giang.</p>",
                owner=world.admin,
            )
        )
        home.save_revision(user=world.admin).publish(user=world.admin, skip_permission_checks=True)
        home.refresh_from_db()
        _point_default_site(home)
    sections = []
    for title, slug in vocab.SECTIONS:
        section = home.add_child(
            instance=SectionPage(
                title=title,
                slug=f"{slug}-{world.seed}"
                if home.get_children().filter(slug=slug).exists()
                else slug,
                intro=f"<p>{title} của các cơ quan, đơn vị trong tỉnh.</p>",
                owner=world.admin,
            )
        )
        section.save_revision(user=world.admin).publish(
            user=world.admin, skip_permission_checks=True
        )
        section.refresh_from_db()
        sections.append(section)
    index(SectionPage, sections)
    index(HomePage, [home])

    article_ct = ContentType.objects.get_for_model(ArticlePage)
    page_ct = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    unit_names = [u.name for u in world.live_units()] or [world.root.name]
    total = article_count(world)
    first_day = dt.date(world.first_year, 1, 1)
    span = (world.today - first_day).days
    per_section: dict[int, int] = {}
    specs = []
    titles = Distinct()
    for i in range(total):
        section = sections[i % len(sections)]
        day = first_day + dt.timedelta(days=span * i // total)
        title, topic, unit = _article_title(rng, unit_names, day, titles)
        sentences = rng.sample(vocab.ARTICLE_SENTENCES, 4)
        body = "".join(
            f"<p>{s}</p>" for s in [f"Ngày {day:%d/%m/%Y}, {unit} đã {topic}.", *sentences]
        )
        n = per_section[section.pk] = per_section.get(section.pk, 0) + 1
        specs.append((section, n, title, body, day, topic))

    created = 0
    for batch in chunks(specs, BATCH):
        pages = []
        for section, n, title, _body, day, _topic in batch:
            slug = f"{slugify_vi(title, max_length=60)}-{n}"
            moment = aware(day, 8 + n % 9, n % 60)
            pages.append(
                Page(
                    path=Page._get_path(section.path, section.depth + 1, n),
                    depth=section.depth + 1,
                    numchild=0,
                    translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                    locale=locale,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=moment,
                    last_published_at=moment,
                    latest_revision_created_at=moment,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=article_ct,
                    url_path=f"{section.url_path}{slug}/",
                    owner=editor,
                )
            )
        pages = Page.objects.bulk_create(pages)
        rows = []
        articles = []
        for page, (_section, _n, title, body, _day, topic) in zip(pages, batch, strict=True):
            summary = f"{title}: {topic} được triển khai rộng khắp, nhiều cách làm hay."
            author = f"Văn phòng {rng.choice(unit_names)}"[:200]
            rows.append((page.pk, summary, None, "", "", body, author))
            article = ArticlePage(
                id=page.pk,
                page_ptr_id=page.pk,
                path=page.path,
                depth=page.depth,
                title=title,
                draft_title=title,
                slug=page.slug,
                live=True,
                content_type=article_ct,
                locale=locale,
                url_path=page.url_path,
                summary=summary,
                body=body,
                author=author,
                translation_key=page.translation_key,
                first_published_at=page.first_published_at,
                last_published_at=page.last_published_at,
                owner=editor,
            )
            articles.append(article)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ArticlePage._meta.db_table} ({', '.join(ARTICLE_COLUMNS)}) "  # noqa: S608 (names from the model; values are parameters)
                f"VALUES ({', '.join(['%s'] * len(ARTICLE_COLUMNS))})",
                rows,
            )
        Revision.objects.bulk_create(
            [
                Revision(
                    content_type=article_ct,
                    base_content_type=page_ct,
                    object_id=str(a.pk),
                    created_at=a.first_published_at,
                    user=editor,
                    object_str=a.title,
                    content=_revision_content(a, editor),
                )
                for a in articles
            ]
        )
        _link_revisions(pages, page_ct)
        index(ArticlePage, articles)
        created += len(pages)
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=per_section.get(section.pk, 0))
    world.count("articles", created)
    world.count("pages", created + len(sections))


def _article_title(
    rng: random.Random, unit_names: list[str], day: dt.date, titles: Distinct
) -> tuple[str, str, str]:
    """A title no other article has after folding (the search benchmark looks articles up by
    their whole title), with its topic and unit for the body."""
    for attempt in range(ATTEMPTS):
        topic = rng.choice(vocab.TOPICS)
        unit = rng.choice(unit_names)
        commune = rng.choice(vocab.COMMUNES)
        title = rng.choice(vocab.ARTICLE_PATTERNS).format(
            unit=unit,
            topic=topic,
            place=rng.choice(vocab.PLACES),
            commune=commune,
            Commune=commune[0].upper() + commune[1:],
            period=period(rng, day),
            count=rng.randint(5, 60),
        )
        if attempt == ATTEMPTS - 1:
            title = f"{title} ({day:%d/%m/%Y})"  # the last resort: the day tells them apart
        title = title[0].upper() + title[1:]
        if titles.add(fold(title)) or attempt == ATTEMPTS - 1:
            return title, topic, unit
    raise AssertionError("unreachable")


def _link_revisions(pages, page_ct) -> None:
    ids = [str(p.pk) for p in pages]
    revisions = dict(
        Revision.objects.filter(base_content_type=page_ct, object_id__in=ids).values_list(
            "object_id", "pk"
        )
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Page._meta.db_table} SET latest_revision_id = %s, live_revision_id = %s "  # noqa: S608 (names from the model; values are parameters)
            "WHERE id = %s",
            [(revisions[str(p.pk)], revisions[str(p.pk)], p.pk) for p in pages],
        )


def _revision_content(article: ArticlePage, owner) -> dict:
    return {
        "pk": article.pk,
        "path": article.path,
        "depth": article.depth,
        "numchild": 0,
        "translation_key": str(article.translation_key),
        "locale": article.locale_id,
        "title": article.title,
        "draft_title": article.title,
        "slug": article.slug,
        "content_type": article.content_type_id,
        "live": True,
        "has_unpublished_changes": False,
        "url_path": article.url_path,
        "owner": owner.pk if owner else None,
        "first_published_at": article.first_published_at,
        "last_published_at": article.last_published_at,
        "latest_revision_created_at": article.first_published_at,
        "show_in_menus": False,
        "seo_title": "",
        "search_description": "",
        "summary": article.summary,
        "body": article.body,
        "author": article.author,
        "image": None,
        "image_alt": "",
        "image_caption": "",
    }


def _point_default_site(home: HomePage) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Thi đua – Khen thưởng tỉnh An Giang",
        )
        return
    old_root = site.root_page
    site.root_page = home
    site.site_name = "Thi đua – Khen thưởng tỉnh An Giang"
    site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page, untouched since its migration.
    if type(old_root.specific) is Page and old_root.numchild == 0 and old_root.pk != home.pk:
        old_root.delete()
