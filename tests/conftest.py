"""Personas used across the suite (STYLE.md: defined once, used everywhere).

The world: a province with two departments, A and B, each with a division.
- office_a: the Office (focal point) of department A
- unit_head_a: head of division A1
- staff_a: a staff member of division A1
- office_b: the Office of department B
- province_admin: province-level administrator (two-factor login required)
- anonymous: not logged in (Django's test client without login)
"""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.org.factories import make_agency, make_member
from thidua.org.models import Agency
from thidua.org.models.role import Role


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test (browser, concurrency) starts from the migrated data.

    A transactional test ends by emptying every table, which also removes what migrations wrote
    (Wagtail's root page and locale, the awards catalogue, content types). With serialized
    rollback each such test reloads that data first, and the emptying leaves content types alone,
    so tests pass in any order and on any xdist worker.
    """
    implies_transaction = {"transactional_db", "live_server"}
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        transactional = bool(fixtures & implies_transaction) or bool(
            marker and marker.kwargs.get("transaction")
        )
        if transactional and not (marker and marker.kwargs.get("serialized_rollback")):
            kwargs = dict(marker.kwargs) if marker else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(
                pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False
            )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that do not test hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    """Private uploads of a test go to its own temporary folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "thidua.core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture(autouse=True)
def _own_portal_generation(settings, tmp_path):
    """Each test has its own portal generation file (with the local-memory cache the generation
    lives in a file shared by the processes of one host): tests on other workers never purge it."""
    settings.THIDUA_PORTAL_GENERATION_FILE = str(tmp_path / "portal-generation")


@pytest.fixture
def province(db) -> Agency:
    return make_agency(
        None,
        code="TINH",
        name="Ủy ban nhân dân tỉnh An Giang",
        kind=Agency.Kind.PROVINCE,
        symbol="UBND",
    )


@pytest.fixture
def agency_a(province) -> Agency:
    return make_agency(province, code="SKHCN", name="Sở Khoa học và Công nghệ", symbol="SKHCN")


@pytest.fixture
def division_a(agency_a) -> Agency:
    return make_agency(
        agency_a,
        code="SKHCN-VP",
        name="Văn phòng Sở Khoa học và Công nghệ",
        kind=Agency.Kind.DIVISION,
    )


@pytest.fixture
def agency_b(province) -> Agency:
    return make_agency(province, code="SNV", name="Sở Nội vụ", symbol="SNV")


@pytest.fixture
def division_b(agency_b) -> Agency:
    return make_agency(
        agency_b, code="SNV-BTDKT", name="Ban Thi đua – Khen thưởng", kind=Agency.Kind.UNIT
    )


@pytest.fixture
def office_a(agency_a, division_a):
    return make_member("vanphong.a", agency_a, Role.OFFICE, "Trần Thị Hồng Nhung")


@pytest.fixture
def unit_head_a(division_a):
    return make_member("truongphong.a", division_a, Role.UNIT_HEAD, "Lê Văn Dũng")


@pytest.fixture
def staff_a(division_a):
    return make_member("canbo.a", division_a, Role.STAFF, "Phạm Thị Thảo")


@pytest.fixture
def office_b(agency_b, division_b):
    return make_member("vanphong.b", agency_b, Role.OFFICE, "Đặng Quốc Bảo")


@pytest.fixture
def unit_head_b(division_b):
    return make_member("truongban.b", division_b, Role.UNIT_HEAD, "Võ Thanh Tùng")


@pytest.fixture
def leader_a(agency_a):
    return make_member("giamdoc.a", agency_a, Role.LEADERSHIP, "Nguyễn Hữu Phước")


@pytest.fixture
def editor_a(agency_a):
    return make_member("bientap.a", agency_a, Role.EDITOR, "Lâm Thị Mỹ Duyên")


@pytest.fixture
def council_secretary_a(agency_a):
    return make_member("thuky.a", agency_a, Role.COUNCIL_SECRETARY, "Châu Ngọc Hân")


@pytest.fixture
def council_members_a(agency_a, division_a):
    """Three council members of agency A; the second works in division A (a direct superior
    of its staff for recusal)."""
    return [
        make_member("hoidong1.a", agency_a, Role.COUNCIL_MEMBER, "Trịnh Văn Lộc"),
        make_member("hoidong2.a", division_a, Role.COUNCIL_MEMBER, "Ông Thị Kim Liên"),
        make_member("hoidong3.a", agency_a, Role.COUNCIL_MEMBER, "Tạ Quang Vinh"),
    ]


@pytest.fixture
def province_admin(province):
    return make_member("quantri.tinh", province, Role.PROVINCE_ADMIN, "Huỳnh Minh Trí")


@pytest.fixture
def client_for():
    """A logged-in test client; users who must use two factors get a verified session."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return make
