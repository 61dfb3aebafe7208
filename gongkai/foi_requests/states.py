"""Lifecycle of a request as plain data (no ORM). The outcome (how it ended) is kept apart: outcomes.py.

A status says where the request is; an action is what staff (or the clock job) did; `next_state`
is the only way to move between them.
"""

from django.db import models

from gongkai.core.errors import InvalidTransition


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待确认收到"
    IN_PROGRESS = "in_progress", "办理中"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "待申请人补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_PAYMENT = "awaiting_payment", "待缴纳信息处理费"
    CLOSED = "closed", "已办结"


class Action(models.TextChoices):
    CONFIRM_RECEIPT = "confirm_receipt", "确认收到申请"
    REQUEST_SUPPLEMENT = "request_supplement", "发出补正告知"
    RECEIVE_SUPPLEMENT = "receive_supplement", "收到补正材料"
    SUPPLEMENT_LAPSED = "supplement_lapsed", "逾期未补正"
    START_CONSULTATION = "start_consultation", "征求意见"
    END_CONSULTATION = "end_consultation", "征求意见结束"
    EXTEND = "extend", "延长答复期限"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "已缴纳信息处理费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    ANSWER = "answer", "作出答复"
    WITHDRAW = "withdraw", "申请人撤回申请"


S, A = Status, Action
OPEN_STATES = frozenset(set(Status) - {Status.CLOSED})
WORKING_STATES = frozenset({S.IN_PROGRESS, S.CONSULTING})

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.SUBMITTED, A.CONFIRM_RECEIPT): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.REQUEST_SUPPLEMENT): S.AWAITING_SUPPLEMENT,
    (S.AWAITING_SUPPLEMENT, A.RECEIVE_SUPPLEMENT): S.IN_PROGRESS,
    (S.AWAITING_SUPPLEMENT, A.SUPPLEMENT_LAPSED): S.CLOSED,
    (S.IN_PROGRESS, A.START_CONSULTATION): S.CONSULTING,
    (S.CONSULTING, A.END_CONSULTATION): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.EXTEND): S.IN_PROGRESS,
    (S.CONSULTING, A.EXTEND): S.CONSULTING,
    (S.IN_PROGRESS, A.FEE_NOTICE): S.AWAITING_PAYMENT,
    (S.AWAITING_PAYMENT, A.FEE_PAID): S.IN_PROGRESS,
    (S.AWAITING_PAYMENT, A.FEE_LAPSED): S.CLOSED,
    (S.IN_PROGRESS, A.ANSWER): S.CLOSED,
    # An answer given on the spot (Art. 33 ¶1) or after 补正 that is still unclear (Art. 30) closes too.
    (S.AWAITING_SUPPLEMENT, A.ANSWER): S.CLOSED,
    **{(state, A.WITHDRAW): S.CLOSED for state in OPEN_STATES},
}


def next_state(state: str, action: str) -> Status:
    try:
        return TRANSITIONS[(Status(state), Action(action))]
    except (KeyError, ValueError):
        label = Status(state).label if state in Status.values else state
        action_label = Action(action).label if action in Action.values else action
        raise InvalidTransition(f"申请处于“{label}”状态，不能执行“{action_label}”。")


def allowed_actions(state: str) -> list[Action]:
    return [action for (from_state, action) in TRANSITIONS if from_state == state]
