"""The back office's own search, from the dashboard: scoped, without diacritics."""

import pytest
from django.urls import reverse

from tests.org.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_dashboard_search_box_searches_the_back_office(office_a, client_for):
    page = client_for(office_a).get(reverse("wagtailadmin_home")).text
    assert f'action="{reverse("org:search")}"' in page
    assert "Tìm cán bộ, cơ quan, đơn vị…" in page


def test_search_finds_people_and_agencies_in_scope_only(
    office_a, division_a, division_b, client_for
):
    PersonFactory(full_name="Nguyễn Văn An", agency=division_a, position="Chuyên viên")
    PersonFactory(full_name="Nguyễn Văn Ánh", agency=division_b)
    client = client_for(office_a)
    page = client.get(reverse("org:search"), {"q": "nguyen van an"}).text
    assert "Nguyễn Văn An – Chuyên viên" in page
    assert "Nguyễn Văn Ánh" not in page
    agencies = client.get(reverse("org:search"), {"q": "khoa hoc cong nghe"}).text
    assert "Sở Khoa học và Công nghệ" in agencies
    assert "Sở Nội vụ" not in client.get(reverse("org:search"), {"q": "noi vu"}).text


def test_search_states_say_what_to_do(office_a, client_for):
    client = client_for(office_a)
    assert "tìm được “Nguyễn Văn An”" in client.get(reverse("org:search")).text
    assert (
        "Không tìm thấy kết quả nào cho “zzqx”"
        in client.get(reverse("org:search"), {"q": "zzqx"}).text
    )


def test_many_results_link_to_the_full_listing(office_a, division_a, client_for):
    PersonFactory.create_batch(12, agency=division_a, full_name="Trần Thị Giống")
    page = client_for(office_a).get(reverse("org:search"), {"q": "tran thi giong"}).text
    assert page.count("Trần Thị Giống") == 10
    assert f"{reverse('people:index')}?q=tran+thi+giong" in page


def test_anonymous_cannot_search(client):
    assert client.get(reverse("org:search"), {"q": "a"}).status_code == 302
