"""The PostgreSQL backend's bounded candidates (ADR 0011): the newest matches of a query read a few
months at a time through the GIN index, so the rows read stay near what the page needs however
common a word is; a mixin of `PostgresBackend`, which provides `_scores`.

Every document carries a month token (`month_token`); the planner's statistics bound how many rows
a query can match (`_upper_bound`).
"""

import bisect
import time
from datetime import UTC, datetime

from django.db import connection

from . import base

# The newest matches ranked by relevance; a query matching more is ranked within these, its deeper
# results follow newest first, and its counts are estimates (ADR 0011, measured in docs/performance.md).
CANDIDATES = 500
# Above this many possible matches (and WALK_FACTOR times the rows needed), candidates are read
# month by month, newest first; below, all matches are read and counted exactly.
WALK_THRESHOLD = 3000
WALK_FACTOR = 3
STATISTICS_SECONDS = 60  # how long the planner's word frequencies are reused
_STATISTICS: dict = {}
_MONTHS: dict = {}  # (newest, oldest, histogram) -> _months(); a few entries
MONTH_PREFIX = "§m"  # "§m202511": a token no query word can produce (segment drops "§")


def lexeme(token: str) -> str:
    """A tsvector/tsquery lexeme literal."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class BoundedCandidates:
    def _candidates(self, cursor, q, where, params, words, cap, *, ranked, require_all):
        """Rows (id, type, year, category, issuer, validity, published_at, rank) of at least the newest
        cap + 1 matches, newest first (rank for the first CANDIDATES only, None for the rest); the
        number of matches; and whether that number is exact.

        Few matches possible (an upper bound from the planner's statistics of the words): one GIN
        lookup reads them all. Many: the lookup is narrowed to the newest months (every document
        carries a month token, `month_token`) and widened until enough are found, so the rows read stay
        near cap whatever the word's frequency; the number of matches is then extrapolated from the
        months read.
        """
        need = cap + 1
        upper = self._upper_bound(cursor, q, require_all)
        if upper is None or upper <= max(WALK_THRESHOLD, WALK_FACTOR * need):
            rows, total = self._newest(cursor, where, params, max(need, WALK_THRESHOLD + 1))
            exact = True
        else:
            rows, total, exact = self._walk(cursor, where, params, need, upper)
        if ranked and rows:
            scores = self._scores(cursor, q, words, [r[0] for r in rows[:CANDIDATES]])
            rows = [(*r, scores.get(r[0])) for r in rows]
        else:
            rows = [(*r, None) for r in rows]
        return rows, total, exact

    def _walk(self, cursor, where, params, need, upper):
        months, share, starts = self._months(cursor)
        rows, seen, i, factor, few = [], 0, 0, 1.5, False
        while len(rows) < need and i < len(months):
            # the fewest next months expected (at the upper bound's density) to hold `factor` times
            # the matches still needed; past half of the documents, or when the months read show
            # that the matches are few after all, the rest in one lookup
            target = (share[i - 1] if i else 0.0) + factor * (need - len(rows)) / upper
            if few or target >= 0.5 or i == len(months) - 1:
                older = f"{where} AND (published_at < %s OR published_at IS NULL)" if i else where
                found, count = self._newest(
                    cursor, older, [*params, starts[i - 1]] if i else params, need - len(rows)
                )
                return rows + found, seen + count, True
            j = i
            while j < len(months) - 2 and share[j] < target:
                j += 1
            tokens = " | ".join(lexeme(m) for m in months[i : j + 1])
            found, count = self._newest(
                cursor, f"{where} AND vector @@ %s::tsquery", [*params, tokens], need - len(rows)
            )
            rows, seen, i, factor = rows + found, seen + count, j + 1, factor * 4
            few = seen / max(share[j], 1e-9) <= max(WALK_THRESHOLD, WALK_FACTOR * need)
        covered = share[i - 1] if i else 1.0
        return rows, max(len(rows), base.round_estimate(round(min(upper, seen / max(covered, 1e-9))))), False

    def _upper_bound(self, cursor, q, require_all: bool) -> int | None:
        """About this many documents at most can match: every word, the rarest word's frequency in the
        planner's statistics (ANALYZE); any word, the sum. None when there are no statistics yet."""
        stats = self._statistics(cursor)
        if stats is None:
            return None
        rows, freqs, floor = stats
        words = list(dict.fromkeys(q.all_words))
        if not words:
            return 0

        def freq(w):
            whole = freqs.get(w, floor)
            parts = q.parts.get(w)
            return max(whole, min(freqs.get(p, floor) for p in parts)) if parts else whole

        share = min(freq(w) for w in words) if require_all else min(1.0, sum(freq(w) for w in words))
        return round(rows * share)

    def _statistics(self, cursor):
        cached = _STATISTICS.get(connection.alias)
        if cached and time.monotonic() - cached[0] < STATISTICS_SECONDS:
            return cached[1]
        cursor.execute(
            "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
            "FROM pg_class c JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'vector' "
            "WHERE c.relname = 'search_searchentry' AND c.reltuples > 0"
        )
        row = cursor.fetchone()
        stats = None
        if row and row[1]:
            elems, freqs = row[1], row[2]
            # most_common_elem_freqs: one per element, then the minimum, the maximum and the null share
            stats = (row[0], dict(zip(elems, freqs[: len(elems)], strict=True)), freqs[len(elems)])
        _STATISTICS[connection.alias] = (time.monotonic(), stats)
        return stats

    def _newest(self, cursor, where, params, limit):
        """The newest `limit` matches, and how many there are in all."""
        cursor.execute(
            f"SELECT id, type, year, category, issuer, validity, published_at, count(*) OVER () "
            f"FROM search_searchentry WHERE {where} "
            f"ORDER BY published_at DESC NULLS LAST, id DESC LIMIT %s",
            [*params, limit],
        )
        rows = cursor.fetchall()
        return [r[:7] for r in rows], (rows[0][7] if rows else 0)

    def _months(self, cursor) -> tuple[list[str], list[float], list[datetime]]:
        """Month tokens from the newest document's month back to the oldest's, then the undated; and for
        each, the share of all documents in it or newer (from the planner's histogram of published_at,
        evenly spread when there is none yet); and the months' first instants."""
        cursor.execute(
            "SELECT max(published_at), min(published_at), (SELECT histogram_bounds::text || '|' || "
            "null_frac FROM pg_stats WHERE tablename = 'search_searchentry' AND attname = 'published_at' "
            "LIMIT 1) FROM search_searchentry"
        )
        key = cursor.fetchone()
        if key not in _MONTHS:
            if len(_MONTHS) > 16:
                _MONTHS.clear()
            _MONTHS[key] = self._month_shares(cursor, *key)
        return _MONTHS[key]

    def _month_shares(self, cursor, newest, oldest, histogram):
        bounds, null_frac = [], 0.0
        if histogram:
            text, _, null_frac = histogram.rpartition("|")
            cursor.execute("SELECT %s::timestamptz[]", [text])
            bounds, null_frac = [_utc(b) for b in cursor.fetchone()[0]], float(null_frac)
        months, starts = [], []
        if newest:
            y, m = _utc(newest).year, _utc(newest).month
            stop = (_utc(oldest).year, _utc(oldest).month)
            while (y, m) >= stop:
                months.append(f"{MONTH_PREFIX}{y:04d}{m:02d}")
                starts.append(datetime(y, m, 1, tzinfo=UTC))
                y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        if len(bounds) > 1:
            share = [_newer_share(bounds, null_frac, t) for t in starts]
        else:
            share = [(1 - null_frac) * (k + 1) / len(starts) for k in range(len(starts))]
        return [*months, month_token(None)], [*share, 1.0], starts


def month_token(published_at) -> str:
    """The document's month (UTC) as an extra tsvector token, for reading the newest matches first."""
    if published_at is None:
        return f"{MONTH_PREFIX}none"
    return f"{MONTH_PREFIX}{_utc(published_at).year:04d}{_utc(published_at).month:02d}"


def _utc(value):
    return value.astimezone(UTC) if value.tzinfo else value


def _newer_share(bounds: list, null_frac: float, t) -> float:
    """Share of all rows with published_at >= t, from equal-frequency histogram bounds (ascending)."""
    if t <= bounds[0]:
        return 1 - null_frac
    if t > bounds[-1]:
        return 0.0
    i = bisect.bisect_right(bounds, t) - 1
    low, high = bounds[i], bounds[min(i + 1, len(bounds) - 1)]
    part = (t - low) / (high - low) if high > low else 0.0
    bins = len(bounds) - 1
    return (1 - null_frac) * max(0.0, bins - i - part) / bins
