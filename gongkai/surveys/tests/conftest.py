from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.surveys import services
from gongkai.surveys.models import IdentityRule, Survey


@pytest.fixture
def finish(reviewer, approver):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    def run(obj):
        workflow = workflow_for(obj)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow)
        return obj

    return run


@pytest.fixture
def make_survey(drafter, department, finish):
    def make(*, rule=IdentityRule.BROWSER, publish=True, start=None, minutes=60 * 24 * 7):
        start = start or timezone.now() - timedelta(hours=1)
        survey = services.save_survey(
            actor=drafter,
            department=department,
            title="统计数据发布满意度调查",
            introduction="请就本局统计数据发布工作提出评价和建议。",
            opens_at=start,
            closes_at=start + timedelta(minutes=minutes),
            identity_rule=rule,
        )
        add = lambda **kw: services.save_question(actor=drafter, survey=survey, **kw)  # noqa: E731
        add(
            kind="single",
            text="您主要通过什么渠道获取统计数据？",
            options="网站\n微信公众号\n统计年鉴",
            position=1,
        )
        add(kind="multiple", text="您关注哪些数据？", options="GDP\n人口\n价格\n就业", position=2)
        add(
            kind="scale",
            text="总体满意度",
            scale_min=1,
            scale_max=5,
            scale_labels="很不满意/很满意",
            position=3,
        )
        add(
            kind="matrix",
            text="对以下方面的评价",
            rows="及时性\n准确性",
            options="满意\n一般\n不满意",
            position=4,
        )
        add(kind="text", text="您的建议", required=False, position=5)
        if publish:
            services.send_to_publication(actor=drafter, obj=survey)
            finish(survey)
        return survey

    return make


def answers_for(survey, *, single=0, multiple=(0, 2), scale=5, matrix=None, text=""):
    q = {q.position: q.pk for q in survey.questions.all()}
    return {
        q[1]: single,
        q[2]: list(multiple),
        q[3]: scale,
        q[4]: matrix if matrix is not None else {0: 0, 1: 1},
        q[5]: text,
    }


def close(survey: Survey) -> Survey:
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=8), closes_at=now - timedelta(minutes=1)
    )
    survey.refresh_from_db()
    return survey
