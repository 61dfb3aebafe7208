"""Pure rules of 调查征集: the window by its minutes and the tally of answers into the published result.

No ORM and no clock here: the callers pass the time and plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
PHASE_LABELS = {UPCOMING: "即将开始", OPEN: "正在征集", CLOSED: "已结束"}
MIN_OPTIONS = 2
MAX_SCALE_POINTS = 11  # 0-10 is the widest scale in common use (NPS)


def phase(opens_at: datetime, closes_at: datetime, now: datetime) -> str:
    """upcoming before the opening minute, open until (not including) the closing minute."""
    if now < opens_at:
        return UPCOMING
    return OPEN if now < closes_at else CLOSED


def to_minute(moment: datetime) -> datetime:
    """Windows open and close on whole minutes."""
    return moment.replace(second=0, microsecond=0)


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    position: int
    kind: str
    text: str
    options: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    scale: tuple[int, ...] = ()
    scale_labels: str = ""


@dataclass(frozen=True)
class Mark:
    """One stored answer: `option` for single/multiple/matrix, `value` for scale, `text` for text."""

    response: int
    question: int
    option: int | None = None
    row: int | None = None
    value: int | None = None
    text: str = ""
    published: bool = False  # a free text approved by the moderator


def _share(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


def tally(questions: Iterable[QuestionSpec], marks: Iterable[Mark], responses: int) -> dict:
    """The result snapshot: counts and shares per option, the mean of a scale, the matrix table, and the
    approved free texts. Shares are of the people who answered the question (多选 may exceed 100 %)."""
    marks = list(marks)
    by_question: dict[int, list[Mark]] = {}
    for mark in marks:
        by_question.setdefault(mark.question, []).append(mark)
    out = []
    for q in sorted(questions, key=lambda q: (q.position, q.id)):
        rows = by_question.get(q.id, [])
        answered = len({m.response for m in rows})
        item: dict = {"id": q.id, "kind": q.kind, "text": q.text, "answered": answered}
        if q.kind in ("single", "multiple"):
            counts = [0] * len(q.options)
            for m in rows:
                if m.option is not None and 0 <= m.option < len(counts):
                    counts[m.option] += 1
            item["options"] = [
                {"label": label, "count": c, "share": _share(c, answered)}
                for label, c in zip(q.options, counts, strict=True)
            ]
        elif q.kind == "scale":
            counts = {v: 0 for v in q.scale}
            for m in rows:
                if m.value in counts:
                    counts[m.value] += 1
            total = sum(counts.values())
            item["points"] = [
                {"label": str(v), "count": c, "share": _share(c, total)} for v, c in counts.items()
            ]
            item["mean"] = round(sum(v * c for v, c in counts.items()) / total, 2) if total else None
            item["scale_labels"] = q.scale_labels
        elif q.kind == "matrix":
            table = [[0] * len(q.options) for _ in q.rows]
            for m in rows:
                if (
                    m.row is not None
                    and m.option is not None
                    and 0 <= m.row < len(table)
                    and 0 <= m.option < len(q.options)
                ):
                    table[m.row][m.option] += 1
            item["columns"] = list(q.options)
            item["rows"] = [
                {"label": label, "counts": counts} for label, counts in zip(q.rows, table, strict=True)
            ]
        else:
            item["received"] = len([m for m in rows if m.text])
            item["texts"] = [m.text for m in rows if m.text and m.published]
        out.append(item)
    return {"responses": responses, "questions": out}


def csv_rows(snapshot: dict) -> list[list]:
    """The published result as CSV rows: question, item, count, share."""
    rows: list[list] = [["题目", "选项或项目", "人数", "占比（%）"]]
    for n, q in enumerate(snapshot.get("questions", []), start=1):
        title = f"{n}. {q['text']}"
        for o in q.get("options", []) + q.get("points", []):
            rows.append([title, o["label"], o["count"], o["share"]])
        if q.get("mean") is not None:
            rows.append([title, "平均分", q["mean"], ""])
        for r in q.get("rows", []):
            for label, count in zip(q["columns"], r["counts"], strict=True):
                rows.append([title, f"{r['label']}：{label}", count, ""])
        for text in q.get("texts", []):
            rows.append([title, text, "", ""])
    return rows
