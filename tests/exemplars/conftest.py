import pytest

from tests.exemplars.factories import make_field


@pytest.fixture
def field_shared(province):
    """A field set by the province for every agency."""
    return make_field(None, "Cải cách hành chính")


@pytest.fixture
def field_a(agency_a):
    return make_field(agency_a, "Khoa học và công nghệ")
