"""Import workbooks (personal data) are stored privately: outside MEDIA_ROOT, with no URL."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.org.import_helpers import upload, xlsx
from thidua.org.services import import_start

pytestmark = pytest.mark.django_db

PEOPLE = [["Lâm Thị Diệu", "Nữ", "12/03/1988", "089188000123", "Chuyên viên", "SKHCN", None, None]]


def test_import_workbook_is_not_under_media_root_and_has_no_url(
    office_a, agency_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    job = import_start(upload(xlsx(None, PEOPLE)), actor=office_a, agency=agency_a)

    stored = Path(job.file.path)
    assert stored.exists()
    assert stored.is_relative_to(tmp_path / "private")
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018  (no URL may be built for a private file)


def test_production_private_root_lies_outside_media_root():
    private = Path(django_settings.PRIVATE_ROOT).resolve()
    media = Path(django_settings.MEDIA_ROOT).resolve()
    assert not private.is_relative_to(media)
