"""Consultations and adoption reports in the site search: found once public, gone once withdrawn."""

import pytest
from django.utils import timezone

from gongkai.consultations import services
from gongkai.consultations.models import Disposition
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for
from gongkai.search import interface
from gongkai.search import services as search_services

from .conftest import close

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path, caplog):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    yield
    interface.reset_backends()
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


def _found(text: str) -> list[tuple[str, str]]:
    """Documents with every word (a partial, some-words answer counts as not found)."""
    results = interface.search(text)
    return [] if results.partial else sorted((h.type, h.title) for h in results.hits)


TITLE = "关于公开征求《福州市统计执法检查办法（征求意见稿）》意见的公告"


def test_a_draft_is_not_found_a_published_consultation_is(
    make_consultation, publish, drafter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        c = make_consultation(explanation="为落实统计督察整改要求而起草。")
        search_services.sync_object("consultation", c)
    assert _found("统计执法检查") == []
    with django_capture_on_commit_callbacks(execute=True):
        publish(c, author=drafter)
    assert _found("统计执法检查") == [("consultation", TITLE)]
    assert _found("统计督察整改") == [("consultation", TITLE)]  # the explanation
    assert _found("依法 公正 公开的原则") == [("consultation", TITLE)]  # an article of the draft
    assert interface.search("统计督察整改").hits[0].url == f"/hdjl/zqyj/{c.pk}/"


def test_the_published_report_is_found_and_withdrawal_removes_both(
    open_consultation, office_user, drafter, publish, approver, django_capture_on_commit_callbacks
):
    comment, _ = services.submit_comment(
        consultation=open_consultation, body="建议增加检查结果公开的规定。", ip="10.9.0.1"
    )
    services.approve_comment(actor=office_user, comment=comment)
    close(open_consultation)
    services.record_disposition(
        actor=drafter,
        comments=[comment],
        disposition=Disposition.ADOPTED,
        reason="已增加检查结果向社会公开的条款。",
    )
    with django_capture_on_commit_callbacks(execute=True):
        search_services.reindex()
        report = services.generate_report(
            actor=drafter, consultation=open_consultation, introduction="共收到意见 1 条。"
        )
    assert _found('"检查结果向社会公开"') == []  # generated, not yet published
    with django_capture_on_commit_callbacks(execute=True):
        publish(report, author=drafter)
    report.refresh_from_db()
    assert report.published_at is not None and report.published_at <= timezone.now()
    assert _found('"检查结果向社会公开"') == [("consultation_report", report.title)]
    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(actor=approver, workflow=workflow_for(open_consultation), reason="草案需重新起草")
    assert _found('"检查结果向社会公开"') == [] and _found("统计执法检查") == []


def test_sitemap_lists_public_consultations_only(client, open_consultation, make_consultation):
    draft = make_consultation(title="尚未发布的草案")
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/hdjl/zqyj/{open_consultation.pk}/" in xml and f"/hdjl/zqyj/{draft.pk}/" not in xml
