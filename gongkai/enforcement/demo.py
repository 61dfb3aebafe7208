"""Demo: 统计执法 of 福州市统计局 — the enforcement body and its flow, officers, discretion benchmarks
(《中华人民共和国统计法》第四十四条、第四十五条), the random-inspection list, decisions of 2025 and
2026 published through the workflow (one revoked and withdrawn with its reason, one still due), a
双随机 inspection with its recorded draw and published results, and a dishonesty listing that expires
a few days after the demo is loaded. Names of enterprises and people are invented (演示).

Decisions of the past are published through the real workflow and then given their historical
publication minute, as an import of earlier records would (the clock then shows them on time).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

from . import clock, services
from .models import Decision, EnforcementBody

LAW = "《中华人民共和国统计法》"
DEMO_USCC = "91350100M000100Y43"  # checksum-valid, invented
BODY = {
    "name": "福州市统计局",
    "scope": "依法查处本行政区域内发生的统计违法行为，组织实施统计执法检查（《中华人民共和国统计法》第三十六条）。",
    "address": "福州市鼓楼区（演示地址）",
    "phone": "0591-00000000（演示号码）",
    "flow_steps": "制定检查计划\n双随机抽取检查对象和执法人员\n出示执法证件，送达统计检查通知书\n实施检查，制作询问笔录\n审查、告知当事人陈述申辩权利\n作出处理决定并送达\n执法决定在法定时限内公示",
}
OFFICERS = [
    ("林一鸣", "35010023001"),
    ("陈思远", "35010023002"),
    ("黄志强", "35010023003"),
    ("郑雅琴", "35010023004"),
]
BENCHMARKS = [
    (
        "提供不真实或者不完整的统计资料",
        f"{LAW}第四十四条",
        "首次违法，情节轻微并及时改正",
        None,
        None,
        "责令改正，给予警告",
    ),
    (
        "提供不真实或者不完整的统计资料",
        f"{LAW}第四十四条第二款",
        "一般情节",
        Decimal("10000"),
        Decimal("100000"),
        "责令改正，警告，可以通报",
    ),
    (
        "提供不真实或者不完整的统计资料",
        f"{LAW}第四十四条第二款",
        "情节严重",
        Decimal("100000"),
        Decimal("500000"),
        "责令改正，警告，通报",
    ),
    (
        "迟报统计资料",
        f"{LAW}第四十五条第二款",
        "企业事业单位或其他组织",
        Decimal("0"),
        Decimal("50000"),
        "责令改正，警告",
    ),
    ("迟报统计资料", f"{LAW}第四十五条第三款", "个体工商户", Decimal("0"), Decimal("1000"), "责令改正，警告"),
]
ITEMS = [
    (
        "统计调查对象统计数据质量检查",
        "规模以上工业企业",
        f"{LAW}第三十六条、第三十八条",
        "现场检查、书面核查",
    ),
    (
        "统计调查对象原始记录和统计台账设置检查",
        "限额以上批发零售企业",
        f"{LAW}第二十四条、第四十五条",
        "现场检查",
    ),
    ("统计调查对象依法报送统计资料情况检查", "重点服务业企业", f"{LAW}第四十四条", "书面检查、网络核查"),
]
# (document, kind, title, party_type, party, id, facts, basis, outcome, fine, decided_on)
DECISIONS_2025 = [
    (
        "榕统罚〔2025〕1号",
        "penalty",
        "福州闽江电子科技有限公司提供不真实统计资料案",
        "organisation",
        "福州闽江电子科技有限公司（演示）",
        "",
        "该公司在2024年统计年报中虚报营业收入1200万元。",
        f"{LAW}第四十四条第一款第（二）项、第二款",
        "责令改正，给予警告，并处罚款人民币五万元。",
        Decimal("50000"),
        date(2025, 4, 8),
    ),
    (
        "榕统罚〔2025〕2号",
        "penalty",
        "福州榕城商贸有限公司迟报统计资料案",
        "organisation",
        "福州榕城商贸有限公司（演示）",
        "",
        "该公司经催报后仍未按时报送2025年3月统计月报。",
        f"{LAW}第四十五条第一款、第二款",
        "责令改正，给予警告。",
        None,
        date(2025, 5, 12),
    ),
    (
        "榕统罚〔2025〕3号",
        "penalty",
        "某个体工商户迟报统计资料案",
        "individual",
        "王小明",
        "11010519491231002X",
        "当事人王小明（身份证号 11010519491231002X）经营的个体工商户迟报2025年二季度统计报表。",
        f"{LAW}第四十五条第三款",
        "责令改正，给予警告。",
        None,
        date(2025, 8, 6),
    ),
    (
        "榕统罚〔2025〕4号",
        "penalty",
        "福州东湖建材有限公司未设置统计台账案",
        "organisation",
        "福州东湖建材有限公司（演示）",
        "",
        "该公司未按照国家有关规定设置原始记录、统计台账。",
        f"{LAW}第四十五条第一款、第二款",
        "责令改正，给予警告，并处罚款人民币一万元。",
        Decimal("10000"),
        date(2025, 10, 20),
    ),
    (
        "榕统检〔2025〕1号",
        "inspection",
        "2025年统计执法检查处理决定",
        "organisation",
        "福州鼓山食品有限公司（演示）",
        "",
        "统计执法检查发现该公司统计台账记录不完整。",
        f"{LAW}第三十六条、第三十八条",
        "责令限期改正。",
        None,
        date(2025, 11, 14),
    ),
]


def _publish(obj, users, at=None):
    workflow = workflow_for(obj)
    publishing.submit(actor=users["chengban"], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow)
    if at is not None:  # an earlier record: its historical publication minute
        Decision.objects.filter(pk=obj.pk).update(published_at=at, late_by_days=0)
        workflow.__class__.objects.filter(pk=workflow.pk).update(published_at=at)


def _decision(users, agency, row):
    number, kind, title, party_type, party, id_number, facts, basis, outcome, fine, decided_on = row
    return services.create_decision(
        actor=users["chengban"],
        agency=agency,
        kind=kind,
        document_number=number,
        title=title,
        party_type=party_type,
        party_name=party,
        party_id_number=id_number,
        facts=facts,
        basis=basis,
        outcome=outcome,
        fine_amount=fine,
        decided_on=decided_on,
    )


def _at(on: date):
    return timezone.make_aware(timezone.datetime(on.year, on.month, on.day, 10, 0))


def load_enforcement(*, agency, users, stdout=None):
    if EnforcementBody.objects.filter(agency=agency).exists():
        return
    office, drafter = users["gongkaiban"], users["chengban"]
    services.save_reference(actor=office, agency=agency, kind="body", **BODY)
    for name, number in OFFICERS:
        services.save_reference(
            actor=office,
            agency=agency,
            kind="officer",
            name=name,
            certificate_number=number,
            area="福州市",
            issued_by="福建省人民政府（演示）",
            valid_until=date(2028, 12, 31),
            active=True,
            department=drafter.department,
        )
    for n, (violation, basis, circumstance, low, high, other) in enumerate(BENCHMARKS):
        services.save_reference(
            actor=office,
            agency=agency,
            kind="benchmark",
            violation=violation,
            basis=basis,
            circumstance=circumstance,
            min_fine=low,
            max_fine=high,
            other_measures=other,
            sort_order=n,
        )
    items = [
        services.save_reference(
            actor=office,
            agency=agency,
            kind="inspection_item",
            name=name,
            subject=subject,
            basis=basis,
            method=method,
            sort_order=n,
        )
        for n, (name, subject, basis, method) in enumerate(ITEMS)
    ]
    for row in DECISIONS_2025:
        decision = _decision(users, agency, row)
        _publish(decision, users, at=_at(row[-1] + timedelta(days=3)))

    today = timezone.localdate()
    # 2026: one published and later revoked on review (withdrawn with its reason), one published
    # and just revoked (withdrawal due within 3 working days), one registered and still to publish.
    revoked = _decision(
        users,
        agency,
        (
            "榕统罚〔2026〕1号",
            "penalty",
            "福州南台物流有限公司提供不完整统计资料案",
            "organisation",
            "福州南台物流有限公司（演示）",
            "",
            "该公司报送的2025年统计年报缺少从业人员工资总额。",
            f"{LAW}第四十四条第一款第（二）项、第二款",
            "责令改正，给予警告，并处罚款人民币二万元。",
            Decimal("20000"),
            date(2026, 3, 10),
        ),
    )
    _publish(revoked, users, at=_at(date(2026, 3, 12)))
    services.mark_changed(
        actor=office,
        decision=revoked,
        change_kind="revoked",
        changed_on=date(2026, 6, 15),
        reason="行政复议机关以事实认定不清为由撤销原处罚决定（演示）",
    )
    publishing.withdraw(
        actor=office, workflow=workflow_for(revoked), reason="行政复议机关撤销原处罚决定（演示）"
    )
    changed = _decision(
        users,
        agency,
        (
            "榕统罚〔2026〕2号",
            "penalty",
            "福州西湖餐饮管理有限公司迟报统计资料案",
            "organisation",
            "福州西湖餐饮管理有限公司（演示）",
            "",
            "该公司迟报2026年三季度统计报表。",
            f"{LAW}第四十五条第一款、第二款",
            "责令改正，给予警告。",
            None,
            date(2026, 9, 8),
        ),
    )
    _publish(changed, users, at=_at(date(2026, 9, 10)))
    services.mark_changed(
        actor=office,
        decision=changed,
        change_kind="changed",
        changed_on=today,
        reason="复核后变更处罚内容，原决定信息撤回（演示）",
    )
    _decision(
        users,
        agency,
        (
            "榕统罚〔2026〕3号",
            "penalty",
            "福州马尾船舶配件有限公司拒绝提供统计资料案",
            "organisation",
            "福州马尾船舶配件有限公司（演示）",
            "",
            "该公司经催报后仍未提供2026年统计资料。",
            f"{LAW}第四十四条第一款第（一）项、第二款",
            "责令改正，给予警告，并处罚款人民币三万元。",
            Decimal("30000"),
            today - timedelta(days=2),
        ),
    )

    objects = [
        f"福州{name}有限公司（演示）"
        for name in (
            "闽侯机械制造",
            "长乐纺织",
            "福清食品",
            "连江水产",
            "罗源钢铁",
            "永泰茶业",
            "闽清陶瓷",
            "晋安电子",
            "仓山家具",
            "台江服装",
            "鼓楼软件",
            "马尾造船",
        )
    ]
    inspectors = [f"{name}（{number}）" for name, number in OFFICERS]
    inspection = services.create_inspection(
        actor=office,
        agency=agency,
        item=items[0],
        title="2026年第一批统计执法“双随机”抽查",
        objects=objects,
        inspectors=inspectors,
        object_count=3,
        inspector_count=2,
    )
    inspection = services.perform_draw(actor=office, inspection=inspection)
    services.complete_inspection(
        actor=office,
        inspection=inspection,
        completed_on=today - timedelta(days=10),
        results="抽查 3 家企业：2 家统计数据真实准确；1 家统计台账不完整，已责令限期改正（演示）。",
    )
    services.publish_results(actor=office, inspection=inspection)

    # A listing shown for one year from its start; started a year ago, it expires in three days.
    started = timezone.now() - timedelta(days=362)
    listing = services.register_listing(
        actor=office,
        agency=agency,
        enterprise_name="福州某某实业有限公司（演示）",
        credit_code=DEMO_USCC,
        decision_number="榕统信〔2025〕1号",
        decided_on=timezone.localdate(started) - timedelta(days=7),
        facts="提供不真实统计资料，情节严重（演示）",
        basis="《统计严重失信企业信用管理办法》（国统字〔2019〕33号）",
    )
    services.publish_listing(actor=office, listing=listing, at=started)
    if stdout:
        ends = timezone.localtime(clock.listing_ends_at(started, aggravated=False))
        stdout.write(
            f"行政执法公示：{Decision.objects.filter(agency=agency).count()} 件执法决定、1 次双随机抽查、"
            f"1 家失信企业（{ends:%Y-%m-%d %H:%M} 期满移出）。\n"
        )
