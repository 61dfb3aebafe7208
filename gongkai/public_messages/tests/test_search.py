"""Public messages in the site search: only answered, agreed and approved ones; hiding removes them;
the writer's name and contact are never indexed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.public_messages import services
from gongkai.search import interface

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")


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


def _message(agency, *, agreed=True, ip="10.0.0.1"):
    message, _ = services.submit_message(
        agency=agency,
        category="consultation",
        subject="如何查询居民人均可支配收入",
        name="李四海",
        contact="13912345678",
        body="请问在哪里可以查到近五年的居民人均可支配收入数据？",
        wants_publication=agreed,
        ip=ip,
        now=datetime(2026, 9, 22, 10, tzinfo=TZ),
    )
    return message


def test_answered_approved_message_is_found_with_its_reply(
    agency, office_user, department, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        m = _message(agency)
        services.assign(actor=office_user, message=m, department=department)
        services.reply(actor=office_user, message=m, text="统计年鉴可在本站统计数据库栏目下载。")
    assert _found("居民人均可支配收入") == []  # answered but not yet moderated
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(actor=office_user, message=m, approve=True)
    assert _found("居民人均可支配收入") == [("message", "如何查询居民人均可支配收入")]
    assert _found("统计年鉴 下载") == [("message", "如何查询居民人均可支配收入")]  # the reply
    m.refresh_from_db()
    assert interface.search("统计年鉴").hits[0].url == f"/hdjl/ly/{m.number}/"
    assert _found("李四海") == [] and _found("13912345678") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(actor=office_user, message=m, approve=False)
    assert _found("居民人均可支配收入") == []


def test_a_message_the_writer_did_not_agree_to_publish_is_never_indexed(
    agency, office_user, department, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        m = _message(agency, agreed=False)
        services.assign(actor=office_user, message=m, department=department)
        services.reply(actor=office_user, message=m, text="统计年鉴可在本站统计数据库栏目下载。")
    assert _found("居民人均可支配收入") == [] and interface.get_backend().count() == 0


def test_sitemap_lists_published_messages_only(client, agency, office_user, department):
    public, hidden = _message(agency), _message(agency, agreed=False, ip="10.0.0.2")
    for m in (public, hidden):
        services.assign(actor=office_user, message=m, department=department)
        services.reply(actor=office_user, message=m, text="统计年鉴可在本站统计数据库栏目下载。")
    services.moderate(actor=office_user, message=public, approve=True)
    public.refresh_from_db()
    hidden.refresh_from_db()
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/hdjl/ly/{public.number}/" in xml and f"/hdjl/ly/{hidden.number}/" not in xml
