"""Large files go through the background task, run by the real database backend and worker."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.org.import_helpers import import_media, upload, xlsx  # noqa: F401
from thidua.org.models import ImportJob, Person
from thidua.org.services import import_confirm, import_start

pytestmark = [pytest.mark.usefixtures("import_media"), pytest.mark.django_db(transaction=True)]


def run_worker() -> None:
    """What `manage.py db_worker --batch` does: run every queued task, then exit."""
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def test_large_file_is_validated_and_applied_in_the_background(settings, office_a, agency_a):
    settings.THIDUA_IMPORT_ASYNC_ROWS = 5
    rows = [
        [f"Cán bộ số {i}", "Nam", "05/01/1985", f"0010850{i:05d}", None, "SKHCN", None, None]
        for i in range(12)
    ]

    job = import_start(upload(xlsx(None, rows)), actor=office_a, agency=agency_a)

    assert job.status == ImportJob.Status.UPLOADED  # nothing read in the request
    assert DBTaskResult.objects.filter(task_path="thidua.org.tasks.run_import").count() == 1
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID, job.errors
    assert (job.total_rows, job.processed_rows) == (12, 12)
    assert not Person.objects.filter(full_name__startswith="Cán bộ số").exists()

    job = import_confirm(job, actor=office_a, only_valid_rows=False)

    assert job.status == ImportJob.Status.APPLYING  # queued, not applied in the request
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert job.progress_percent == 100
    assert Person.objects.filter(full_name__startswith="Cán bộ số").count() == 12
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
