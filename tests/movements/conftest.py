import pytest

from tests.org.factories import make_member
from thidua.org.models.role import Role


@pytest.fixture
def office_province(province):
    """The Office of the province's emulation board: launches province-wide movements."""
    return make_member("vanphong.tinh", province, Role.OFFICE, "Nguyễn Thị Kim Loan")
