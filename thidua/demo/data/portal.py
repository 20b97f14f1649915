"""The portal's home page."""

from __future__ import annotations

HOME_TITLE = "Thi đua – Khen thưởng tỉnh An Giang"
HOME_SLUG = "trang-chu"
SITE_NAME = "Thi đua – Khen thưởng tỉnh An Giang"
HOME_INTRO = (
    "<p>Chuyên mục thi đua, khen thưởng của các sở, ban, ngành tỉnh An Giang: phong trào thi đua "
    "yêu nước, gương điển hình tiên tiến, mô hình mới, nhân tố mới, người tốt việc tốt, cùng các "
    "quyết định khen thưởng đã ban hành.</p>"
    "<p>Từ ngày 01/3/2025, Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công nghệ; "
    "từ ngày 01/7/2025, tỉnh Kiên Giang và tỉnh An Giang hợp nhất thành tỉnh An Giang. Hồ sơ, "
    "văn bản của các cơ quan trước sắp xếp vẫn được lưu giữ và tra cứu tại đây.</p>"
)
