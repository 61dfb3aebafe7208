"""The legal and local figures of consultations as pure functions (no ORM, no settings, no now()).

重大行政决策程序暂行条例 (2019):
- Art. 15: a public consultation runs "一般不少于30日"; when urgency shortens it, the reason must be
  given when the consultation is published.
- Art. 16: hearing materials reach the participants "于召开听证会7日前"; the participant list is
  published in advance.
"""

import difflib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MIN_WINDOW_DAYS = 30  # 重大行政决策程序暂行条例 Art. 15
# Local rule for ordinary (not 重大行政决策) consultations, GONGKAI_CONSULTATION_MIN_DAYS: a shorter
# window needs a reason published with the consultation, as Art. 15 asks of a shortened major one.
ORDINARY_MIN_WINDOW_DAYS = 7
HEARING_MATERIALS_DAYS = 7  # 重大行政决策程序暂行条例 Art. 16
DEFAULT_REPORT_DAYS = (
    10  # local: 采纳情况 published within 10 working days of closing (GONGKAI_CONSULTATION_REPORT_DAYS)
)


def window_problem(
    *,
    opens_at: datetime,
    closes_at: datetime,
    is_major: bool,
    is_urgent: bool,
    urgency_reason: str,
    ordinary_min_days: int = ORDINARY_MIN_WINDOW_DAYS,
) -> tuple[str, str] | None:
    """(field, Chinese message) when the comment window breaks the rules, else None."""
    if closes_at <= opens_at:
        return "closes_at", "截止时间必须晚于开始时间。"
    if is_urgent and not (urgency_reason or "").strip():
        return (
            "urgency_reason",
            "情况紧急需要缩短期限的，应当公开说明理由（《重大行政决策程序暂行条例》第十五条）。",
        )
    if is_major and not is_urgent and closes_at - opens_at < timedelta(days=MIN_WINDOW_DAYS):
        return "closes_at", (
            f"重大行政决策公开征求意见的期限一般不少于{MIN_WINDOW_DAYS}日（《重大行政决策程序暂行条例》第十五条）；"
            "确需缩短的，请勾选“情况紧急”并填写公开说明的理由。"
        )
    if not is_major and not is_urgent and closes_at - opens_at < timedelta(days=ordinary_min_days):
        return "closes_at", (
            f"公开征求意见的期限不少于{ordinary_min_days}日（本机关规定）；确需缩短的，请勾选“情况紧急”"
            "并填写理由，理由随征求意见一并公开（参照《重大行政决策程序暂行条例》第十五条）。"
        )
    return None


def hearing_problem(*, materials_sent_on: date | None, held_on: date) -> str | None:
    """Chinese message when the hearing materials were not sent at least 7 days before, else None."""
    if materials_sent_on is None:
        return f"请填写听证材料送达听证参加人的日期（应于召开听证会{HEARING_MATERIALS_DAYS}日前送达）。"
    if (held_on - materials_sent_on).days < HEARING_MATERIALS_DAYS:
        return (
            f"听证会材料应当于召开听证会{HEARING_MATERIALS_DAYS}日前送达听证参加人"
            "（《重大行政决策程序暂行条例》第十六条）。"
        )
    return None


def phase(*, now: datetime, opens_at: datetime, closes_at: datetime) -> str:
    """upcoming | open | closed — read at request time, so the window opens and closes at its minute."""
    if now < opens_at:
        return "upcoming"
    if now < closes_at:
        return "open"
    return "closed"


PHASE_LABELS = {"upcoming": "即将开始", "open": "正在征求意见", "closed": "征求意见已结束"}


@dataclass(frozen=True)
class Segment:
    op: str  # "equal" | "insert" | "delete"
    text: str


def diff_segments(before: str, after: str) -> list[Segment]:
    """A character diff of one article (Chinese has no word spaces): what was kept, added, removed."""
    matcher = difflib.SequenceMatcher(a=before or "", b=after or "", autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", before[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", before[i1:i2]))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", after[j1:j2]))
    return segments


def chinese_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (article numbers 第X条 up to 999)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = (
        ""
        if rest == 0
        else (
            "零" + digits[rest]
            if rest < 10
            else (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))
        )
    )
    return digits[n // 100] + "百" + tail


def split_articles(text: str) -> list[str]:
    """Split a draft pasted as one text into its articles: a line beginning “第X条” starts a new one."""
    import re

    pattern = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条[\s　]*")
    articles: list[str] = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        if pattern.match(line) or not articles:
            articles.append(pattern.sub("", line).strip())
        else:
            articles[-1] += "\n" + line.strip()
    return [a for a in articles if a]
