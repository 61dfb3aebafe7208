"""Demo: one finished survey (调查征集) with responses, moderated free texts and published results.
The responses are generated (a fixed random seed) and marked 演示; idempotent by title."""

import random
from datetime import timedelta

from django.utils import timezone

from gongkai.accounts.models import Department

from . import services
from .models import Answer, QuestionKind, Survey

TITLE = "统计数据发布与政务公开满意度调查（演示）"
TEXTS = [
    ("希望增加区县一级的月度数据。", True),
    ("数据解读可以多配图表，通俗一些。", True),
    ("建议发布日程提前一个月公布。", True),
    ("加微信领取内部数据，保证真实！！！", False),
    ("统计公报希望能提供可下载的表格。", True),
]


def _finish(obj, users):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import open_workflow_for

    workflow = open_workflow_for(obj)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow)


def load_surveys(*, agency, users, stdout=None):
    if Survey.objects.filter(agency=agency, title=TITLE).exists():
        return
    drafter = users["chengban"]
    now = timezone.now()
    opens_at = now - timedelta(days=40)
    survey = services.save_survey(
        actor=drafter,
        department=Department.objects.get(agency=agency, code="general"),
        title=TITLE,
        introduction="为改进统计数据发布和政务公开工作，市统计局开展本次满意度调查。答卷匿名，每个浏览器限提交一次（演示调查，答卷为演示生成）。",
        opens_at=opens_at,
        closes_at=now - timedelta(days=10),
        is_demo=True,
    )
    add = lambda **kw: services.save_question(actor=drafter, survey=survey, **kw)  # noqa: E731
    add(
        position=1,
        kind="single",
        text="您主要通过什么渠道获取本局发布的统计数据？",
        options="政务公开平台网站\n微信公众号\n统计年鉴等出版物\n新闻媒体报道",
    )
    add(
        position=2,
        kind="multiple",
        text="您最关注哪些统计数据？",
        options="地区生产总值\n人口与就业\n居民收入与消费\n价格\n工业和投资",
    )
    add(
        position=3,
        kind="scale",
        text="您对本局统计数据发布工作的总体满意度",
        scale_min=1,
        scale_max=5,
        scale_labels="很不满意/很满意",
    )
    add(
        position=4,
        kind="matrix",
        text="您对以下方面的评价",
        rows="发布及时性\n数据易查找\n解读易理解",
        options="满意\n基本满意\n不满意",
    )
    add(position=5, kind="text", text="您对统计数据发布和政务公开工作有什么建议？", required=False)
    services.send_to_publication(actor=drafter, obj=survey)
    _finish(survey, users)

    rng = random.Random(2026)
    q = {x.position: x.pk for x in survey.questions.all()}
    for n in range(48):
        text, _ok = TEXTS[n // 10] if n % 10 == 0 and n // 10 < len(TEXTS) else ("", True)
        services.submit_response(
            survey=survey,
            answers={
                q[1]: rng.choices(range(4), weights=[6, 3, 1, 2])[0],
                q[2]: rng.sample(range(5), rng.randint(1, 3)),
                q[3]: rng.choices(range(1, 6), weights=[1, 1, 3, 6, 5])[0],
                q[4]: {r: rng.choices(range(3), weights=[6, 3, 1])[0] for r in range(3)},
                q[5]: text,
            },
            browser_token=f"demo-{n}",
            ip=f"198.51.100.{n + 1}",
            now=opens_at + timedelta(hours=6 * n + 1),
        )
    for answer in Answer.objects.filter(response__survey=survey, question__kind=QuestionKind.TEXT):
        approve = dict(TEXTS).get(answer.text, True)
        services.moderate_text(actor=users["gongkaiban"], answer=answer, approve=approve)
    report = services.generate_results(
        actor=drafter,
        survey=survey,
        introduction="本次调查共收到有效答卷 48 份（演示数据）。填空回答经审核后公开。",
    )
    services.send_to_publication(actor=drafter, obj=report)
    _finish(report, users)
    if stdout:
        stdout.write("调查征集：1 项已结束的调查（48 份演示答卷），调查结果已公布\n")
