"""Interviews in the site search: published ones with their transcript, never drafts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.interviews import services
from gongkai.search import interface

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path, caplog):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    yield
    interface.reset_backends()
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


def _found(text: str) -> list[tuple[str, str]]:
    results = interface.search(text)
    return [] if results.partial else sorted((h.type, h.title) for h in results.hits)


@pytest.fixture
def host(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="zhuchi", full_name="郑华")


def _save(host, *, publish, interview=None):
    now = timezone.now()
    return services.save_interview(
        actor=host,
        title="解读2025年福州市国民经济和社会发展统计公报",
        announcement="本期访谈邀请局领导解读统计公报。",
        guests="郑华（新闻发言人）",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=50),
        publish=publish,
        interview=interview,
    )


def test_published_interview_and_its_transcript_are_found(host, django_capture_on_commit_callbacks):
    title = "解读2025年福州市国民经济和社会发展统计公报"
    with django_capture_on_commit_callbacks(execute=True):
        draft = _save(host, publish=False)
    assert _found("统计公报") == []
    with django_capture_on_commit_callbacks(execute=True):
        interview = _save(host, publish=True, interview=draft)
    assert _found("统计公报") == [("interview", title)]
    with django_capture_on_commit_callbacks(execute=True):
        services.post_entry(
            actor=host, interview=interview, speaker="郑华", text="全市地区生产总值迈上新台阶。"
        )
    assert _found("地区生产总值 新台阶") == [("interview", title)]
    assert interface.search("新台阶").hits[0].url == f"/hdjl/ft/{interview.pk}/"


def test_sitemap_lists_published_interviews_only(client, host):
    draft = _save(host, publish=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/hdjl/ft/{draft.pk}/" not in xml
    _save(host, publish=True, interview=draft)
    assert f"/hdjl/ft/{draft.pk}/" in client.get("/sitemap.xml").content.decode()
