"""The glossary names what the code names (issue 12, Must show): the chosen identifier exists in the
code and the rejected one appears nowhere in the glossary's term tables."""

from pathlib import Path

import pytest

from gongkai.consultations.models import Disposition
from gongkai.foi_requests import fees, services
from gongkai.foi_requests.states import Action

GLOSSARY = Path(__file__).resolve().parents[3] / "docs" / "glossary.md"
REJECTED = [
    "reply_letter",
    "`reply`",
    "partly_adopted",
    "processing_fee",
    "`extension`",
    "online_interview",
    "opinion_incident",
]


def _term_tables() -> str:
    return GLOSSARY.read_text(encoding="utf-8").split("## Naming decisions")[0]


def test_the_chosen_names_exist_in_the_code():
    assert Disposition.PARTLY == "partly" and Action.ANSWER == "answer" and Action.EXTEND == "extend"
    assert Action.FEE_NOTICE == "fee_notice" and callable(services.answer) and fees is not None
    assert "`partly`" in GLOSSARY.read_text(encoding="utf-8") or "partly," in _term_tables()


def test_the_naming_decisions_name_what_the_code_stores():
    from gongkai.foi_requests.outcomes import Outcome
    from gongkai.public_messages import services as message_services
    from gongkai.public_messages.models import Message
    from gongkai.public_messages.states import Action as MessageAction

    decisions = GLOSSARY.read_text(encoding="utf-8").split("## Naming decisions")[1]
    assert Outcome.PARTIAL == "partial" and "`partial`" in decisions
    assert MessageAction.REPLY == "reply" and callable(message_services.reply)
    assert {"reply", "replied_at"} <= {f.name for f in Message._meta.fields} and "`reply`" in decisions


@pytest.mark.parametrize("name", REJECTED)
def test_a_rejected_name_is_not_in_the_term_tables(name):
    assert name not in _term_tables()
