"""Key tasks, findings and notices are searchable only while public; a published update re-indexes its task."""

from datetime import date

import pytest

from gongkai.key_tasks import search, services
from gongkai.search import registry

pytestmark = pytest.mark.django_db


def test_search_types_are_registered():
    assert {"key_task", "finding", "case_notice"} <= {t.name for t in registry.types()}


def test_a_task_is_a_search_document_only_once_published(make_task, published_task, report):
    assert search.task_document_for(make_task(title="未公开的任务")) is None
    report(published_task, milestone=published_task.milestones.first(), percent=100, on=date(2026, 3, 30))
    doc = search.task_document_for(published_task)
    assert (doc.title, doc.category, doc.url) == (
        published_task.title,
        "执行公开",
        f"/xxgk/zdrw/{published_task.pk}/",
    )
    assert "2026-03-30 按计划推进。" in doc.body


def test_a_notice_document_carries_only_the_masked_text(office_user, department, today):
    notice = services.save_notice(
        actor=office_user,
        department=department,
        kind="inaction",
        title="关于李四不作为的通报",
        facts="李四对群众反映的问题不予处理。",
        handling="对李四批评教育。",
        notified_on=today,
        persons="李四",
    )
    assert search.notice_document_for(notice) is None  # not yet published
    assert "李四" not in notice.title + notice.facts + notice.handling
