"""Rate limits and a spam check for forms anyone can post to (comments, messages, interview questions).

The counting is done by the caller against its own table (rows submitted from one address or one
contact since a moment), so a limit holds across worker processes without a shared cache; this module
holds the rule, the fingerprints and the Chinese message. The per-minute limit of the data interfaces,
which have no table of their own to count, counts in `core_ratecount` (`count_in_window`, ADR 0063). Figures are local practice (no law sets
them): a burst of BURST.count in BURST.window, and at most HOURLY.count per hour.
"""

import hashlib
import hmac
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from .errors import DomainError


class Throttled(DomainError):
    """Too many submissions from one address or contact: HTTP 429 in the API and on the forms."""

    http_status = 429
    code = "throttled"
    default_message = "提交过于频繁，请稍后再试。"


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta

    @property
    def minutes(self) -> int:
        return max(1, int(self.window.total_seconds() // 60))


BURST = Limit(3, timedelta(minutes=2))  # local
HOURLY = Limit(10, timedelta(hours=1))  # local
DEFAULT_LIMITS: tuple[Limit, ...] = (BURST, HOURLY)


def fingerprint(value: str, *, purpose: str) -> str:
    """A keyed hash of an address or contact: enough to count, useless to anyone reading the table."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:40]


def client_ip(request) -> str:
    # REMOTE_ADDR only: behind trusted proxies TrustedProxyMiddleware has already put the client's
    # address there (GONGKAI_TRUSTED_PROXIES); X-Forwarded-For is never read here.
    return request.META.get("REMOTE_ADDR", "") or ""


def enforce(
    count_since: Callable[[datetime], int], *, now: datetime, limits: Sequence[Limit] = DEFAULT_LIMITS
) -> None:
    """Raise Throttled when `count_since(now - window)` already reached a limit's count."""
    for limit in limits:
        if count_since(now - limit.window) >= limit.count:
            raise Throttled(
                f"您提交得太频繁了：{limit.minutes} 分钟内最多可提交 {limit.count} 次。"
                f"请 {limit.minutes} 分钟后再试；如有急事，请拨打页面底部的联系电话。"
            )


def enforce_rows(rows, *, time_field: str, now: datetime, limits: Sequence[Limit] = DEFAULT_LIMITS) -> None:
    """`enforce` counting `rows` (a queryset of the caller's submissions from one address or contact)
    for every window in one query instead of one per window (issue 19 item 6: the write path)."""
    from django.db.models import Count, Q

    if not limits:
        return
    widest = now - max(limit.window for limit in limits)
    counts = rows.filter(**{f"{time_field}__gte": widest}).aggregate(
        **{
            f"n{i}": Count("pk", filter=Q(**{f"{time_field}__gte": now - limit.window}))
            for i, limit in enumerate(limits)
        }
    )
    # The windows in the caller's order, each refused with enforce's message.
    for i, limit in enumerate(limits):
        enforce(lambda since, n=counts[f"n{i}"]: n, now=now, limits=(limit,))


_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_REPEAT = re.compile(r"(.)\1{14,}")
MAX_LINKS = 2


def spam_reasons(text: str) -> list[str]:
    """Why `text` looks like spam (Chinese, for moderators and the submitter); [] when it does not."""
    reasons = []
    if len(_URL.findall(text or "")) > MAX_LINKS:
        reasons.append(f"包含 {MAX_LINKS} 个以上的网址")
    if _REPEAT.search(text or ""):
        reasons.append("包含大量重复字符")
    stripped = re.sub(r"[\s\W_]+", "", text or "")
    if text and not stripped:
        reasons.append("没有文字内容")
    return reasons


def count_in_window(bucket: str, period: int) -> int:
    """This request counted in `bucket`'s fixed window number `period`; returns the window's count.

    One `INSERT … ON CONFLICT … DO UPDATE … RETURNING` statement (SQLite ≥ 3.35, PostgreSQL) in the
    shared database: atomic, so concurrent workers and nodes never lose a count, and one query where the
    database cache's add-then-incr took eight (ADR 0063). The first request of a new window also deletes
    the rows of past windows, so the table holds about one row per client active this minute."""
    from django.db import connections, router

    from .models import RateCount

    connection = connections[router.db_for_write(RateCount)]
    q = connection.ops.quote_name
    table, key, period_column, count = (
        q(RateCount._meta.db_table),
        q("key"),
        q("period"),
        q("count"),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {period_column}, {count}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}",
            [f"{bucket}:{period}", period],
        )
        counted = cursor.fetchone()[0]
        if counted == 1:
            cursor.execute(f"DELETE FROM {table} WHERE {period_column} < %s", [period])
    return counted
