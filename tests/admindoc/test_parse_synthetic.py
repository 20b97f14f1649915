# ruff: noqa: E501 -- the sample documents keep their real, long paragraph lines
"""The parser on synthetic documents of other types and layouts than the seeds."""

from __future__ import annotations

import datetime as dt

from thidua.admindoc.parse import parse

# A decision: header table extracted as two columns joined by spaces, articles, TM./KT.
QUYET_DINH = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH KIÊN GIANG                           Độc lập - Tự do - Hạnh phúc
-------                                        ---------------
Số: 125/QĐ-UBND                    Kiên Giang, ngày 05 tháng 01 năm 2026

QUYẾT ĐỊNH
Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh
cho các tập thể và cá nhân có thành tích xuất sắc

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Căn cứ Nghị định số 152/2025/NĐ-CP ngày 20/6/2025 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;
Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 28/12/2025.

QUYẾT ĐỊNH:

Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 tập thể và 05 cá nhân (có danh sách kèm theo).
Điều 2. Mỗi tập thể được thưởng 1.500.000 đồng; mỗi cá nhân được thưởng 750.000 đồng.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:                                        TM. ỦY BAN NHÂN DÂN
- Như Điều 3;                                    KT. CHỦ TỊCH
- CT, các PCT UBND tỉnh;                          PHÓ CHỦ TỊCH
- Lưu: VT, SNV.
                                                 (Đã ký)

                                                 Lê Quốc Anh
"""

# An official letter: no type name, "V/v" summary, columns separated by tabs, dotted date.
CONG_VAN = """\
BỘ NỘI VỤ	CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
	Độc lập - Tự do - Hạnh phúc
Số: 05/BNV-VP	Hà Nội, ngày 5.1.2026
V/v hướng dẫn công tác thi đua,
khen thưởng năm 2026

Kính gửi: Các Sở Nội vụ các tỉnh, thành phố.

Thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ, Bộ Nội vụ đề nghị các Sở Nội vụ thực hiện một số nội dung sau:
1. Tổ chức phát động phong trào thi đua năm 2026, gửi kế hoạch về Bộ Nội vụ trước ngày 15/02/2026.
2. Báo cáo tổng kết công tác thi đua, khen thưởng năm 2025 hoàn thành trong tháng 3/2026.
Đề nghị các Sở Nội vụ quan tâm thực hiện./.

Nơi nhận:	TL. BỘ TRƯỞNG
- Như trên;	CHÁNH VĂN PHÒNG
- Lưu: VT, VP.
	Nguyễn Văn Bình
"""

# A report: the two header columns joined by single spaces, PHẦN I/PHẦN II, 1.1, a).
BAO_CAO = """\
SỞ NỘI VỤ TỈNH AN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN THI ĐUA - KHEN THƯỞNG Độc lập - Tự do - Hạnh phúc
Số: 12/BC-BTĐKT An Giang, ngày 10 tháng 12 năm 2025

BÁO CÁO
Tổng kết công tác thi đua, khen thưởng năm 2025

PHẦN I
KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG
I. Công tác chỉ đạo
1.1. Ban hành văn bản
Trong năm, Ban đã tham mưu ban hành 15 văn bản.
1.2. Tổ chức phong trào
a) Phong trào thi đua thường xuyên
b) Phong trào thi đua theo chuyên đề
PHẦN II
PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026
1. Tiếp tục đổi mới công tác thi đua.
2. Các phòng chuyên môn hoàn thành báo cáo trước quý II/2026.

Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.
TRƯỞNG BAN



Trần Thị Hoa
"""

# A plan typed without diacritics.
NO_DIACRITICS = """\
UBND TINH HA NAM
SO KHOA HOC VA CONG NGHE
CONG HOA XA HOI CHU NGHIA VIET NAM
Doc lap - Tu do - Hanh phuc
So: 07/KH-SKHCN
Ha Nam, ngay 03 thang 02 nam 2024

KE HOACH
To chuc phong trao thi dua nam 2024

Can cu Ke hoach so 15/KH-UBND ngay 10/01/2024 cua UBND tinh ve thi dua nam 2024;

I. MUC DICH, YEU CAU
Dong vien can bo, cong chuc thi dua hoan thanh nhiem vu.
II. NOI DUNG
1. Dot 1: Tu thang 3/2024 den het thang 6/2024
2. Dot 2: Tu thang 7/2024 den het nam 2024
III. TO CHUC THUC HIEN
1. Van phong So chu tri, phoi hop voi cac phong theo doi, tong hop bao cao truoc ngay 15/12/2024.
2. Cac phong chuyen mon phoi hop voi Van phong So trien khai ke hoach.

Noi nhan:
- UBND tinh;
- Luu: VT.
KT. GIAM DOC
PHO GIAM DOC
Tran Van Nam
"""


def test_decision_two_column_header_articles_and_signature() -> None:
    doc = parse(QUYET_DINH)
    assert doc.parent_body is None
    assert doc.issuer == "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"
    assert (doc.number, doc.type_abbr, doc.type_name) == ("125/QĐ-UBND", "QĐ", "Quyết định")
    assert (doc.place, doc.date) == ("Kiên Giang", dt.date(2026, 1, 5))
    assert doc.title == (
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh "
        "cho các tập thể và cá nhân có thành tích xuất sắc"
    )
    assert [b.type_name for b in doc.bases] == ["Luật", "Luật", "Nghị định", "Tờ trình"]
    assert doc.bases[1].date == dt.date(2022, 6, 15)
    decree = doc.bases[2]
    assert (decree.number, decree.date, decree.issuer) == (
        "152/2025/NĐ-CP",
        dt.date(2025, 6, 20),
        "Chính phủ",
    )
    assert [s.number for s in doc.sections] == ["Điều 1", "Điều 2", "Điều 3"]
    assert doc.sections[2].title.endswith("thi hành Quyết định này.")
    assert doc.recipients == ["Như Điều 3", "CT, các PCT UBND tỉnh", "Lưu: VT, SNV"]
    assert doc.signer is not None
    assert doc.signer.authority == "KT."
    assert doc.signer.positions == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert doc.signer.name == "Lê Quốc Anh"


def test_official_letter_without_type_name() -> None:
    doc = parse(CONG_VAN)
    assert doc.issuer == "BỘ NỘI VỤ"
    assert (doc.number, doc.type_abbr, doc.type_name) == ("05/BNV-VP", None, "Công văn")
    assert (doc.place, doc.date) == ("Hà Nội", dt.date(2026, 1, 5))
    assert doc.title == "V/v hướng dẫn công tác thi đua, khen thưởng năm 2026"
    assert doc.bases[0].number == "19/CT-TTg"
    assert doc.bases[0].issuer == "Thủ tướng Chính phủ"
    assert [(d.date) for d in doc.deadlines] == [dt.date(2026, 2, 15), dt.date(2026, 3, 31)]
    assert doc.recipients == ["Như trên", "Lưu: VT, VP"]
    assert doc.signer is not None
    assert (doc.signer.authority, doc.signer.name) == ("TL.", "Nguyễn Văn Bình")
    assert doc.signer.positions == ["BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG"]


def test_report_with_parts_and_single_space_joined_header() -> None:
    doc = parse(BAO_CAO)
    assert (doc.parent_body, doc.issuer) == ("SỞ NỘI VỤ TỈNH AN GIANG", "BAN THI ĐUA - KHEN THƯỞNG")
    assert (doc.number, doc.type_name, doc.type_abbr) == ("12/BC-BTĐKT", "Báo cáo", "BC")
    assert (doc.place, doc.date) == ("An Giang", dt.date(2025, 12, 10))
    part_one, part_two = doc.sections
    assert (part_one.number, part_one.title) == ("PHẦN I", "KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG")
    assert part_two.number == "PHẦN II"
    roman = part_one.children[0]
    assert roman.number == "I"
    assert [c.number for c in roman.children] == ["1.1", "1.2"]
    assert [c.number for c in roman.children[1].children] == ["a", "b"]
    assert doc.deadlines[0].date == dt.date(2026, 3, 31)  # "trước quý II/2026"
    assert doc.signer is not None
    assert (doc.signer.positions, doc.signer.name) == (["TRƯỞNG BAN"], "Trần Thị Hoa")


def test_plan_without_diacritics() -> None:
    doc = parse(NO_DIACRITICS)
    assert doc.quality.diacritics_missing is True
    assert doc.quality.ocr_suspect is False
    assert (doc.parent_body, doc.issuer) == ("UBND TINH HA NAM", "SO KHOA HOC VA CONG NGHE")
    assert (doc.type_name, doc.type_abbr, doc.number) == ("Kế hoạch", "KH", "07/KH-SKHCN")
    assert (doc.place, doc.date) == ("Ha Nam", dt.date(2024, 2, 3))
    assert doc.bases[0].number == "15/KH-UBND"
    assert [(p.name, p.start, p.end) for p in doc.phases] == [
        ("Đợt 1", dt.date(2024, 3, 1), dt.date(2024, 6, 30)),
        ("Đợt 2", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ]
    assert doc.deadlines[0].date == dt.date(2024, 12, 15)
    roles = [(a.unit, a.role) for a in doc.assignments]
    assert roles[0] == ("Van phong So", "lead")
    assert ("Cac phong chuyen mon", "support") in roles
    assert doc.signer is not None
    assert (doc.signer.authority, doc.signer.name) == ("KT.", "Tran Van Nam")


def test_header_variants_of_number_and_date() -> None:
    for line, number, date in [
        ("So: 07/KH-UBND", "07/KH-UBND", None),
        ("Số 7 / QĐ-UBND", "7/QĐ-UBND", None),
        ("Số:        /TB-UBND", None, None),
    ]:
        doc = parse(f"UBND HUYỆN A\n{line}\nXã B, ngày 05-01-2026\n\nTHÔNG BÁO\nVề việc nghỉ lễ\n")
        assert doc.number == number, line
        assert doc.date == dt.date(2026, 1, 5)
        assert doc.type_name == "Thông báo"
        assert date is None


def test_bullets_are_children_sections_and_paragraphs_return_to_parent() -> None:
    doc = parse(
        "KẾ HOẠCH\nThử nghiệm\n\nI. NỘI DUNG\n1. Hình thức\n- Trên Cổng thông tin:\n"
        "+ Chuyên mục thi đua;\n+ Chuyên trang điển hình.\n- Trong cuộc họp giao ban.\n"
        "Đoạn văn sau danh sách.\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Văn phòng Sở chủ trì, theo dõi và báo cáo trước ngày 15/6/2022.\n"
    )
    form = doc.sections[0].children[0]
    assert [c.number for c in form.children] == ["-", "-"]
    assert [c.number for c in form.children[0].children] == ["+", "+"]
    assert form.body == "Đoạn văn sau danh sách."
    assert doc.assignments[0].role == "lead"
    assert doc.deadlines[0].date == dt.date(2022, 6, 15)


def test_blank_number_typed_with_spaces_in_a_two_column_header() -> None:
    doc = parse(
        "UBND TỈNH TÂY NINH            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ       Độc lập - Tự do - Hạnh phúc\n"
        "Số:      /KH-SKHCN          Tây Ninh, ngày 20 tháng 3 năm 2020\n\n"
        "KẾ HOẠCH\nTuyên truyền năm 2020\n\nI. Mục đích\nNâng cao nhận thức.\n"
    )
    assert (doc.parent_body, doc.issuer) == ("UBND TỈNH TÂY NINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert (doc.number, doc.type_abbr) == (None, "KH")
    assert (doc.place, doc.date) == ("Tây Ninh", dt.date(2020, 3, 20))
