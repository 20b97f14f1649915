"""Periodic jobs (daily reminders, digests, scheduled publishing) claimed exactly once per slot.

Apps register a job from their ``AppConfig.ready``::

    schedule.register("plans.reminders", "thidua.plans.tasks.remind", daily_at=time(6, 30))
    schedule.register("portal.publish", "thidua.portal.tasks.publish", every=timedelta(minutes=1))

``manage.py scheduler`` (started by scripts/serve.sh next to the worker) calls ``run_due`` every
few seconds. A slot is claimed by inserting a ``ScheduledRun`` row whose (job, slot) pair is unique,
in the same transaction that enqueues the task: however many schedulers run, each slot's task is
enqueued once, and the worker that claims it runs it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from thidua.notifications.models import ScheduledRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str  # dotted path to a django_tasks task taking no arguments
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None  # local time (TIME_ZONE) from which the day's run is due

    def slot(self, now: dt.datetime) -> str | None:
        """The slot due at ``now``, or None when the day's run is not due yet."""
        local = timezone.localtime(now)
        if self.daily_at is not None:
            if local.time() < self.daily_at:
                return None
            return local.date().isoformat()
        assert self.every is not None
        seconds = int(self.every.total_seconds())
        return str(int(now.timestamp()) // seconds * seconds)


JOBS: dict[str, PeriodicJob] = {}


def register(
    name: str,
    task_path: str,
    *,
    every: dt.timedelta | None = None,
    daily_at: dt.time | None = None,
) -> None:
    if (every is None) == (daily_at is None):
        raise ValueError("A periodic job needs exactly one of every= or daily_at=")
    if every is not None and every < dt.timedelta(seconds=10):
        raise ValueError("A periodic job cannot run more often than every 10 seconds")
    JOBS[name] = PeriodicJob(name, task_path, every=every, daily_at=daily_at)


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot nobody has claimed; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in sorted(JOBS.values(), key=lambda j: j.name):
        slot = job.slot(now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=slot, claimed_at=now)
                import_string(job.task_path).enqueue()
        except IntegrityError:
            continue  # another scheduler claimed this slot
        enqueued.append(job.name)
    return enqueued
