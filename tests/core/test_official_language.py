"""Official documents come out in Vietnamese even when the user reads the UI in English."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.awards import reports
from thidua.awards.services import certificates, decision_document, minutes
from thidua.core.i18n import in_official_language
from thidua.movements import exports
from thidua.plans import export


def test_strings_inside_an_official_builder_stay_vietnamese():
    @in_official_language
    def build() -> str:
        return _("Khen thưởng")

    with translation.override("en"):
        assert _("Khen thưởng") != "Khen thưởng"  # the UI is English
        assert build() == "Khen thưởng"
        assert translation.get_language() == "en"  # and stays English afterwards


@pytest.mark.parametrize(
    "builder",
    [
        export.plan_document,
        exports.ranking_docx,
        minutes.minutes_document,
        decision_document.decision_document,
        reports.achievement_report,
        certificates.certificate_docx,
    ],
)
def test_every_document_builder_writes_in_vietnamese(builder):
    assert getattr(builder, "__wrapped__", None) is not None, builder.__name__
