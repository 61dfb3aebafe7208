"""Demo data of the catalogue (idempotent): the 主动公开基本目录 of a statistics bureau, the seed work
plan as the bureau's first published item, the 60 State Council documents in 上级文件, and a few
clearly marked demo items in each five-openness category taken through the real workflow."""

import json
import re
from datetime import date
from pathlib import Path

from django.utils import timezone

from gongkai.accounts.guard import SYSTEM

from . import services
from .importer import import_documents
from .models import CatalogueNode, ItemRevision, Source

DATA = Path(__file__).resolve().parents[1] / "demo" / "data"
SEED_FILE = DATA / "fzstats_2017_openness_plan.txt"
SIXTY_FILE = DATA / "govcn_state_council_fulltext_60.jsonl"

BASIS = "《中华人民共和国政府信息公开条例》第二十条"
STATS_BASIS = "《中华人民共和国统计法》第二十三条、《政府信息公开条例》第二十条"
# (code, name, parent code, content, basis, time limit, subject)
NODES = [
    (
        "org",
        "机构职能",
        None,
        "机构职能、内设机构、领导分工、联系方式",
        BASIS,
        "信息形成或变更之日起20个工作日内",
        "办公室",
    ),
    (
        "org-duties",
        "机构职能",
        "org",
        "本局主要职责和内设机构职责",
        BASIS,
        "信息形成或变更之日起20个工作日内",
        "办公室",
    ),
    (
        "org-leaders",
        "领导信息",
        "org",
        "局领导姓名、职务、分工",
        BASIS,
        "信息形成或变更之日起20个工作日内",
        "办公室",
    ),
    (
        "policy",
        "政策文件",
        None,
        "本局制发的规范性文件和其他政策文件",
        BASIS,
        "信息形成或变更之日起20个工作日内",
        "政法处",
    ),
    (
        "policy-normative",
        "规范性文件",
        "policy",
        "统计工作规范性文件",
        "《福建省行政规范性文件管理办法》",
        "公布之日起20个工作日内",
        "政法处",
    ),
    (
        "policy-other",
        "其他文件",
        "policy",
        "工作方案、通知",
        BASIS,
        "信息形成或变更之日起20个工作日内",
        "办公室",
    ),
    (
        "plans",
        "规划计划",
        None,
        "统计事业发展规划、年度工作计划和总结",
        BASIS,
        "信息形成或变更之日起20个工作日内",
        "办公室",
    ),
    ("data", "统计数据", None, "统计公报、月度数据、统计年鉴", STATS_BASIS, "按统计数据发布日程", "综合处"),
    (
        "data-bulletins",
        "统计公报",
        "data",
        "国民经济和社会发展统计公报、专项公报",
        STATS_BASIS,
        "按统计数据发布日程",
        "综合处",
    ),
    ("data-monthly", "月度数据", "data", "主要经济指标月度数据", STATS_BASIS, "按统计数据发布日程", "综合处"),
    (
        "data-census",
        "普查公报",
        "data-bulletins",
        "人口普查、经济普查主要数据公报",
        "《全国人口普查条例》《全国经济普查条例》",
        "按普查公报发布安排",
        "普查中心",
    ),
    (
        "enforcement",
        "统计执法",
        None,
        "执法依据、执法程序、执法结果（“双随机、一公开”）",
        "《统计执法监督检查办法》",
        "执法决定作出之日起7个工作日内",
        "政法处",
    ),
    (
        "finance",
        "财政资金",
        None,
        "部门预算、决算和“三公”经费",
        "《中华人民共和国预算法》第十四条",
        "批复后20日内",
        "办公室",
    ),
    (
        "openness",
        "政务公开",
        None,
        "政务公开工作方案、年度报告",
        "《政府信息公开条例》第四十九条、第五十条",
        "每年1月31日前（年度报告）",
        "办公室",
    ),
]
COMMON = {
    "audience": "全社会",
    "mode": "主动公开",
    "level": "市级",
    "channels": "本局门户网站；政务公开专栏；统计资料",
}

# (category, node code, title, summary, document number) — demo content, marked as such in the body.
DEMO_ITEMS = [
    (
        "decision",
        "plans",
        "福州市统计局2026年统计工作要点（征求意见稿）",
        "2026年统计工作的主要任务和措施（演示）",
        "",
    ),
    (
        "decision",
        "policy-normative",
        "福州市统计局统计调查项目管理办法（草案）",
        "规范部门统计调查项目的立项、审批和实施（演示）",
        "",
    ),
    (
        "execution",
        "policy-other",
        "福州市统计局关于开展2025年统计执法“双随机”抽查的通知",
        "抽查对象、方式和时间安排（演示）",
        "榕统〔2026〕2号",
    ),
    (
        "execution",
        "plans",
        "福州市统计局2026年政务公开工作实施方案",
        "推进“五公开”的任务分工（演示）",
        "榕统〔2026〕3号",
    ),
    ("management", "enforcement", "福州市统计局统计执法检查事项清单", "执法检查事项、依据和方式（演示）", ""),
    ("management", "org-duties", "福州市统计局内设机构及职责", "内设处室的主要职责（演示）", ""),
    (
        "service",
        "data-monthly",
        "统计数据查询与资料借阅服务指南",
        "数据查询、资料借阅的途径和时间（演示）",
        "",
    ),
    ("service", "openness", "福州市统计局依申请公开办理流程", "申请、受理、答复的流程和时限（演示）", ""),
]
# The flagship 统计公报 is written by opendata.demo from the real census tables (issue 11 item 30).
DEMO_NOTE = "本条为演示内容，数字和表述均为示例，不代表福州市统计局的正式发布。"

# The day each demo item was published, true to its content (issue 11 item 30): a plan early in its
# year, the 统计公报 in March, a notice before the work it announces. Never the day the demo is loaded.
DEMO_DATES = {
    "福州市统计局2026年统计工作要点（征求意见稿）": date(2026, 1, 20),
    "福州市统计局统计调查项目管理办法（草案）": date(2026, 4, 15),
    "福州市统计局关于开展2025年统计执法“双随机”抽查的通知": date(2026, 2, 10),
    "福州市统计局2026年政务公开工作实施方案": date(2026, 3, 5),
    "福州市统计局统计执法检查事项清单": date(2026, 3, 20),
    "福州市统计局内设机构及职责": date(2026, 1, 9),
    "统计数据查询与资料借阅服务指南": date(2026, 2, 2),
    "福州市统计局依申请公开办理流程": date(2026, 1, 16),
    "福州市统计局统计资料管理暂行办法": date(2018, 5, 28),
    "福州市统计局统计执法检查工作规程": date(2021, 6, 21),
}


def published_at(day: date, hour: int = 10):
    """`day` at `hour` in Asia/Shanghai, never later than now (a demo loaded early stays visible)."""
    from datetime import datetime, time

    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    return min(moment, timezone.now())


def date_truly(revision, day: date | None) -> None:
    """Gives a demo revision published through the workflow today its true publication day."""
    if day is None:
        return
    written = revision.written_on if revision.written_on and revision.written_on <= day else day
    ItemRevision.objects.filter(pk=revision.pk).update(published_at=published_at(day), written_on=written)


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _nodes(agency, actor):
    by_code = {n.code: n for n in CatalogueNode.objects.filter(agency=agency)}
    for order, (code, name, parent, content, basis, time_limit, subject) in enumerate(NODES):
        if code in by_code:
            continue
        by_code[code] = services.save_catalogue_node(
            actor=actor,
            parent=by_code.get(parent),
            name=name,
            code=code,
            content=content,
            basis=basis,
            time_limit=time_limit,
            subject=subject,
            sort_order=order,
            **COMMON,
        )
    return by_code


def _seed_rows():
    text = SEED_FILE.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    title = lines[0]
    match = re.search(r"发布时间:(\d{4}-\d{2}-\d{2})", text)
    body = "\n".join(line for line in lines[1:] if line and not line.startswith("发布时间"))
    yield (
        1,
        {
            "索引号": "350100TJJ/2017-00001",
            "标题": title,
            "发文机关": "福州市统计局",
            "主题分类": "综合政务\\政务公开",
            "成文日期": match[1],
            "发布日期": match[1],
            "body_text": body,
            "category": "execution",
            "内容概述": "推进决策、执行、管理、服务、结果“五公开”，加强政策解读，回应社会关切的实施方案。",
        },
    )


def load_catalogue(*, agency, users, stdout=None):
    office, drafter = users["gongkaiban"], users["chengban"]
    nodes = _nodes(agency, office)
    seeded = import_documents(actor=SYSTEM, agency=agency, rows=_seed_rows(), source=Source.OWN)
    if seeded.items:
        revision = seeded.items[0].current_revision
        revision.node = nodes["openness"]
        revision.department = drafter.department
        revision.save(update_fields=["node", "department"])
    rows = [
        (n, json.loads(line))
        for n, line in enumerate(SIXTY_FILE.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip()
    ]
    higher = import_documents(actor=SYSTEM, agency=agency, rows=rows, source=Source.HIGHER_LEVEL)
    created = 0
    existing = set(ItemRevision.objects.filter(item__agency=agency).values_list("title", flat=True))
    for category, node_code, title, summary, number in DEMO_ITEMS:
        if title in existing:
            continue
        item = services.create_item(
            actor=drafter,
            title=title,
            summary=summary,
            category=category,
            node=nodes[node_code],
            document_number=number,
            topic="综合政务\\统计",
            written_on=DEMO_DATES.get(title, timezone.localdate()),
            body=f"<p>{summary}。</p><p>{DEMO_NOTE}</p>",
        )
        _publish(item.revisions.get(), users)
        date_truly(item.revisions.get(), DEMO_DATES.get(title))
        created += 1
    _normative_documents(agency, users, nodes)
    _say(
        stdout,
        f"政府信息：基本目录 {len(nodes)} 项，本局信息 {seeded.created + created} 条，"
        f"上级文件 {higher.created} 条（已存在的跳过）。",
    )


def _publish(revision, users):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    workflow = workflow_for(revision)
    publishing.submit(actor=users["chengban"], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow)


# (title, document number, effective, expires, body) — demo normative documents, marked as such.
NORMATIVE_DOCS = [
    ("福州市统计局统计资料管理暂行办法", "榕统〔2018〕4号", date(2018, 6, 1), None),
    ("福州市统计局统计执法检查工作规程", "榕统〔2021〕2号", date(2021, 7, 1), "expires_soon"),
]
CLEANUP_NAME = "2026年规范性文件集中清理（演示）"


def _normative_documents(agency, users, nodes):
    """Two demo normative documents and a published cleanup campaign with a decision on each."""
    from datetime import timedelta

    from . import normative
    from .models import CleanupCampaign, NormativeDocument

    if CleanupCampaign.objects.filter(agency=agency, name=CLEANUP_NAME).exists():
        return
    office, drafter = users["gongkaiban"], users["chengban"]
    documents = []
    for title, number, effective_on, expires in NORMATIVE_DOCS:
        revision = ItemRevision.objects.filter(item__agency=agency, title=title).first()
        if revision is None:
            item = services.create_item(
                actor=drafter,
                title=title,
                document_number=number,
                category="decision",
                node=nodes["policy-normative"],
                topic="综合政务\\统计",
                summary=f"{title}（演示）",
                body=f"<p>{title}全文（演示）。</p><p>{DEMO_NOTE}</p>",
            )
            revision = item.revisions.get()
            _publish(revision, users)
            date_truly(revision, DEMO_DATES.get(title))
        expires_on = timezone.localdate() + timedelta(days=150) if expires else None
        document = NormativeDocument.objects.filter(
            item=revision.item
        ).first() or normative.register_normative(
            actor=office, item=revision.item, effective_on=effective_on, expires_on=expires_on
        )
        documents.append(document)
    campaign = normative.create_campaign(
        actor=office,
        name=CLEANUP_NAME,
        started_on=timezone.localdate() - timedelta(days=30),
        scope="本局2025年12月31日前制发的现行规范性文件（演示）",
    )
    normative.decide(
        actor=office,
        campaign=campaign,
        document=documents[0],
        outcome="repeal",
        reason="所依据的上位规定已修订，内容已被新办法替代（演示）。",
    )
    normative.decide(actor=office, campaign=campaign, document=documents[1], outcome="keep")
    normative.publish_campaign(
        actor=office, campaign=campaign, result_note="本次共清理规范性文件2件：废止1件，继续有效1件（演示）。"
    )
