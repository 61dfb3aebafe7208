"""Background tasks: one-off work too large for a request, run by `gongkai worker` (ADR 0006, 0023).

`enqueue(kind, …)` stores a `BackgroundTask` row; the periodic job `core.run_tasks` (every worker
round) runs the queued ones oldest first through the handler registered for their kind, which reports
progress with `task.advance(n)`. A failing task is marked failed with its Chinese message; the worker
goes on. Tests call `run_queued()` directly.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from . import jobs
from .errors import DomainError
from .models import BackgroundTask

logger = logging.getLogger("gongkai.tasks")
_handlers: dict[str, Callable[[BackgroundTask, Callable[[int], None]], str]] = {}


def register(kind: str):
    """Decorator: `@register("opendata.commit_upload")` on `handler(task, advance) -> result text`."""

    def wrap(func):
        _handlers[kind] = func
        return func

    return wrap


def enqueue(
    kind: str, *, title: str, params: dict, agency=None, actor=None, total: int = 0
) -> BackgroundTask:
    if kind not in _handlers:
        raise KeyError(f"no handler for background task {kind!r}")
    return BackgroundTask.objects.create(
        kind=kind,
        title=title[:200],
        params=params,
        agency=agency,
        created_by=actor if getattr(actor, "pk", None) else None,
        total=total,
    )


def _claim() -> BackgroundTask | None:
    with transaction.atomic():
        task = (
            BackgroundTask.objects.select_for_update()
            .filter(state=BackgroundTask.State.QUEUED)
            .order_by("id")
            .first()
        )
        if task is None:
            return None
        task.state = BackgroundTask.State.RUNNING
        task.started_at = timezone.now()
        task.save(update_fields=["state", "started_at"])
        return task


def run_one(task: BackgroundTask) -> None:
    def advance(n: int) -> None:
        BackgroundTask.objects.filter(pk=task.pk).update(done=task.done + n)
        task.done += n

    try:
        result = _handlers[task.kind](task, advance)
    except DomainError as exc:
        task.state, task.error = BackgroundTask.State.FAILED, exc.message
    except Exception as exc:  # noqa: BLE001 - the worker survives one task's failure
        logger.exception("background task %s failed", task.pk)
        task.state, task.error = (
            BackgroundTask.State.FAILED,
            f"内部错误（{exc.__class__.__name__}），请联系管理员。",
        )
    else:
        task.state, task.result = BackgroundTask.State.DONE, result or ""
    task.finished_at = timezone.now()
    task.save(update_fields=["state", "error", "result", "finished_at"])


def run_queued(limit: int = 5) -> int:
    count = 0
    while count < limit:
        task = _claim()
        if task is None:
            break
        run_one(task)
        count += 1
    return count


@jobs.register("core.run_tasks", every=timedelta(seconds=0))
def run_tasks(now: datetime) -> int:
    return run_queued()
