"""DOCX: body, tables, headers and footers, comments, tracked changes and hidden runs, read as XML."""

from __future__ import annotations

from ..scanner import MEDIUM, Finding, Source
from .common import (
    _comments_found,
    _ooxml_properties,
    _open_zip,
    _xml,
)

# ---------------------------------------------------------------------------------------------------
# DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _DocxWalker:
    """Walks one WordprocessingML part, producing one Source per paragraph or table cell.

    Text of w:del (tracked deletions) and of hidden runs (w:vanish) is kept apart: the reader of the
    document does not see it, but it is in the file.
    """

    def __init__(self, where: str, part_label: str):
        self.where = where
        self.part_label = part_label
        self.sources: list[Source] = []
        self.paragraphs = 0
        self.tables = 0
        self.cell_stack: list[list[int]] = []  # [table number, row, column] per open table
        self.insertions = 0
        self.deletions = 0
        self.hidden_runs = 0

    def location(self) -> str:
        if self.cell_stack:
            table, row, column = self.cell_stack[-1]
            return f"{self.where}{self.part_label}表{table}第{row}行第{column}列"
        return f"{self.where}{self.part_label}第{self.paragraphs}段"

    def walk_part(self, root) -> None:
        self._walk(root, None)

    def _walk(self, element, paragraph: dict | None) -> None:
        tag = element.tag
        if tag == f"{W}p":
            own = {"text": [], "deleted": [], "hidden": []}
            for child in element:
                self._walk(child, own)
            self._finish_paragraph(own)
            return
        if tag == f"{W}tbl":
            self.tables += 1
            self.cell_stack.append([self.tables, 0, 0])
            for child in element:
                self._walk(child, paragraph)
            self.cell_stack.pop()
            return
        if tag == f"{W}tr" and self.cell_stack:
            self.cell_stack[-1][1] += 1
            self.cell_stack[-1][2] = 0
        elif tag == f"{W}tc" and self.cell_stack:
            self.cell_stack[-1][2] += 1
        elif tag == f"{W}ins" and element.find(f".//{W}t") is not None:
            self.insertions += 1
        elif tag == f"{W}del" and element.find(f".//{W}delText") is not None:
            self.deletions += 1
        elif tag == f"{W}r" and paragraph is not None and self._hidden(element):
            self.hidden_runs += 1
            paragraph["hidden"].append("".join(t.text or "" for t in element.iter(f"{W}t")))
            return
        elif paragraph is not None:
            if tag == f"{W}t":
                paragraph["text"].append(element.text or "")
            elif tag == f"{W}delText":
                paragraph["deleted"].append(element.text or "")
            elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                paragraph["text"].append(" ")
        for child in element:
            self._walk(child, paragraph)

    @staticmethod
    def _hidden(run) -> bool:
        vanish = run.find(f"{W}rPr/{W}vanish")
        return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false", "off")

    def _finish_paragraph(self, own: dict) -> None:
        text = "".join(own["text"]).strip()
        deleted = "".join(own["deleted"]).strip()
        hidden = "".join(own["hidden"]).strip()
        if not (text or deleted or hidden):
            return
        if not self.cell_stack:
            self.paragraphs += 1
        location = self.location()
        cell = None
        if self.cell_stack:
            table, row, column = self.cell_stack[-1]
            cell = (f"{self.where}{self.part_label}表{table}", row, column)
        if text:
            self.sources.append(Source(location, text, cell=cell))
        if deleted:
            self.sources.append(Source(f"{location}（修订中已删除的文字）", deleted))
        if hidden:
            self.sources.append(
                Source(
                    f"{location}（隐藏文字）",
                    hidden,
                    (
                        Finding(
                            "hidden_content",
                            MEDIUM,
                            f"{location}（隐藏文字）",
                            hidden[:40],
                            "段落中有设置为“隐藏”的文字，打印和阅读时看不到，但仍在文件中。",
                        ),
                    ),
                )
            )


def _docx(where: str, data: bytes) -> list[Source]:
    sources: list[Source] = []
    with _open_zip(data) as archive:
        names = archive.namelist()
        parts = [("word/document.xml", "")]
        parts += [(n, "页眉") for n in sorted(names) if n.startswith("word/header") and n.endswith(".xml")]
        parts += [(n, "页脚") for n in sorted(names) if n.startswith("word/footer") and n.endswith(".xml")]
        parts += [
            (n, label)
            for n, label in (("word/footnotes.xml", "脚注"), ("word/endnotes.xml", "尾注"))
            if n in names
        ]
        insertions = deletions = 0
        for name, label in parts:
            walker = _DocxWalker(where, label)
            walker.walk_part(_xml(archive, name))
            sources += walker.sources
            insertions += walker.insertions
            deletions += walker.deletions
        if insertions or deletions:
            location = f"{where}修订记录"
            sources.append(
                Source(
                    location,
                    "",
                    (
                        Finding(
                            "hidden_content",
                            MEDIUM,
                            location,
                            f"插入 {insertions} 处，删除 {deletions} 处",
                            "文档含未接受的修订（修订痕迹）。已删除的文字仍保存在文件中，发布前请接受或拒绝全部修订。",
                        ),
                    ),
                )
            )
        if "word/comments.xml" in names:
            sources += _docx_comments(where, _xml(archive, "word/comments.xml"))
        sources += _ooxml_properties(where, archive)
    return sources


def _docx_comments(where: str, root) -> list[Source]:
    sources = []
    for number, comment in enumerate(root.iter(f"{W}comment"), start=1):
        author = comment.get(f"{W}author", "")
        text = "\n".join(
            "".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")
        ).strip()
        sources.append(Source(f"{where}批注{number}" + (f"（{author}）" if author else ""), text))
    if sources:
        sources.append(_comments_found(where, len(sources), "文档含批注。批注随文件一起发布，发布前请删除。"))
    return sources
