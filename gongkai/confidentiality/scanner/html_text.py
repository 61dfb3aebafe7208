"""HTML bodies as text and as labelled sources (tables cell by cell) for the scan."""

from __future__ import annotations

from html.parser import HTMLParser

from .base import (
    Source,
)

# ---------------------------------------------------------------------------------------------------
# Rich-text bodies


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of a sanitised rich-text body, one block per line (table cells apart by tabs), for a
    Source such as "正文"."""
    parser = _TextOfHtml()
    parser.feed(html or "")
    parser.close()
    lines = (
        "\t".join(" ".join(cell.split()) for cell in line.split("\t")).strip("\t ")
        for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


class _HtmlTables(HTMLParser):
    """Text outside tables as lines, and every table cell with its (table, row, column)."""

    BLOCKS = _TextOfHtml.BLOCKS - {"table", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.tables = 0
        self.stack: list[dict] = []  # open tables: number, row, column, the open cell's text
        self.cells: list[tuple[int, int, int, str]] = []

    def _close_cell(self) -> None:
        table = self.stack[-1] if self.stack else None
        if table and table["text"] is not None:
            text = " ".join("".join(table["text"]).split())
            if text:
                self.cells.append((table["number"], table["row"], table["column"], text))
            table["text"] = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag == "table":
            self.tables += 1
            self.stack.append({"number": self.tables, "row": 0, "column": 0, "span": 1, "text": None})
        elif tag == "tr" and self.stack:
            self._close_cell()
            self.stack[-1].update(row=self.stack[-1]["row"] + 1, column=0, span=1)
        elif tag in ("td", "th") and self.stack:
            self._close_cell()
            table = self.stack[-1]
            span = dict(attrs).get("colspan") or "1"
            table["column"] += table["span"] if table["column"] else 1
            table["span"] = int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
            table["row"] = table["row"] or 1
            table["text"] = []
        elif tag in self.BLOCKS or tag == "br":
            self._text("\n" if not self._in_cell() else " ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.stack:
            self._close_cell()
            self.stack.pop()
            self.parts.append("\n")
        elif tag in ("td", "th") and self.stack:
            self._close_cell()
        elif tag in self.BLOCKS:
            self._text("\n" if not self._in_cell() else " ")

    def _in_cell(self) -> bool:
        return bool(self.stack) and self.stack[-1]["text"] is not None

    def _text(self, data: str) -> None:
        if self._in_cell():
            self.stack[-1]["text"].append(data)
        elif not self.stack:
            self.parts.append(data)

    def handle_data(self, data):
        if not self.skipping:
            self._text(data)


def html_sources(label: str, html: str) -> list[Source]:
    """A rich-text body as Sources: its text outside tables (one block per line, like html_to_text) and
    one Source per table cell ("正文表1第2行第3列"), so that numbers in a statistical table are read
    with their header and unit."""
    parser = _HtmlTables()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    sources = [Source(label, text)] if text else []
    for table, row, column, cell_text in parser.cells:
        sources.append(
            Source(
                f"{label}表{table}第{row}行第{column}列", cell_text, cell=(f"{label}表{table}", row, column)
            )
        )
    return sources
