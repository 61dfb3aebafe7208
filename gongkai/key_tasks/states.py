"""The states of a supervision finding (督查发现问题) as data; `next_state` is the only way to move."""

from enum import StrEnum

from gongkai.core.errors import InvalidTransition

from .models import FindingState as S


class Action(StrEnum):
    SUBMIT = "submit"  # the responsible department reports its rectification
    CONFIRM = "confirm"  # the supervisor confirms it (never the department itself)
    RETURN = "return"  # the supervisor returns it for further rectification


TRANSITIONS: dict[tuple[str, Action], str] = {
    (S.OPEN, Action.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, Action.CONFIRM): S.CONFIRMED,
    (S.SUBMITTED, Action.RETURN): S.OPEN,
}

ACTION_LABELS = {Action.SUBMIT: "报送整改情况", Action.CONFIRM: "确认整改完成", Action.RETURN: "退回重新整改"}


def next_state(state: str, action: Action) -> str:
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        label = S(state).label if state in S.values else state
        raise InvalidTransition(f"“{label}”状态下不能{ACTION_LABELS[action]}。") from None
