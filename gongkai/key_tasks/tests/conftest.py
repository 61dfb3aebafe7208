import io
from datetime import date

import pytest

from gongkai.key_tasks import services
from gongkai.key_tasks.models import Source

TODAY = date(2026, 6, 15)


def make_docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def today(monkeypatch):
    """The legal date the services and views use (their `legal_today`)."""
    from gongkai.key_tasks import api, links, panels
    from gongkai.key_tasks.views import office, portal

    for module in (services, office, portal, panels, api, links):
        monkeypatch.setattr(module, "legal_today", lambda: TODAY)
    return TODAY


@pytest.fixture
def finish(reviewer, approver):
    """Takes an object whose workflow was submitted through review and approval (the real workflow)."""
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    def run(obj, *, author=None):
        workflow = workflow_for(obj)
        if workflow.state == "draft":
            publishing.submit(actor=author, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow)
        return obj

    return run


@pytest.fixture
def make_task(office_user, department):
    def make(
        *, milestones=((date(2026, 3, 31), 30), (date(2026, 6, 30), 30), (date(2026, 12, 31), 40)), **fields
    ):
        fields.setdefault("year", 2026)
        fields.setdefault("title", "完善全口径消费统计制度")
        fields.setdefault("target", "建立覆盖商品和服务消费的统计监测体系。")
        fields.setdefault("due_on", date(2026, 12, 31))
        fields.setdefault("source", Source.WORK_REPORT)
        task = services.save_task(actor=office_user, department=department, **fields)
        for n, (due_on, weight) in enumerate(milestones):
            services.save_milestone(
                actor=office_user, task=task, title=f"节点{n + 1}", due_on=due_on, weight=weight, position=n
            )
        return task

    return make


@pytest.fixture
def published_task(make_task, finish, office_user):
    task = make_task()
    services.send_to_publication(actor=office_user, obj=task)
    finish(task)
    return task


@pytest.fixture
def report(drafter, finish, today):
    """The department reports progress and the update is published through the workflow."""

    def run(task, *, milestone=None, percent, on, publish=True, files=()):
        update = services.report_progress(
            actor=drafter,
            task=task,
            milestone=milestone,
            reported_on=on,
            text="按计划推进。",
            percent=percent,
            files=files,
        )
        if publish:
            finish(update)
        return update

    return run
