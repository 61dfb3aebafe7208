import itertools
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from gongkai.core.errors import InvalidTransition
from gongkai.publishing.states import (
    DIAGRAM_PATH,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    State,
    allowed_actions,
    diagram_document,
    next_state,
)

S, A = State, Action

EXPECTED = {
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
    (S.SCHEDULED, A.REOPEN_APPROVAL): S.APPROVAL,  # issue 11.12: a moved release minute
    (S.SUBMITTED, A.URGENT_APPROVE): S.PUBLISHED,  # 紧急发布 (incident releases only, by their adapter)
}


def test_the_table_is_exactly_the_documented_workflow():
    assert TRANSITIONS == EXPECTED


@pytest.mark.parametrize(("state", "action"), list(EXPECTED))
def test_every_allowed_transition(state, action):
    assert next_state(state.value, action.value) == EXPECTED[(state, action)]


REFUSED = [pair for pair in itertools.product(State, Action) if pair not in EXPECTED]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_every_other_transition_is_refused_in_chinese(state, action):
    with pytest.raises(InvalidTransition) as exc:
        next_state(state, action)
    assert exc.value.message == f"“{state.label}”状态下不能执行“{action.label}”。"


def test_final_states_allow_nothing():
    assert allowed_actions(S.WITHDRAWN) == []
    assert allowed_actions(S.SUPERSEDED) == []
    assert allowed_actions(S.APPROVAL) == [A.RETURN_TO_DRAFT, A.APPROVE, A.SCHEDULE]


def test_unknown_names_are_refused():
    with pytest.raises(InvalidTransition):
        next_state("archived", "submit")
    with pytest.raises(InvalidTransition):
        next_state("draft", "publish")


def test_open_states_are_those_before_publication():
    assert {S.DRAFT, S.SUBMITTED, S.APPROVAL, S.SCHEDULED} == OPEN_STATES


def test_generated_diagram_is_current():
    path = Path(settings.BASE_DIR) / DIAGRAM_PATH
    assert path.read_text(encoding="utf-8") == diagram_document(), "run: gongkai publishing_diagram"
    call_command("publishing_diagram", "--check")  # the command agrees


def test_diagram_names_every_transition():
    document = diagram_document()
    for (source, action), target in EXPECTED.items():
        assert f"    {source.value} --> {target.value}: {action.label}（{action.value}）" in document
