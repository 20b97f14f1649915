"""Demo stage "portal_content": the portal's sections, articles, document library and
organisation page (with its English version), published the way Wagtail's own views publish
(revision, then publish). Idempotent: a page or document already present is left alone.
The portal's groups and workflow are (re)created, and editors and leaders put in them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.documents.models import Document
from thidua.exemplars.queries import published_exemplars
from thidua.org.models import Agency
from thidua.portal.models import (
    ArticlePage,
    DocumentLibraryPage,
    FocalContact,
    HomePage,
    OrganisationPage,
    SectionPage,
)
from thidua.portal.roles import sync_all
from thidua.portal.setup import ensure_portal_setup

if TYPE_CHECKING:
    from thidua.demo.loader import DemoLoader

SECTIONS = [
    ("thi-dua-khen-thuong", "Thi đua – Khen thưởng", "Tin hoạt động thi đua, khen thưởng."),
    (
        "guong-dien-hinh-tien-tien",
        "Gương điển hình tiên tiến",
        "Người tốt, việc tốt; mô hình mới, cách làm hay được phát hiện, bồi dưỡng, nhân rộng.",
    ),
]
ARTICLES = [
    (
        "thi-dua-khen-thuong",
        "Sở Khoa học và Công nghệ phát động thi đua yêu nước năm 2026",
        "Phong trào tập trung vào chuyển đổi số và cải cách hành chính.",
        "<p>Ngày 05/01/2026, Sở Khoa học và Công nghệ tổ chức hội nghị phát động phong trào thi "
        "đua yêu nước năm 2026. Các phòng, đơn vị đăng ký thi đua trước ngày 31/01/2026.</p>",
        20,
    ),
    (
        "thi-dua-khen-thuong",
        "Hội đồng TĐKT Sở họp xét khen thưởng tổng kết năm 2025",
        "Hội đồng Thi đua – Khen thưởng xét danh hiệu Chiến sĩ thi đua cơ sở.",
        "<p>Hội đồng Thi đua – Khen thưởng Sở đã bỏ phiếu kín xét danh hiệu Chiến sĩ thi đua "
        "cơ sở và Tập thể lao động xuất sắc năm 2025.</p>",
        10,
    ),
    (
        "guong-dien-hinh-tien-tien",
        "Gương điển hình tiên tiến trong chuyển đổi số ở Đắk Lắk và An Giang",
        "Hai mô hình số hóa hồ sơ một cửa được nhân rộng.",
        "<p>Các điển hình tiên tiến được tuyên dương nhân ngày 11/6 đã chia sẻ cách làm hay "
        "trong số hóa hồ sơ, rút ngắn thời gian giải quyết thủ tục.</p>",
        5,
    ),
]
DOCUMENTS = [
    (
        Document.Type.PLAN,
        "31/KH-STTTT",
        "Sở Thông tin và Truyền thông tỉnh Kiên Giang",
        dt.date(2022, 4, 27),
        "Kế hoạch tuyên truyền gương điển hình tiên tiến giai đoạn 2022–2025",
    ),
    (
        Document.Type.DECISION,
        "12/QĐ-SKHCN",
        "Sở Khoa học và Công nghệ tỉnh An Giang",
        dt.date(2026, 1, 15),
        "Quyết định tặng Giấy khen cho các tập thể, cá nhân năm 2025",
    ),
    (
        Document.Type.GUIDANCE,
        "05/HD-SNV",
        "Sở Nội vụ tỉnh An Giang",
        dt.date(2026, 2, 2),
        "Hướng dẫn công tác thi đua, khen thưởng năm 2026",
    ),
]
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _publish(page: Any, user: Any) -> None:
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)


def _child(parent: Any, slug: str) -> Any:
    return parent.get_children().filter(slug=slug).first()


def load(loader: DemoLoader) -> int:
    created = 0
    ensure_portal_setup()
    sync_all()
    home = HomePage.objects.first()
    if home is None:
        return 0
    admin = loader.admin
    for slug, title, intro in SECTIONS:
        if _child(home, slug) is None:
            section = SectionPage(
                title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=True, live=False
            )
            home.add_child(instance=section)
            _publish(section, admin)
            created += 1
    if _child(home, "van-ban") is None:
        library = DocumentLibraryPage(
            title="Văn bản",
            slug="van-ban",
            intro="<p>Văn bản chỉ đạo, hướng dẫn về thi đua, khen thưởng.</p>",
            show_in_menus=True,
            live=False,
        )
        home.add_child(instance=library)
        _publish(library, admin)
        created += 1
    if _child(home, "gioi-thieu") is None:
        created += _organisation(home, admin)
    for section_slug, title, summary, body, days_ago in ARTICLES:
        section = _child(home, section_slug)
        if section is None or ArticlePage.objects.filter(title=title).exists():
            continue
        article = ArticlePage(
            title=title, summary=summary, body=body, author="Văn phòng Sở", live=False
        )
        section.add_child(instance=article)
        if section_slug == "guong-dien-hinh-tien-tien":
            # The article names an exemplar approved for publication that other coverage has
            # already featured: publishing it counts in its coverage (portal/coverage.py), and
            # the dashboard still shows a recognised exemplar waiting for its first coverage.
            article.exemplars.set(published_exemplars().filter(coverage_total__gt=0)[:1])
        _publish(article, admin)
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=timezone.now() - dt.timedelta(days=days_ago)
        )
        created += 1
    agency = Agency.objects.filter(code="AG.SKHCN").first()
    for doc_type, number, issuer, date, summary in DOCUMENTS:
        if agency is None or Document.objects.filter(number_symbol=number).exists():
            continue
        document = Document(
            agency=agency,
            doc_type=doc_type,
            number_symbol=number,
            issuer=issuer,
            date=date,
            effective_date=date,
            summary=summary,
            published=True,
            published_at=timezone.now(),
            created_by=admin,
        )
        document.file.save(f"{number.replace('/', '-')}.pdf", ContentFile(PDF), save=False)
        document.save()
        created += 1
    return created


def _organisation(home: Any, admin: Any) -> int:
    page = OrganisationPage(
        title="Giới thiệu và liên hệ",
        slug="gioi-thieu",
        show_in_menus=True,
        live=False,
        body=(
            "<p>Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh An "
            "Giang; từ ngày 01/3/2025 tiếp nhận chức năng của Sở Thông tin và Truyền thông.</p>"
            "<h2>Cơ cấu tổ chức</h2><ul><li>Ban Giám đốc</li><li>Văn phòng Sở</li>"
            "<li>Phòng Quản lý khoa học</li><li>Phòng Chuyển đổi số</li></ul>"
        ),
        address="Số 1 Lê Lợi, phường Long Xuyên, tỉnh An Giang",
        phone="0296 3852 000",
        email="skhcn@angiang.gov.vn",
        working_hours="Thứ Hai đến thứ Sáu, 7 giờ 00 – 11 giờ 00 và 13 giờ 00 – 17 giờ 00",
        title_en="About us and contacts",
        body_en=(
            "<p>The Department of Science and Technology is a specialised agency of the An Giang "
            "Provincial People's Committee; since 1 March 2025 it also carries out the functions "
            "of the former Department of Information and Communications.</p>"
        ),
        address_en="1 Le Loi Street, Long Xuyen Ward, An Giang Province, Viet Nam",
        working_hours_en="Monday to Friday, 7:00–11:00 and 13:00–17:00",
    )
    page.contacts = [
        FocalContact(
            name="Trần Thị Hồng Nhung",
            position="Chánh Văn phòng, đầu mối thi đua, khen thưởng",
            position_en="Chief of Office, focal point for emulation and commendation",
            phone="0296 3852 001",
            email="vanphong.skhcn@angiang.gov.vn",
        )
    ]
    home.add_child(instance=page)
    _publish(page, admin)
    return 1
