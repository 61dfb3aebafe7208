"""Demo: one open consultation (a draft 统计执法检查办法) and one closed one with comments, dispositions,
a published 采纳情况 report and the final text. Idempotent: looked up by title."""

from datetime import timedelta

from django.utils import timezone

from . import services
from .models import Comment, Consultation

OPEN_TITLE = "福州市统计执法检查办法（征求意见稿）"
CLOSED_TITLE = "福州市统计数据质量管理规定（征求意见稿）"
OPEN_TEXT = """第一条 为规范统计执法检查工作，保障统计数据真实准确，根据《中华人民共和国统计法》《中华人民共和国统计法实施条例》等规定，结合本市实际，制定本办法。
第二条 本办法适用于本市各级统计机构对统计调查对象执行统计法律法规情况开展的执法检查。
第三条 统计执法检查应当遵循依法、公正、高效的原则。
第四条 统计执法检查实行“双随机、一公开”，随机抽取检查对象，随机选派执法检查人员，抽查情况及查处结果及时向社会公开。
第五条 执法检查人员不得少于两人，并应当出示执法证件。
第六条 本办法自发布之日起施行。"""
CLOSED_TEXT = """第一条 为加强统计数据质量管理，制定本规定。
第二条 统计数据质量管理坚持全流程控制、全员参与的原则。
第三条 统计调查对象应当按时如实报送统计资料，不得虚报、瞒报、迟报、拒报。
第四条 本规定自2026年1月1日起施行。"""


def _publish(obj, users):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    workflow = workflow_for(obj)
    publishing.submit(actor=users["chengban"], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow)


def load_consultations(*, agency, users, stdout=None):
    if Consultation.objects.filter(agency=agency, title__in=[OPEN_TITLE, CLOSED_TITLE]).exists():
        return
    drafter, office = users["chengban"], users["gongkaiban"]
    now = timezone.now()
    common = {
        "basis": "《中华人民共和国统计法》《中华人民共和国统计法实施条例》《福建省统计管理条例》",
        "email": "gongkai@example.gov.cn",
        "postal_address": "福州市鼓楼区（演示地址）市统计局政法处",
    }
    open_c = services.create_consultation(
        actor=drafter,
        title=OPEN_TITLE,
        is_major=True,
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=25),
        articles_text=OPEN_TEXT,
        summary="为规范统计执法检查工作，市统计局起草了本办法，现公开征求社会各界意见。",
        explanation="本办法共六条，明确了适用范围、检查原则、“双随机、一公开”和执法人员要求。",
        **common,
    )
    _publish(open_c, users)
    a3 = open_c.articles.get(position=3)
    for i, (article, body) in enumerate(
        [
            (a3, "建议第三条增加“公开”原则，与第四条“一公开”相衔接。"),
            (open_c.articles.get(position=5), "建议明确执法检查人员应当提前告知被检查单位的权利义务。"),
            (None, "整体赞成。建议配套制定统计执法检查的裁量基准。"),
        ]
    ):
        comment, _ = services.submit_comment(
            consultation=open_c,
            article=article,
            body=body,
            name="市民",
            ip=f"192.0.2.{i + 10}",
            now=now - timedelta(days=4 - i, hours=3),  # inside the window, in the order received
        )
        if i < 2:
            services.approve_comment(actor=office, comment=comment)

    closed = services.create_consultation(
        actor=drafter,
        title=CLOSED_TITLE,
        is_major=True,
        opens_at=now - timedelta(days=60),
        closes_at=now + timedelta(days=1),
        articles_text=CLOSED_TEXT,
        summary="为提高统计数据质量，市统计局起草了本规定。",
        **common,
    )
    _publish(closed, users)
    a2, a3c = closed.articles.get(position=2), closed.articles.get(position=3)
    comments = []
    for i, (article, body) in enumerate(
        [
            (a2, "建议第二条增加“源头治理”的表述，加强对基层统计台账的管理。"),
            (a2, "建议强调数据质量的源头控制。"),
            (a3c, "建议第三条列举拒报的具体情形。"),
            (None, "希望统计局多发布县区数据。"),
        ]
    ):
        # dated inside the window the consultation will have had (now-60 days .. now-20 days)
        comment, _ = services.submit_comment(
            consultation=closed,
            article=article,
            body=body,
            ip=f"192.0.2.{i + 20}",
            now=now - timedelta(days=55 - 7 * i, hours=2),
        )
        services.approve_comment(actor=office, comment=comment)
        comments.append(comment)
    comments.append(
        services.register_comment(
            actor=drafter,
            consultation=closed,
            channel="letter",
            article=a3c,
            body="来信建议第三条与《统计法》第七条表述保持一致。",
            name="某企业",
            received_at=now - timedelta(days=24),
        )
    )
    # The window closes (demo: move it into the past, as the clock would).
    Consultation.objects.filter(pk=closed.pk).update(
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=20)
    )
    closed.refresh_from_db()
    services.tick(now)
    by_pk = {c.pk: c for c in Comment.objects.filter(consultation=closed)}
    c = [by_pk[m.pk] for m in comments]
    services.record_disposition(
        actor=drafter,
        comments=[c[0], c[1]],
        disposition="adopted",
        reason="已在第二条增加“源头治理”的表述。",
        group_label="增加源头治理",
        changed_article=a2,
    )
    services.record_disposition(
        actor=drafter,
        comments=[c[2]],
        disposition="not_adopted",
        reason="拒报的情形已由《统计法》及其实施条例规定，本规定不再重复。",
    )
    services.record_disposition(
        actor=drafter,
        comments=[c[3]],
        disposition="out_of_scope",
        reason="不属于本规定调整范围，已转数据发布部门研究。",
    )
    services.record_disposition(
        actor=drafter,
        comments=[c[4]],
        disposition="partly",
        reason="已调整第三条表述，与《统计法》第七条衔接。",
        changed_article=a3c,
    )
    services.record_final_text(
        actor=drafter,
        article=a2,
        final_state="amended",
        final_text="统计数据质量管理坚持源头治理、全流程控制、全员参与的原则。",
    )
    services.record_final_text(
        actor=drafter,
        article=a3c,
        final_state="amended",
        final_text="统计调查对象应当依照《中华人民共和国统计法》第七条的规定，按时如实报送统计资料。",
    )
    services.link_decision(
        actor=drafter,
        consultation=closed,
        title="福州市统计数据质量管理规定",
        url="",
        decided_on=timezone.localdate() - timedelta(days=3),
    )
    report = services.generate_report(
        actor=drafter,
        consultation=closed,
        introduction="征求意见期间，共收到网上意见 4 条、来信 1 条，经研究，采纳 2 条，部分采纳 1 条。",
    )
    _publish(report, users)
    if stdout:
        stdout.write("征求意见：1 件正在征求，1 件已公布采纳情况\n")
