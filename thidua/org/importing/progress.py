"""Progress of an import, as the job page shows it.

Two phases, two channels, because of how the database behaves while each runs:

- Validation only reads domain tables. The reader reports every few hundred rows and each report
  is a one-row UPDATE of ``ImportJob.processed_rows`` in its own short transaction (autocommit),
  so the web process sees it at once, on SQLite (WAL) and PostgreSQL alike.
- Applying is ONE transaction (all or nothing). Counters written inside it stay invisible to
  other connections until commit, and on SQLite a second connection cannot write at all while
  it runs (the write lock is held). So the apply step reports through the cache instead. With
  Redis (``REDIS_URL``, any deployment with a separate worker) every process sees it; with the
  local-memory cache of a single laptop process the page shows the step without a percentage
  until it finishes. At commit ``processed_rows`` is set to the total, i.e. 100 %.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from thidua.org.models import ImportJob

_TIMEOUT = 6 * 3600


def _key(job_id: int) -> str:
    return f"thidua:import:{job_id}:apply"


def report_validation(job_id: int, rows: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(processed_rows=rows)


def report_apply(job_id: int, done: int, total: int) -> None:
    cache.set(_key(job_id), {"done": done, "total": total}, _TIMEOUT)


def clear_apply(job_id: int) -> None:
    cache.delete(_key(job_id))


def progress_of(job: ImportJob) -> dict[str, Any]:
    """{"percent": int | None, "phase": str}; percent None when it cannot be known."""
    if job.status == ImportJob.Status.APPLYING:
        data = cache.get(_key(job.pk))
        if data and data.get("total"):
            return {
                "percent": min(100, round(100 * data["done"] / data["total"])),
                "phase": "apply",
            }
        return {"percent": None, "phase": "apply"}
    if job.status == ImportJob.Status.DONE:
        return {"percent": 100, "phase": "done"}
    if job.status in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATING):
        return {"percent": job.progress_percent, "phase": "validate"}
    return {"percent": job.progress_percent, "phase": "other"}
