"""Interpretations in the site search: found once they and their policy are public, gone on withdrawal."""

import pytest

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for
from gongkai.search import interface

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path, caplog):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    yield
    interface.reset_backends()
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


def _titles(text: str) -> list[str]:
    results = interface.search(text)
    return [] if results.partial else [h.title for h in results.hits if h.type == "interpretation"]


def test_interpretation_follows_its_workflow_and_its_policy(
    make_policy, make_interpretation, drafter, publish, approver, django_capture_on_commit_callbacks
):
    policy = make_policy()
    interpretation = make_interpretation(policy, title="统计执法检查规程政策解读")
    with django_capture_on_commit_callbacks(execute=True):
        publish(interpretation, author=drafter)  # approved, but its policy is not public yet
    assert _titles("统计执法检查规程政策解读") == []
    with django_capture_on_commit_callbacks(execute=True):
        publish(policy.revisions.get(), author=drafter)
    assert _titles("统计执法检查规程政策解读") == ["统计执法检查规程政策解读"]
    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(actor=approver, workflow=workflow_for(interpretation), reason="内容需要更新")
    assert _titles("统计执法检查规程政策解读") == []
