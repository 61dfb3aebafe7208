"""Reads from a PostgreSQL streaming replica, everything else from the primary (issue 19 item 5, ADR 0046).

When `DATABASE_REPLICA_URL` is set, settings add a `replica` database and `PrimaryReplicaRouter`:

- writes, migrations and every read inside a transaction go to the primary (`default`);
- a request is *pinned* to the primary when it is not a safe method, when it carries a session
  (staff in the office, a citizen signed in) or when the same browser wrote within the last
  `GONGKAI_READ_YOUR_WRITES_SECONDS` (the `gk_rw` cookie set after every successful write) — so a
  user never sees their own write as missing, however far the replica lags;
- anything outside a request (the worker's jobs, management commands, the shell) is pinned;
- the rest — anonymous public reads — go to the replica while it answers and lags by no more than
  `GONGKAI_REPLICA_MAX_LAG_SECONDS`; this node re-probes it every `GONGKAI_REPLICA_CHECK_SECONDS`.
  A query that fails on the replica marks it down and the request is served again from the primary.

The probe result is per process on purpose: it is this node's view of its own connection to the
replica, not state shared between requests.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections

REPLICA = "replica"
COOKIE = "gk_rw"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

log = logging.getLogger(__name__)

# Pinned to the primary unless a request says otherwise: jobs and commands never read stale rows.
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_db_pinned", default=True)
_used_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_db_used_replica", default=False)


class _Health:
    checked_at = float("-inf")
    usable = False
    lag = None  # seconds behind the primary at the last probe (None: not measured)


_health = _Health()

# Seconds the replica is behind: 0 when it has replayed everything it received, else the age of the
# last transaction it replayed (a paused or stalled replay grows this); an unknown age counts as huge.
_LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0 "
    "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9) END"
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _probe() -> tuple[bool, float | None]:
    conn = connections[REPLICA]
    try:
        with conn.cursor() as cursor:
            if conn.vendor == "postgresql":
                cursor.execute(_LAG_SQL)
                lag = float(cursor.fetchone()[0])
                return lag <= settings.GONGKAI_REPLICA_MAX_LAG_SECONDS, lag
            cursor.execute("SELECT 1")
            return True, None
    except (OperationalError, InterfaceError) as exc:
        log.warning("replica unusable, reading from the primary: %s", exc)
        with contextlib.suppress(Exception):  # a broken connection may fail to close; it is dropped
            conn.close()
        return False, None


def replica_usable() -> bool:
    if not replica_configured():
        return False
    now = time.monotonic()
    if now - _health.checked_at >= settings.GONGKAI_REPLICA_CHECK_SECONDS:
        _health.checked_at = now
        _health.usable, _health.lag = _probe()
    return _health.usable


def mark_replica_down() -> None:
    _health.checked_at = time.monotonic()
    _health.usable = False


def health() -> dict:
    """For /healthz and the cluster script: is a replica configured, usable, and how far behind."""
    if not replica_configured():
        return {"configured": False}
    usable = replica_usable()
    return {"configured": True, "usable": usable, "lag_seconds": _health.lag}


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label == "django_cache":  # the database cache holds counters and previews
            return DEFAULT_DB_ALIAS
        if _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if replica_usable():
            _used_replica.set(True)
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def _recent_write(request) -> bool:
    try:
        return float(request.COOKIES.get(COOKIE, "0")) > time.time()
    except ValueError:
        return False


def should_pin(request) -> bool:
    return (
        request.method not in SAFE_METHODS
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or _recent_write(request)
        or request.path.startswith("/office/")
    )


class ReadRoutingMiddleware:
    """First in the chain: decides, per request, whether reads may go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = _pinned.set(should_pin(request))
        used = _used_replica.set(False)
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(pinned)
            _used_replica.reset(used)
        if request.method not in SAFE_METHODS and response.status_code < 400 and replica_configured():
            seconds = settings.GONGKAI_READ_YOUR_WRITES_SECONDS
            response.set_cookie(
                COOKIE, str(int(time.time()) + seconds), max_age=seconds, httponly=True, samesite="Lax"
            )
        return response


class ReplicaFailoverMiddleware:
    """Last in the chain: a safe request whose replica query failed is served again from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if request.method not in SAFE_METHODS or not _used_replica.get() or _pinned.get():
            return None
        mark_replica_down()
        log.warning("replica failed during %s, served from the primary: %s", request.path, exception)
        token = _pinned.set(True)
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(token)
