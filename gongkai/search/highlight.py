"""Highlighted snippets, the same for every backend: escaped text, matches inside <mark>."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 120


def _pattern(terms) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def _spans(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def _render(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def highlight(text: str, terms) -> SafeString:
    """The whole (short) text with every term marked, e.g. a title."""
    text = text or ""
    return _render(text, _spans(text, _pattern(terms)))


def snippet(text: str, terms, *, width: int = SNIPPET_CHARS) -> SafeString:
    """The window of `width` characters holding the most distinct terms, terms marked."""
    text = " ".join((text or "").split())
    pattern = _pattern(terms)
    spans = _spans(text, pattern)
    if not spans:
        piece = text[:width]
        return _render(piece + ("…" if len(text) > width else ""), [])
    best_start, best_score = 0, -1
    for i, (start, _) in enumerate(spans):
        window_end = start + width
        seen = {text[s:e].lower() for s, e in spans[i:] if e <= window_end}
        if len(seen) > best_score:
            best_start, best_score = start, len(seen)
    begin = max(0, best_start - width // 6)
    end = min(len(text), begin + width)
    inner = [(s - begin, e - begin) for s, e in spans if s >= begin and e <= end]
    rendered = _render(text[begin:end], inner)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + rendered + suffix)  # noqa: S308 - rendered is escaped
