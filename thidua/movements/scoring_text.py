"""A scoring table written as plain text, for the form where the bloc leader issues a version.

One line per section or criterion::

    I. Thực hiện nhiệm vụ chuyên môn
    1. Hoàn thành chỉ tiêu kế hoạch năm | 20 | minh chứng
    2. Cải cách hành chính | 15
    II. Điểm thưởng, điểm trừ
    3. Được tặng Cờ thi đua của tỉnh | 10 | thưởng
    4. Chậm gửi báo cáo | 5 | trừ

A section starts with a Roman numeral; a criterion with a number, then "|" and its maximum
points, then optional words: "thưởng" (bonus), "trừ" (penalty), "minh chứng" (evidence needed).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.movements.models import Criterion, ScoringTable
from thidua.movements.services import CriterionSpec, SectionSpec
from thidua.movements.services.common import format_points

_SECTION = re.compile(r"^([IVXLC]+)[.)]\s+(.+)$")
_CRITERION = re.compile(r"^(\d+(?:\.\d+)*)[.)]?\s+(.+)$")


def parse_table_text(text: str) -> list[SectionSpec]:
    sections: list[SectionSpec] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        section = _SECTION.match(line)
        if section and "|" not in line:
            sections.append(SectionSpec(section.group(1), section.group(2).strip()))
            continue
        criterion = _CRITERION.match(line)
        if criterion is None or "|" not in line:
            raise ValidationError(
                _(
                    "Dòng %(n)d: “%(line)s” không phải mục (I., II., …) hay tiêu chí "
                    "(1. Nội dung | điểm tối đa)."
                )
                % {"n": number, "line": line[:60]}
            )
        if not sections:
            raise ValidationError(
                _("Dòng %(n)d: tiêu chí phải nằm dưới một mục (I., II., …).") % {"n": number}
            )
        parts = [p.strip() for p in criterion.group(2).split("|")]
        try:
            points = Decimal(parts[1].replace(",", "."))
        except (InvalidOperation, IndexError):
            raise ValidationError(
                _("Dòng %(n)d: điểm tối đa “%(v)s” không phải là số.")
                % {"n": number, "v": parts[1] if len(parts) > 1 else ""}
            ) from None
        flags = fold(" ".join(parts[2:]))
        kind = Criterion.Kind.SCORE
        if "thuong" in flags:
            kind = Criterion.Kind.BONUS
        elif "tru" in flags:
            kind = Criterion.Kind.PENALTY
        sections[-1].criteria.append(
            CriterionSpec(
                code=criterion.group(1),
                text=parts[0],
                max_points=points,
                kind=kind,
                evidence_required="minh chung" in flags,
            )
        )
    if not any(s.criteria for s in sections):
        raise ValidationError(_("Bảng điểm cần ít nhất một mục có tiêu chí."))
    return sections


def table_as_text(table: ScoringTable) -> str:
    """The table in the same format, to start the next version from."""
    flags = {Criterion.Kind.BONUS: "thưởng", Criterion.Kind.PENALTY: "trừ"}
    lines = []
    for section in table.sections.prefetch_related("criteria"):
        lines.append(f"{section.code}. {section.title}")
        for c in section.criteria.all():
            extra = [flags[c.kind]] if c.kind in flags else []
            if c.evidence_required:
                extra.append("minh chứng")
            tail = "".join(f" | {e}" for e in extra)
            lines.append(f"{c.code}. {c.text} | {format_points(c.max_points)}{tail}")
    return "\n".join(lines)
