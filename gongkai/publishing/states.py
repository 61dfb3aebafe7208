"""The publication workflow as data: states, actions and the transition table (no ORM).

draft → submitted (保密审查) → approval (领导审批) → scheduled | published → superseded | withdrawn.
`docs/domain/publishing-states.md` is generated from TRANSITIONS (`gongkai publishing_diagram`);
a test keeps it current.
"""

from django.db import models

from gongkai.core.errors import InvalidTransition


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待保密审查"
    APPROVAL = "approval", "待领导审批"
    SCHEDULED = "scheduled", "定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"
    SUPERSEDED = "superseded", "已被新版本替代"


class Action(models.TextChoices):
    SUBMIT = "submit", "提交审查"
    PASS_REVIEW = "pass_review", "审查通过"
    RETURN_TO_DRAFT = "return_to_draft", "退回修改"
    APPROVE = "approve", "批准发布"
    SCHEDULE = "schedule", "定时发布"
    PUBLISH_DUE = "publish_due", "到时发布"
    WITHDRAW = "withdraw", "撤回"
    SUPERSEDE = "supersede", "被新版本替代"
    REOPEN_APPROVAL = "reopen_approval", "撤销批准，重新审批"
    URGENT_APPROVE = "urgent_approve", "紧急发布"


S, A = State, Action

# (from_state, action) -> to_state. Anything not in the table is refused.
TRANSITIONS: dict[tuple[State, Action], State] = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.PASS_REVIEW): S.APPROVAL,
    (S.SUBMITTED, A.RETURN_TO_DRAFT): S.DRAFT,
    (S.APPROVAL, A.RETURN_TO_DRAFT): S.DRAFT,
    (S.APPROVAL, A.APPROVE): S.PUBLISHED,
    (S.APPROVAL, A.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, A.PUBLISH_DUE): S.PUBLISHED,
    (S.SCHEDULED, A.WITHDRAW): S.WITHDRAWN,
    (S.PUBLISHED, A.WITHDRAW): S.WITHDRAWN,
    (S.PUBLISHED, A.SUPERSEDE): S.SUPERSEDED,
    # What was approved changed before its minute (e.g. a data release moved to another minute): the
    # approval no longer covers it and the approver decides again (issue 11 item 12).
    (S.SCHEDULED, A.REOPEN_APPROVAL): S.APPROVAL,
    # The urgent path (政务舆情, 国办发〔2016〕80号): one approver publishes a submitted release at once.
    (S.SUBMITTED, A.URGENT_APPROVE): S.PUBLISHED,
}

# A workflow in one of these states blocks a second workflow for the same object (DB constraint).
OPEN_STATES: frozenset[State] = frozenset({S.DRAFT, S.SUBMITTED, S.APPROVAL, S.SCHEDULED})
# Content in these states may be visible to the public (from its published_at on).
LIVE_STATES: frozenset[State] = frozenset({S.SCHEDULED, S.PUBLISHED})
FINAL_STATES: frozenset[State] = frozenset({S.WITHDRAWN, S.SUPERSEDED})


def next_state(state: str, action: str) -> State:
    """The state after `action`, or InvalidTransition with a Chinese message."""
    try:
        key = (State(state), Action(action))
    except ValueError:
        raise InvalidTransition("未知的状态或操作。") from None
    try:
        return TRANSITIONS[key]
    except KeyError:
        raise InvalidTransition(f"“{key[0].label}”状态下不能执行“{key[1].label}”。") from None


def allowed_actions(state: str) -> list[Action]:
    return [action for (source, action) in TRANSITIONS if source == state]


DIAGRAM_PATH = "docs/domain/publishing-states.md"


def diagram_document() -> str:
    """The whole generated Markdown file (kept current by a test)."""
    rows = "\n".join(
        f"| {source.value}（{source.label}） | {action.value}（{action.label}） | {target.value}（{target.label}） |"
        for (source, action), target in TRANSITIONS.items()
    )
    return (
        "# 发布流程的状态（publishing states）\n\n"
        "<!-- Generated from gongkai/publishing/states.py by `gongkai publishing_diagram`; do not edit. -->\n\n"
        "```mermaid\n" + mermaid() + "\n```\n\n"
        "| 原状态 | 操作 | 新状态 |\n|---|---|---|\n" + rows + "\n\n"
        f"进行中的状态（同一对象至多一个，数据库约束）：{'、'.join(s.label for s in State if s in OPEN_STATES)}。\n"
    )


def mermaid() -> str:
    """The state diagram of TRANSITIONS in Mermaid syntax."""
    lines = ["stateDiagram-v2", "    [*] --> draft"]
    for (source, action), target in TRANSITIONS.items():
        lines.append(f"    {source.value} --> {target.value}: {action.label}（{action.value}）")
    for state in sorted(FINAL_STATES):
        lines.append(f"    {state.value} --> [*]")
    for state in State:
        lines.append(f"    {state.value}: {state.value} {state.label}")
    return "\n".join(lines)
