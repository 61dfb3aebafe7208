"""What every detector shares: severities, masking, the normalised line and its context."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

HIGH = "high"
MEDIUM = "medium"
LOW = "low"

# Full-width forms (０-９, Ａ-Ｚ, －, （）…), the ideographic and other spaces, and the dashes are folded to
# ASCII one character for one character, so that positions in the normalised line are positions in the
# original line too.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({code: 0x20 for code in (0x3000, 0x00A0, 0x202F, 0x205F, *range(0x2000, 0x200B))})
_FOLD.update({code: 0x2D for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63)})


def normalise(line: str) -> str:
    """The line with full-width characters, odd spaces and dashes folded to ASCII (same length)."""
    return line.translate(_FOLD)


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    hidden = len(value) - keep_start - keep_end
    if hidden <= 0:
        return "*" * len(value)
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


@dataclass(frozen=True)
class LineContext:
    """What a detector may know besides the line itself."""

    # Character ranges of the line that are numeric cells of a statistical table (figures, not phones).
    figure_spans: tuple[tuple[int, int], ...] = ()
    # E-mail domains of the agency itself (its addresses are institutional, not personal).
    own_domains: frozenset[str] = field(default_factory=frozenset)

    def in_figure(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one figure span (spans are sorted and disjoint)."""
        index = bisect.bisect_right(self.figure_spans, (start, float("inf"))) - 1
        return index >= 0 and self.figure_spans[index][1] >= end


class Claimed:
    """Spans of a line already reported, so that a later detector does not report the same digits."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.spans, (start, start))
        neighbours = self.spans[max(0, index - 1) : index + 1]
        return any(a < end and start < b for a, b in neighbours)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
