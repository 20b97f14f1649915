import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["propaganda", "plans", "movements", "exemplars", "awards"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_render(page, build_world, office_a, client_for):
    build_world(1)
    response = client_for(office_a).get(reverse(f"reports:{page}"))
    assert response.status_code == 200, response.content[:2000]
