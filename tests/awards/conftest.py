from __future__ import annotations

import pytest

from tests.awards.factories import make_person


@pytest.fixture
def nominee_a(division_a):
    """A staff member of division A1 (no account)."""
    return make_person(division_a, "Huỳnh Văn Phúc")


@pytest.fixture
def nominee_b(division_b):
    return make_person(division_b, "Trương Thị Kim Yến")
