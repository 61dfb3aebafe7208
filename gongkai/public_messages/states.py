"""The life of a public message as data (no ORM): received → assigned → replied, or rejected.

Moderation for publication is kept apart from the handling state (STYLE.md: status apart from outcome).
"""

from django.db import models

from gongkai.core.errors import InvalidTransition


class State(models.TextChoices):
    RECEIVED = "received", "待分办"
    ASSIGNED = "assigned", "办理中"
    REPLIED = "replied", "已答复"
    REJECTED = "rejected", "不予受理"


class Action(models.TextChoices):
    ASSIGN = "assign", "分办"
    REPLY = "reply", "答复"
    REJECT = "reject", "不予受理"


S, A = State, Action

TRANSITIONS: dict[tuple[State, Action], State] = {
    (S.RECEIVED, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.ASSIGN): S.ASSIGNED,  # 改派 to another department
    (S.RECEIVED, A.REPLY): S.REPLIED,  # the openness office may answer directly
    (S.ASSIGNED, A.REPLY): S.REPLIED,
    (S.RECEIVED, A.REJECT): S.REJECTED,
    (S.ASSIGNED, A.REJECT): S.REJECTED,
}
OPEN_STATES = frozenset({S.RECEIVED, S.ASSIGNED})


def next_state(state: str, action: str) -> State:
    try:
        key = (State(state), Action(action))
    except ValueError:
        raise InvalidTransition("未知的状态或操作。") from None
    try:
        return TRANSITIONS[key]
    except KeyError:
        raise InvalidTransition(f"“{key[0].label}”状态下不能执行“{key[1].label}”。") from None
