"""The emulation bloc of the science, culture and social departments (the seeds' "Khối 3")."""

from __future__ import annotations

BLOC_CODE = "AG.KHOI3"
BLOC_NAME = "Khối thi đua các cơ quan khoa học, văn hóa – xã hội (Khối 3)"
BLOC_DESCRIPTION = (
    "Khối thi đua số 3 của tỉnh An Giang, gồm các sở phụ trách khoa học, công nghệ, thông tin, "
    "văn hóa, giáo dục và y tế. Khối trưởng, khối phó luân phiên hằng năm; các thành viên ký "
    "giao ước thi đua đầu năm và chấm điểm chéo cuối năm."
)
MEMBERS_SINCE = 2024
MEMBERS: tuple[str, ...] = ("AG.SKHCN", "AG.STTTT", "AG.SVHTTDL", "AG.SGDDT", "AG.SYT")
# year → (leader, deputy). In 2024 the Sở TT&TT led the bloc; it left it with the 2025 merger.
TERMS: dict[int, tuple[str, str]] = {
    2024: ("AG.STTTT", "AG.SYT"),
    2025: ("AG.SVHTTDL", "AG.SKHCN"),
    2026: ("AG.SKHCN", "AG.SGDDT"),
}
