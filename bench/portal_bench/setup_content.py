"""Create the pages the benchmark requests: a portal article (under a section of the portal
home), a plain Wagtail article with the same body, and BENCH_COLD_ARTICLES more portal articles
that are each requested once (first renderings); print their URLs as JSON."""

import json
import os

from django.core.cache import cache
from wagtail.models import Page, Site

from portal_bench.models import PlainArticlePage
from thidua.portal.models import ArticlePage, HomePage, SectionPage
from thidua.portal.setup import ensure_portal_setup, ensure_root

BODY = "".join(
    f"<p>Đoạn {n}: phong trào thi đua yêu nước của Sở Khoa học và Công nghệ tỉnh An Giang "
    "tiếp tục phát hiện, bồi dưỡng và nhân rộng các gương điển hình tiên tiến trong chuyển đổi "
    "số, cải cách hành chính và ứng dụng khoa học, công nghệ vào đời sống.</p>"
    for n in range(1, 13)
)


def publish(page: Page) -> None:
    page.save_revision().publish()


def main() -> None:
    root = ensure_root()
    ensure_portal_setup()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Thi đua – Khen thưởng tỉnh An Giang", slug="trang-chu")
        root.add_child(instance=home)
        publish(home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "127.0.0.1", "port": 80, "root_page": home}
    )
    section = SectionPage.objects.first()
    if section is None:
        section = SectionPage(title="Thi đua – Khen thưởng", slug="thi-dua-khen-thuong")
        home.add_child(instance=section)
        publish(section)
    article = ArticlePage.objects.first()
    if article is None:
        article = ArticlePage(
            title="Tuyên dương gương điển hình tiên tiến năm 2026",
            summary="Mười hai tập thể, cá nhân được tuyên dương.",
            body=BODY,
            author="Văn phòng Sở",
        )
        section.add_child(instance=article)
        publish(article)
    plain = PlainArticlePage.objects.first()
    if plain is None:
        plain = PlainArticlePage(title="Tuyên dương gương điển hình tiên tiến năm 2026", body=BODY)
        home.add_child(instance=plain)
        publish(plain)
    wanted = int(os.environ.get("BENCH_COLD_ARTICLES", "0"))
    cold = list(ArticlePage.objects.child_of(section).exclude(pk=article.pk))
    for n in range(len(cold), wanted):
        page = ArticlePage(
            title=f"Tin số {n}: gương điển hình tiên tiến",
            summary="Tập thể, cá nhân được tuyên dương.",
            body=BODY,
            author="Văn phòng Sở",
        )
        section.add_child(instance=page)
        publish(page)
        cold.append(page)
    cache.clear()
    print(
        json.dumps(
            {
                "article": article.url,
                "plain": plain.url,
                "home": home.url,
                "cold": [p.url for p in cold][:wanted],
            }
        )
    )


main()
