"""The response clocks of a public-opinion incident, in clock hours from detection (pure; no ORM).

They do not pause at night, on weekends or on holidays: 国办发〔2016〕80号 and 国办发〔2016〕61号 count
hours, not working days.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

# 国办发〔2016〕80号 三: 对涉及特别重大、重大突发事件的政务舆情，要快速反应、及时发声，
# 最迟应在5小时内发布权威信息，在24小时内举行新闻发布会。
AUTHORITATIVE_INFO_HOURS = 5
PRESS_CONFERENCE_HOURS = 24
# 国办发〔2016〕61号 二(二): 对涉及群众切身利益……的政务舆情，最迟要在48小时内予以回应。
RESPONSE_HOURS = 48

SPECIAL_MAJOR, MAJOR, LARGE, GENERAL = "special_major", "major", "large", "general"
SERIOUS = frozenset({SPECIAL_MAJOR, MAJOR})

INFO, CONFERENCE, RESPONSE = "info", "conference", "response"
LABELS = {INFO: "发布权威信息", CONFERENCE: "举行新闻发布会", RESPONSE: "予以回应"}
BASIS = {
    INFO: "国办发〔2016〕80号：特别重大、重大突发事件舆情最迟5小时内发布权威信息",
    CONFERENCE: "国办发〔2016〕80号：特别重大、重大突发事件舆情24小时内举行新闻发布会",
    RESPONSE: "国办发〔2016〕61号：涉及群众切身利益的政务舆情最迟48小时内予以回应",
}
# Warn this long before a breach (local rule): a fifth of the clock, at least one hour.
WARN_FRACTION = 5


@dataclass(frozen=True)
class Clock:
    kind: str
    due_at: datetime
    warn_at: datetime
    hours: int

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def basis(self) -> str:
        return BASIS[self.kind]


@dataclass(frozen=True)
class ClockState:
    clock: Clock
    state: str  # running | warning | breached | met | met_late
    met_at: datetime | None
    remaining: timedelta | None  # until due, while running
    late_by: timedelta | None  # how far past due (breached or met late)

    @property
    def remaining_text(self) -> str:
        return hours_minutes(self.remaining)

    @property
    def late_text(self) -> str:
        return hours_minutes(self.late_by)

    @property
    def label(self) -> str:
        return {
            "running": "计时中",
            "warning": "即将超时",
            "breached": "已超时",
            "met": "按时完成",
            "met_late": "超时完成",
        }[self.state]


def clock(kind: str, first_seen_at: datetime, hours: int) -> Clock:
    due = first_seen_at + timedelta(hours=hours)
    warn = due - max(timedelta(hours=hours) / WARN_FRACTION, timedelta(hours=1))
    return Clock(kind=kind, due_at=due, warn_at=warn, hours=hours)


def clocks_for(severity: str, first_seen_at: datetime) -> list[Clock]:
    if severity in SERIOUS:
        return [
            clock(INFO, first_seen_at, AUTHORITATIVE_INFO_HOURS),
            clock(CONFERENCE, first_seen_at, PRESS_CONFERENCE_HOURS),
        ]
    return [clock(RESPONSE, first_seen_at, RESPONSE_HOURS)]


def state_of(c: Clock, met_at: datetime | None, now: datetime) -> ClockState:
    if met_at is not None:
        late = met_at - c.due_at
        if late > timedelta(0):
            return ClockState(c, "met_late", met_at, None, late)
        return ClockState(c, "met", met_at, None, None)
    if now > c.due_at:
        return ClockState(c, "breached", None, None, now - c.due_at)
    return ClockState(c, "warning" if now >= c.warn_at else "running", None, c.due_at - now, None)


def hours_minutes(delta: timedelta | None) -> str:
    """“3 小时 05 分” for the console (never negative)."""
    if delta is None:
        return ""
    minutes = max(int(delta.total_seconds() // 60), 0)
    return f"{minutes // 60} 小时 {minutes % 60:02d} 分"
