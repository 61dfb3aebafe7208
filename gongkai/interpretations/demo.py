"""Demo: a bureau policy marked as needing interpretation, published with its text and Q&A
interpretations through the real workflow (三同步). Idempotent."""

from datetime import date

from gongkai.catalogue import services as catalogue
from gongkai.catalogue.models import ItemRevision

from . import services
from .models import Interpretation

POLICY_TITLE = "福州市统计局部门统计调查项目管理办法"
PUBLISHED_ON = date(2026, 5, 12)
DEMO_NOTE = "本条为演示内容，表述均为示例，不代表福州市统计局的正式发布。"
BODY = (
    "<p>第一条　为规范部门统计调查项目的立项、审批和实施，减轻调查对象负担，根据《中华人民共和国统计法》"
    "和《部门统计调查项目管理办法》，结合本市实际，制定本办法。</p>"
    "<p>第二条　本市各部门组织实施的统计调查项目，适用本办法。</p>"
    f"<p>{DEMO_NOTE}</p>"
)
TEXT = (
    "<h2>一、制定背景</h2><p>为落实统计法关于部门统计调查项目审批和备案的规定，规范本市部门统计调查工作，"
    "市统计局起草了本办法。</p><h2>二、主要内容</h2><p>办法明确了统计调查项目的立项条件、审批程序、"
    "实施要求和监督检查。</p>"
    f"<p>{DEMO_NOTE}</p>"
)
QA = [
    (
        "哪些统计调查项目需要审批？",
        "本市各部门组织实施的、调查对象包括部门管理系统以外单位的统计调查项目，须报市统计局审批。",
    ),
    ("审批需要多长时间？", "市统计局自受理之日起20个工作日内作出决定（演示）。"),
    ("调查表上必须标明什么？", "统计调查表应标明表号、制定机关、批准或备案文号、有效期限等标志。"),
]


def _publish(obj, users, publish_at=None):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    workflow = workflow_for(obj)
    publishing.submit(actor=users["chengban"], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow, publish_at=publish_at)


def load_interpretations(*, agency, users, stdout=None):
    if ItemRevision.objects.filter(item__agency=agency, title=POLICY_TITLE).exists():
        return
    drafter = users["chengban"]
    policy = catalogue.create_item(
        actor=drafter,
        title=POLICY_TITLE,
        summary="部门统计调查项目的立项、审批和实施（演示）",
        category="decision",
        document_number="榕统〔2026〕5号",
        topic="综合政务\\统计",
        written_on=date(2026, 4, 28),
        body=BODY,
        needs_interpretation=True,
    )
    text = services.create_interpretation(
        actor=drafter,
        policy=policy,
        form="text",
        title=f"《{POLICY_TITLE}》政策解读",
        body=TEXT,
        summary="起草处室对办法的背景和主要内容的解读（演示）",
    )
    qa = services.create_interpretation(
        actor=drafter, policy=policy, form="qa", title=f"《{POLICY_TITLE}》问答", qa_pairs=QA
    )
    # 三同步: the interpretations are approved first, then the policy; all public at the same time.
    for interpretation in (text, qa):
        _publish(interpretation, users)
    _publish(policy.revisions.get(), users)
    # Dated truly (issue 11 item 30): the policy and its interpretations went public the same day.
    from gongkai.catalogue.demo import date_truly, published_at

    date_truly(policy.revisions.get(), PUBLISHED_ON)
    Interpretation.objects.filter(pk__in=[text.pk, qa.pk]).update(published_at=published_at(PUBLISHED_ON))
    if stdout is not None:
        stdout.write(
            f"政策解读：{Interpretation.objects.filter(agency=agency).count()} 条（与政策文件同步发布）。"
        )
