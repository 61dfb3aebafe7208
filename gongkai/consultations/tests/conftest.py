from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.consultations import services

DRAFT = """第一条 为规范统计执法检查工作，根据《中华人民共和国统计法》制定本办法。
第二条 本办法适用于本市各级统计机构开展的统计执法检查。
第三条 统计执法检查应当遵循依法、公正、公开的原则。"""


@pytest.fixture
def publish(reviewer, approver):
    """Takes content through the real workflow: submit, pass review, approve."""
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    def run(obj, *, author):
        workflow = workflow_for(obj)
        publishing.submit(actor=author, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow)
        return obj

    return run


@pytest.fixture
def make_consultation(drafter):
    def make(actor=None, *, days=30, start=None, **fields):
        start = start or timezone.now() - timedelta(hours=1)
        fields.setdefault("title", "福州市统计执法检查办法（征求意见稿）")
        fields.setdefault("articles_text", DRAFT)
        fields.setdefault("is_major", True)
        return services.create_consultation(
            actor=actor or drafter, opens_at=start, closes_at=start + timedelta(days=days), **fields
        )

    return make


@pytest.fixture
def open_consultation(make_consultation, publish, drafter):
    consultation = make_consultation()
    publish(consultation, author=drafter)
    return consultation


def close(consultation, *, ago=timedelta(minutes=1)):
    """Move the window into the past (the clock moves, no person acts)."""
    from gongkai.consultations.models import Consultation

    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=31), closes_at=now - ago
    )
    consultation.refresh_from_db()
    return consultation
