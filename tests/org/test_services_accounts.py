"""The Office gives a staff member an account; the person sets the password from an e-mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.org.factories import PersonFactory
from thidua.org import services
from thidua.org.models import RoleAssignment
from thidua.org.models.role import Role

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


@pytest.fixture
def newcomer(division_a):
    return PersonFactory(
        full_name="Nguyễn Thị Ánh Tuyết", agency=division_a, email="tuyet@angiang.gov.vn"
    )


def test_username_suggestion_follows_vietnamese_habit(db):
    assert services.suggest_username("Nguyễn Thị Ánh Tuyết") == "tuyetnta"
    get_user_model().objects.create(username="tuyetnta")
    assert services.suggest_username("Nguyễn Thị Ánh Tuyết") == "tuyetnta2"


def test_office_creates_an_account_and_the_person_sets_a_password(office_a, newcomer, client):
    user = services.account_create(newcomer, actor=office_a, username="TuyetNTA")
    assert user.username == "tuyetnta"
    assert (user.first_name, user.last_name) == ("Tuyết", "Nguyễn Thị Ánh")
    assert not user.has_usable_password()
    newcomer.refresh_from_db()
    assert newcomer.user == user
    assert RoleAssignment.objects.filter(
        user=user, agency=newcomer.agency, role=Role.STAFF
    ).exists()

    assert mail.outbox == []  # sent by the worker, after commit
    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tuyet@angiang.gov.vn"]
    assert "tuyetnta" in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    new_password = "Mat-khau-moi-cua-Tuyet-2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    login = client.post(
        reverse("wagtailadmin_login"), {"username": "tuyetnta", "password": new_password}
    )
    assert login.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_account_requires_an_email(office_a, division_a):
    person = PersonFactory(full_name="Lê Văn Không Thư", agency=division_a, email="")
    with pytest.raises(ValidationError, match="chưa có thư điện tử"):
        services.account_create(person, actor=office_a, username="khongthu")
    assert not get_user_model().objects.filter(username="khongthu").exists()


def test_username_must_be_free_and_valid(office_a, newcomer):
    with pytest.raises(ValidationError, match="đã có người dùng"):
        services.account_create(newcomer, actor=office_a, username="vanphong.a")
    with pytest.raises(ValidationError, match="không có dấu cách"):
        services.account_create(newcomer, actor=office_a, username="tuyết nta")


def test_only_the_office_of_the_unit_creates_accounts(office_b, unit_head_a, newcomer):
    for outsider in (office_b, unit_head_a):
        with pytest.raises(PermissionDenied):
            services.account_create(newcomer, actor=outsider, username="tuyetnta")


def test_a_person_gets_one_account(office_a, newcomer):
    services.account_create(newcomer, actor=office_a, username="tuyetnta")
    with pytest.raises(ValidationError, match="đã có tài khoản"):
        services.account_create(newcomer, actor=office_a, username="tuyetnta2")


def test_back_office_screen(office_a, newcomer, client_for):
    client = client_for(office_a)
    url = reverse("org:account_create", args=[newcomer.pk])
    assert url in client.get(reverse("people:index")).text
    form = client.get(url).text
    assert 'value="tuyetnta"' in form
    assert "province_admin" not in form
    response = client.post(url, {"username": "tuyetnta", "role": Role.STAFF})
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="tuyetnta", person=newcomer).exists()
    assert url not in client.get(reverse("people:index")).text
