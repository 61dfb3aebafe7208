"""After-commit hooks: side effects that must only happen once a transition is durable.

Search indexing, notifications and cache purges register here (e.g. in their AppConfig.ready()):

    from gongkai.publishing import hooks
    hooks.on_published_committed(lambda workflow: index(workflow.content))

Callbacks receive the Workflow and run via `transaction.on_commit`, so a rolled-back transition never
fires them. A failing callback is logged and never undoes the (already committed) transition.
"""

import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger("gongkai.publishing")

Callback = Callable[[object], None]

_callbacks: dict[str, list[Callback]] = {"published": [], "withdrawn": [], "superseded": [], "transition": []}


def _register(event: str, callback: Callback) -> Callback:
    if callback not in _callbacks[event]:
        _callbacks[event].append(callback)
    return callback


def on_published_committed(callback: Callback) -> Callback:
    """Called after the commit that made a workflow `published` (immediately or by publish_due)."""
    return _register("published", callback)


def on_withdrawn_committed(callback: Callback) -> Callback:
    return _register("withdrawn", callback)


def on_superseded_committed(callback: Callback) -> Callback:
    return _register("superseded", callback)


def on_transition_committed(callback: Callback) -> Callback:
    """Called after every committed transition (including `scheduled`); read workflow.state."""
    return _register("transition", callback)


def unregister(callback: Callback) -> None:
    """Tests only."""
    for callbacks in _callbacks.values():
        if callback in callbacks:
            callbacks.remove(callback)


def _run(callback: Callback, workflow) -> None:
    try:
        callback(workflow)
    except Exception:  # noqa: BLE001 - the transition is committed; a side effect must not raise into it
        logger.exception("publishing hook %r failed for workflow %s", callback, workflow.pk)


def schedule(event: str, workflow) -> None:
    """Inside a service's transaction: queue the callbacks of `event` and the generic ones."""
    for callback in [*_callbacks.get(event, []), *_callbacks["transition"]]:
        transaction.on_commit(lambda cb=callback: _run(cb, workflow))
