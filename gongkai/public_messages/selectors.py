"""Reads of public messages: the public list and statistics, the office queues."""

from datetime import date
from statistics import median

from django.db.models import QuerySet

from gongkai.accounts.permissions import has_perm
from gongkai.accounts.selectors import scope_for
from gongkai.workdays.selectors import legal_date, legal_today, working_days_between

from .models import Message, Moderation
from .states import OPEN_STATES, State


def public_messages(agency) -> QuerySet[Message]:
    return Message.objects.filter(
        agency=agency, wants_publication=True, moderation=Moderation.APPROVED, state=State.REPLIED
    ).order_by("-replied_at", "-id")


def response_statistics(agency, *, months: int = 12) -> list[dict]:
    """Per month of reply: replies, median working days to reply, share replied on time (newest first)."""
    rows: dict[str, list[tuple[int, bool]]] = {}
    qs = Message.objects.filter(agency=agency, state=State.REPLIED).values_list(
        "received_at", "replied_at", "due_on"
    )
    for received_at, replied_at, due_on in qs:
        replied_on = legal_date(replied_at)
        days = working_days_between(legal_date(received_at), replied_on).working_days
        rows.setdefault(f"{replied_on:%Y-%m}", []).append((days, replied_on <= due_on))
    result = []
    for month in sorted(rows, reverse=True)[:months]:
        values = rows[month]
        on_time = sum(1 for _, ok in values if ok)
        result.append(
            {
                "month": month,
                "label": f"{month[:4]}年{int(month[5:])}月",
                "count": len(values),
                "median_days": median(d for d, _ in values),
                "on_time": on_time,
                "on_time_pct": round(100 * on_time / len(values)),
                "on_time_tenths": round(100 * on_time / len(values)) // 10,
            }
        )
    return result


def messages_for(user) -> QuerySet[Message]:
    """Agency-wide roles see all; a 承办人 sees what was routed to their department."""
    if not has_perm(user, "messages.view"):
        return Message.objects.none()
    return scope_for(user, Message.objects.select_related("department"))


def get_message(user, pk) -> Message | None:
    try:
        return messages_for(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def queue(user, name: str, *, today: date | None = None) -> QuerySet[Message]:
    today = today or legal_today()
    qs = messages_for(user)
    if name == "unrouted":
        return qs.filter(state=State.RECEIVED).order_by("received_at")
    if name == "due":
        return qs.filter(state__in=OPEN_STATES, due_on__gte=today).order_by("due_on", "received_at")
    if name == "overdue":
        return qs.filter(state__in=OPEN_STATES, due_on__lt=today).order_by("due_on", "received_at")
    if name == "moderation":
        return qs.filter(state=State.REPLIED, wants_publication=True, moderation=Moderation.PENDING).order_by(
            "replied_at"
        )
    return qs.order_by("-received_at", "-id")
