"""No English string is left in Wagtail's admin: every msgid of Wagtail's catalogues resolves to
a Vietnamese translation through Django's merged catalogue (ours in locale-wagtail/ + Wagtail's)."""

from pathlib import Path

import polib
import pytest
import wagtail
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

WAGTAIL_DIR = Path(wagtail.__file__).parent
# The apps the issue names, plus every other Wagtail app the back office shows.
REQUIRED = ["admin", "snippets", "users", "search", "."]
OTHERS = [
    "documents",
    "images",
    "sites",
    "locales",
    "embeds",
    "contrib/forms",
    "contrib/redirects",
    "contrib/settings",
]


def _catalogue_entries(app: str, domain: str) -> list[polib.POEntry]:
    path = WAGTAIL_DIR / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return []
    return [e for e in polib.pofile(str(path)) if not e.obsolete]


def _untranslated(entries: list[polib.POEntry], catalog) -> list[str]:  # type: ignore[no-untyped-def]
    missing = []
    for entry in entries:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = catalog.get((key, 0)) if entry.msgid_plural else catalog.get(key)
        if not value:
            missing.append(entry.msgid)
    return missing


@pytest.mark.parametrize("app", REQUIRED + OTHERS)
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_no_untranslated_wagtail_strings(app, domain):
    entries = _catalogue_entries(app, domain)
    if not entries:
        return  # this app has no catalogue in this domain
    catalog = DjangoTranslation("vi", domain=domain)._catalog
    missing = _untranslated(entries, catalog)
    assert len(missing) == 0, (
        f"{len(missing)} untranslated in wagtail/{app} {domain}: {missing[:10]}"
    )


def test_admin_strings_come_out_in_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Dashboard") == "Bảng điều khiển"
        assert translation.gettext("Sign in") != "Sign in"
