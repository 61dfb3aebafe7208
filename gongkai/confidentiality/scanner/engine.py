"""`scan`: every detector over every line, figures and tables told apart, findings capped per kind;
`mask_personal_data` for the public copies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .. import figures, personal
from ..detection import Claimed, LineContext, mask_middle, normalise
from .base import (
    MAX_FINDINGS_PER_KIND,
    PERSONAL_KINDS,
    SEVERITY_ORDER,
    Finding,
    Source,
    _excerpt,
)
from .detectors import _bank_card, _credit_code, _marking, _mobile, _negative, _resident_id

DETECTORS = (_marking, _resident_id, _credit_code, _bank_card, _mobile, *personal.DETECTORS)


_NO_CONTEXT = LineContext()


def _detections(line: str, terms, context: LineContext = _NO_CONTEXT):
    """(start, end, kind, severity, shown, detail) of every finding in one line."""
    line = normalise(line)
    claimed = Claimed()
    # Order matters: an ID is claimed before the bank-card and mobile detectors look at its digits.
    for detector in DETECTORS:
        for hit in detector(line, context):
            start, end = hit[0], hit[1]
            if claimed.overlaps(start, end):
                continue
            claimed.add(start, end)
            yield hit
    yield from _negative(line, terms)


def _figure_sources(sources: Sequence[Source]) -> set[int]:
    """Indexes of the cell sources that are statistical figures (the whole text is the cell)."""
    tables: dict[str, dict[tuple[int, int], list[tuple[int, str]]]] = {}
    for index, source in enumerate(sources):
        if source.cell and source.text:
            table, row, column = source.cell
            tables.setdefault(table, {}).setdefault((row, column), []).append((index, source.text))
    figure_sources: set[int] = set()
    for cells in tables.values():
        joined = {position: " ".join(text for _, text in parts) for position, parts in cells.items()}
        for position in figures.figure_cells(joined):
            figure_sources.update(index for index, _ in cells[position])
    return figure_sources


def _tab_figure_spans(lines: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Figure cells of tab-separated blocks of lines (HTML tables as text, TSV): {line number: spans}."""
    spans: dict[int, list[tuple[int, int]]] = {}
    block: list[tuple[int, str]] = []
    for index, line in enumerate([*lines, ""]):
        if "\t" in line:
            block.append((index, line))
            continue
        if block:
            cells = figures.tab_table(block)
            for position in figures.figure_cells({p: text for p, (_, _, text) in cells.items()}):
                line_index, start, text = cells[position]
                spans.setdefault(line_index, []).append((start, start + len(text)))
            block = []
    return spans


def scan(
    sources: Sequence[Source],
    *,
    negative_terms: Iterable[tuple[str, str]] = (),
    own_domains: Iterable[str] = (),
) -> list[Finding]:
    """The findings in the sources, ordered by severity and then by position. `own_domains` are the
    agency's own e-mail domains (its addresses are not personal data)."""
    terms = [(term, basis) for term, basis in negative_terms if term and term.strip()]
    domains = frozenset(d.strip().casefold().lstrip("@") for d in own_domains if d and d.strip())
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    per_kind: dict[str, int] = {}

    def add(finding: Finding) -> None:
        key = (finding.kind, finding.location, finding.excerpt)
        if key in seen:
            return
        seen.add(key)
        per_kind[finding.kind] = per_kind.get(finding.kind, 0) + 1
        if per_kind[finding.kind] <= MAX_FINDINGS_PER_KIND:
            findings.append(finding)

    figure_sources = _figure_sources(sources)
    for index, source in enumerate(sources):
        for finding in source.findings:
            add(finding)
        lines = (source.text or "").split("\n")
        numbered = len([line for line in lines if line.strip()]) > 1
        tab_spans = _tab_figure_spans(lines)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            # a cell of a statistical table is a figure as a whole; a tab-separated line (an HTML table
            # as text) or a row of numbers (a PDF table) in parts
            if index in figure_sources:
                spans = ((0, len(line)),)
            elif "\t" in line:
                spans = tuple(tab_spans.get(number - 1, ()))
            else:
                spans = tuple(figures.row_figure_spans(line))
            context = LineContext(figure_spans=tuple(sorted(spans)), own_domains=domains)
            location = f"{source.label} 第{number}行" if numbered else source.label
            hits = list(_detections(line, terms, context))
            # The context of one finding must not show another finding's number in clear.
            characters = list(line)
            for start, end, kind, *_ in hits:
                if kind in PERSONAL_KINDS:
                    characters[start:end] = mask_middle(line[start:end], 2, 2)
            shown_line = "".join(characters)
            for start, end, kind, severity, shown, detail in hits:
                add(Finding(kind, severity, location, _excerpt(shown_line, start, end, shown), detail))

    for kind, count in per_kind.items():
        if count > MAX_FINDINGS_PER_KIND:
            worst = min((f.severity for f in findings if f.kind == kind), key=SEVERITY_ORDER.get)
            findings.append(
                Finding(
                    kind,
                    worst,
                    "多处",
                    "",
                    f"另有 {count - MAX_FINDINGS_PER_KIND} 处同类内容未逐一列出，请人工检查全文。",
                )
            )
    findings.sort(key=lambda f: SEVERITY_ORDER.get(f.severity, 9))  # stable: position order kept
    return findings


def mask_personal_data(text: str, kinds: Iterable[str] = PERSONAL_KINDS) -> tuple[str, list[str]]:
    """(text with every personal-data finding of `kinds` replaced by its masked form, the kinds found).
    Used before a citizen's message or comment is published; the text is unchanged when nothing is found."""
    wanted = frozenset(kinds)
    found: set[str] = set()
    out: list[str] = []
    for line in (text or "").split("\n"):
        hits = sorted(
            (hit for hit in _detections(line, ()) if hit[2] in wanted), key=lambda hit: hit[0], reverse=True
        )
        pieces = []
        for start, end, kind, _severity, shown, _detail in hits:  # from the end: positions stay valid
            pieces.append(line[end:])
            pieces.append(shown)
            line = line[:start]
            found.add(kind)
        out.append(line + "".join(reversed(pieces)))
    return ("\n".join(out) if found else text), sorted(found)
