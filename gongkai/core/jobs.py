"""Periodic jobs (reminders, escalations, openings and closings at their minute).

Apps register idempotent jobs in their AppConfig.ready(); `gongkai worker` runs the due ones every
GONGKAI_WORKER_INTERVAL seconds and tests call `run_due_jobs(now)` directly (ADR 0006).
Visibility by time (an item scheduled for 10:00) is never a job: it is a read-time filter.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

logger = logging.getLogger("gongkai.jobs")


@dataclass
class Job:
    name: str
    func: Callable[[datetime], object]
    every: timedelta
    last_run_at: datetime | None = field(default=None)


_registry: dict[str, Job] = {}


def register(name: str, every: timedelta):
    """Decorator: `@register("workdays.next_year_warning", every=timedelta(hours=1))`."""

    def wrap(func):
        _registry[name] = Job(name, func, every)
        return func

    return wrap


def registered() -> list[Job]:
    return sorted(_registry.values(), key=lambda j: j.name)


def run_due_jobs(now: datetime, *, force: bool = False) -> dict[str, object]:
    """Run every job whose interval has passed; one failing job never stops the others."""
    results: dict[str, object] = {}
    for job in registered():
        if not force and job.last_run_at and now - job.last_run_at < job.every:
            continue
        try:
            results[job.name] = job.func(now)
        except Exception as exc:  # noqa: BLE001 - a worker must survive one job's failure
            logger.exception("job %s failed", job.name)
            results[job.name] = exc
        job.last_run_at = now
    return results
