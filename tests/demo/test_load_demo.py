"""`manage.py load_demo`: the demo province, loaded once, loaded again without change."""

from __future__ import annotations

import io
import re
import stat
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, Site

from thidua.demo.data.accounts import ACCOUNTS, PROVINCE_ADMIN_USERNAME
from thidua.org.models import (
    Agency,
    Bloc,
    BlocMembership,
    BlocTerm,
    Employment,
    Person,
    RoleAssignment,
)
from thidua.org.models.role import Role
from thidua.portal.models import HomePage

pytestmark = pytest.mark.django_db

USERNAMES = {a.username for a in ACCOUNTS}
# Province codes of the citizen ID numbers the generator uses (data/names.py).
ID_NUMBER = re.compile(r"^(089|091|092|087|079)[0-3]\d{8}$")


@pytest.fixture(autouse=True)
def fast_hashing(settings):  # type: ignore[no-untyped-def]
    # Argon2 is the product's hasher; a fast one keeps the suite quick and changes nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(credentials: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_demo", *args, credentials=str(credentials), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def credentials(tmp_path: Path) -> Path:
    path = tmp_path / "demo-credentials.txt"
    load(path)
    return path


def passwords_in(path: Path) -> dict[str, str]:
    """username → password, from the rows of the credentials file."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in USERNAMES:
            found[parts[0]] = parts[1]
    return found


def counts() -> dict[str, int]:
    models = {
        "agencies": Agency,
        "people": Person,
        "employments": Employment,
        "users": get_user_model(),
        "roles": RoleAssignment,
        "blocs": Bloc,
        "bloc members": BlocMembership,
        "bloc terms": BlocTerm,
        "log entries": ModelLogEntry,
        "page log entries": PageLogEntry,
        "pages": Page,
        "revisions": Revision,
        "sites": Site,
    }
    return {name: model.objects.count() for name, model in models.items()}


def test_second_run_reuses_the_data_and_keeps_the_passwords(credentials: Path) -> None:
    before = counts()
    file_before = credentials.read_bytes()
    hashes = dict(get_user_model().objects.values_list("username", "password"))

    out, err = load(credentials)

    assert counts() == before
    assert credentials.read_bytes() == file_before
    assert dict(get_user_model().objects.values_list("username", "password")) == hashes
    assert "Không có gì mới" in out
    assert err == ""


def test_about_two_hundred_people_with_real_looking_records(credentials: Path) -> None:
    people = list(Person.objects.select_related("agency"))
    assert 190 <= len(people) <= 230
    with_id = [p for p in people if p.id_number]
    assert 0.8 * len(people) <= len(with_id) < len(people)
    assert all(ID_NUMBER.match(p.id_number) for p in with_id)
    assert all(1965 <= p.date_of_birth.year <= 2000 for p in people)
    assert {p.gender for p in people} == {"male", "female"}
    assert all(p.email.endswith("@angiang.gov.vn") for p in people)
    # Spread over the units, never on the province itself.
    assert len({p.agency_id for p in people}) >= 35
    assert not any(p.agency.kind == Agency.Kind.PROVINCE for p in people)
    positions = {p.position for p in people}
    assert {"Giám đốc", "Phó Giám đốc", "Chánh Văn phòng", "Trưởng phòng", "Văn thư"} <= positions


def test_the_province_and_its_departments(credentials: Path) -> None:
    root = Agency.objects.get(code="AG")
    assert (root.kind, root.symbol, root.parent_id) == (Agency.Kind.PROVINCE, "UBND", None)
    assert root.name == "Ủy ban nhân dân tỉnh An Giang"
    departments = set(
        Agency.objects.filter(parent=root, kind=Agency.Kind.DEPARTMENT).values_list(
            "symbol", flat=True
        )
    )
    assert {"SKHCN", "STTTT", "SNV", "STC", "SVHTTDL"} <= departments
    board = Agency.objects.get(code="AG.SNV.BTDKT")
    assert (board.name, board.kind, board.parent.code) == (
        "Ban Thi đua – Khen thưởng",
        Agency.Kind.UNIT,
        "AG.SNV",
    )
    # Paths are maintained by the services: every agency sits under its parent's path.
    for agency in Agency.objects.select_related("parent").exclude(pk=root.pk):
        assert agency.path == f"{agency.parent.path}{agency.pk}/"


def test_every_role_is_held_and_accounts_belong_to_people(credentials: Path) -> None:
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    users = get_user_model().objects.filter(username__in=USERNAMES)
    assert users.count() == len(ACCOUNTS)
    assert Person.objects.filter(user__in=users).count() == len(ACCOUNTS)
    admin = RoleAssignment.objects.get(role=Role.PROVINCE_ADMIN)
    assert (admin.user.username, admin.agency.code) == (PROVINCE_ADMIN_USERNAME, "AG")
    assert not users.filter(is_superuser=True).exists()
    # Every organisational write after the bootstrap was made by the province admin, through the
    # services (the domain stages act as the office staff, unit heads and council who do them).
    org_entries = ModelLogEntry.objects.filter(
        content_type__app_label="org",
        content_type__model__in=["agency", "person", "roleassignment"],
    )
    actors = set(org_entries.values_list("user__username", flat=True))
    assert actors == {PROVINCE_ADMIN_USERNAME}


def test_sttttt_is_merged_into_the_science_department(credentials: Path) -> None:
    stttt = Agency.objects.get(code="AG.STTTT")
    khcn = Agency.objects.get(code="AG.SKHCN")
    assert stttt.successor == khcn
    assert stttt.is_read_only
    assert stttt.valid_to.isoformat() == "2025-02-28"
    assert stttt.name == "Sở Thông tin và Truyền thông tỉnh An Giang"
    assert not Person.objects.filter(agency=stttt).exists()
    # Its former director now works at Sở KH&CN, with both periods in the employment history.
    director = Person.objects.get(user__username="phogiamdoc.khcn")
    assert (director.agency, director.position) == (khcn, "Phó Giám đốc")
    history = [(e.agency.code, e.position, str(e.end_date)) for e in director.employments.all()]
    assert history == [
        ("AG.STTTT", "Giám đốc", "2025-02-28"),
        ("AG.SKHCN", "Phó Giám đốc", "None"),
    ]
    # Its role, its units and its people followed it.
    assert RoleAssignment.objects.filter(user=director.user, agency=khcn).exists()
    assert not RoleAssignment.objects.filter(agency=stttt).exists()
    press = Agency.objects.get(code="AG.STTTT.TTBCXB")
    assert press.parent == khcn and press.path.startswith(khcn.path)
    moved = Person.objects.filter(employments__agency__code__startswith="AG.STTTT").distinct()
    assert moved.count() >= 30
    assert all(p.agency.path.startswith(khcn.path) for p in moved)
    # Divisions with a counterpart merged into it and stay read-only under the old department.
    office = Agency.objects.get(code="AG.STTTT.VP")
    assert office.successor.code == "AG.SKHCN.VP" and office.parent == stttt
    # It left the bloc with the merger.
    membership = BlocMembership.objects.get(agency=stttt)
    assert membership.until_year == 2024  # it did not finish 2025, so it is no member that year


def test_the_bloc_has_members_and_terms(credentials: Path) -> None:
    bloc = Bloc.objects.get()
    assert "khoa học, văn hóa – xã hội" in bloc.name
    assert bloc.memberships.filter(since_year=2024).count() >= 4
    terms = {t.year: (t.leader.code, t.deputy.code) for t in bloc.terms.all()}
    assert terms[2025] == ("AG.SVHTTDL", "AG.SKHCN")
    assert terms[2026] == ("AG.SKHCN", "AG.SGDDT")


def test_credentials_file_is_private_and_complete(credentials: Path) -> None:
    mode = stat.S_IMODE(credentials.stat().st_mode)
    assert mode == 0o600
    text = credentials.read_text(encoding="utf-8")
    assert "http://127.0.0.1:" in text and "/admin/" in text
    assert "xác thực hai lớp" in text
    passwords = passwords_in(credentials)
    assert set(passwords) == USERNAMES
    for user in get_user_model().objects.filter(username__in=USERNAMES):
        assert user.check_password(passwords[user.username])


def test_no_password_in_any_committed_file(credentials: Path) -> None:
    root = Path(settings.BASE_DIR)
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.split(b"\0")
    passwords = [p.encode() for p in passwords_in(credentials).values()]
    for name in filter(None, tracked):
        path = root / name.decode()
        if path.is_file():
            data = path.read_bytes()
            assert not any(p in data for p in passwords), name


def test_missing_file_is_reported_then_reset(tmp_path: Path, credentials: Path) -> None:
    old = passwords_in(credentials)
    credentials.unlink()

    _out, err = load(credentials)
    assert not credentials.exists()
    assert "--reset-passwords" in err

    load(credentials, "--reset-passwords")
    new = passwords_in(credentials)
    assert set(new) == USERNAMES
    assert all(new[u] != old[u] for u in USERNAMES)
    user = get_user_model().objects.get(username="vanphong.khcn")
    assert user.check_password(new["vanphong.khcn"])


def test_home_page_is_served_at_the_root(credentials: Path, client) -> None:  # type: ignore[no-untyped-def]
    home = HomePage.objects.get()
    assert home.live and home.title == "Thi đua – Khen thưởng tỉnh An Giang"
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    # Wagtail's "Welcome" page is gone: the home page is the root's only child.
    assert [p.pk for p in Page.get_first_root_node().get_children()] == [home.pk]

    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert "Thi đua – Khen thưởng tỉnh An Giang" in response.content.decode()


def test_accounts_reach_the_back_office(credentials: Path, client) -> None:  # type: ignore[no-untyped-def]
    users = get_user_model().objects
    client.force_login(users.get(username="vanphong.khcn"))
    assert client.get("/admin/", secure=True).status_code == 200

    # The province admin is sent to set up an authenticator before anything else.
    client.force_login(users.get(username=PROVINCE_ADMIN_USERNAME))
    response = client.get("/admin/", secure=True)
    assert response.status_code == 302
    assert "/admin/2fa/" in response["Location"]
