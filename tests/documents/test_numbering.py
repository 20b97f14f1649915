import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.concurrency import require_postgresql, run_in_processes
from thidua.documents.models import OutgoingNumber
from thidua.documents.services import number_cancel, number_reserve
from thidua.org.models import Agency

D = dt.date(2026, 3, 15)


def test_numbers_follow_per_agency_type_and_year(agency_a, agency_b, office_a):
    first = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)
    second = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)
    other_type = number_reserve(agency=agency_a, type_abbr="QĐ", date=D, actor=office_a)
    other_agency = number_reserve(agency=agency_b, type_abbr="KH", date=D, actor=office_a)
    next_year = number_reserve(
        agency=agency_a, type_abbr="KH", date=dt.date(2027, 1, 1), actor=office_a
    )

    assert (first.number, second.number, other_type.number) == (1, 2, 1)
    assert other_agency.number == 1 and next_year.number == 1
    assert first.symbol == f"01/KH-{agency_a.symbol or agency_a.code.upper()}"


def test_cancelled_number_is_kept_and_never_reused(agency_a, office_a):
    first = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)
    with pytest.raises(ValidationError):
        number_cancel(first, reason="  ", actor=office_a)
    number_cancel(first, reason="Sai trích yếu", actor=office_a)

    again = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)

    assert again.number == 2
    assert OutgoingNumber.objects.get(pk=first.pk).status == OutgoingNumber.Status.CANCELLED


def test_merged_agency_numbers_from_its_successor(agency_a, agency_b, office_a):
    Agency.objects.filter(pk=agency_b.pk).update(valid_to=dt.date(2026, 1, 31), successor=agency_a)
    agency_b.refresh_from_db()

    entry = number_reserve(agency=agency_b, type_abbr="KH", date=D, actor=office_a)

    assert entry.agency == agency_a


def _reserve(agency_id: int) -> int:
    agency = Agency.objects.get(pk=agency_id)
    return number_reserve(agency=agency, type_abbr="KH", date=D, actor=None).number


def test_concurrent_requests_never_share_a_number(transactional_db, agency_a):
    require_postgresql()
    numbers = run_in_processes(_reserve, *[(agency_a.pk,)] * 6)
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]
