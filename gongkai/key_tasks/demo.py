"""Demo of 执行公开: the bureau's key tasks derived from the 2025 government work report (data/), with
milestones and progress published through the workflow; two supervision findings rectified and
confirmed by the supervisor; one anonymised case notice; one overdue finding left open (escalation).
Idempotent: looked up by title. Every figure is invented and marked 演示."""

import json
from datetime import timedelta
from pathlib import Path

from gongkai.accounts.models import Department
from gongkai.workdays.selectors import legal_today

from . import services
from .models import KeyTask, Source

DATA = Path(__file__).parent / "data" / "gwr_2025_excerpts.json"
DEMO = "（演示数据：节点、权重和进展为演示而设）"


def _finish(obj, users, *, author="gongkaiban"):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import open_workflow_for

    workflow = open_workflow_for(obj) or publishing.start_workflow(actor=users[author], obj=obj)
    if workflow.state == "draft":
        publishing.submit(actor=users[author], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow)


def _report(users, task, *, milestone=None, percent, on, text):
    update = services.report_progress(
        actor=users["gongkaiban"], task=task, milestone=milestone, reported_on=on, text=text, percent=percent
    )
    _finish(update, users)


def load_key_tasks(*, agency, users, stdout=None):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    source = data["source"]
    first, second, third = data["excerpts"]
    if KeyTask.objects.filter(agency=agency, title="完善全口径消费统计监测").exists():
        return
    office = users["gongkaiban"]
    dept = {d.code: d for d in Department.objects.filter(agency=agency)}
    today = legal_today()
    year = today.year
    common = {
        "actor": office,
        "year": year,
        "source": Source.WORK_REPORT,
        "source_title": source["title"],
        "source_url": source["url"],
        "lead": "分管副局长（演示）",
        "is_demo": True,
    }

    consumption = services.save_task(
        title="完善全口径消费统计监测",
        target="落实政府工作报告“完善全口径消费统计制度”，建立覆盖商品消费和服务消费的本市统计监测体系，按季度发布监测结果。"
        + DEMO,
        source_excerpt=first["sentence"],
        department=dept["trade"],
        co_departments=[dept["accounts"], dept["general"]],
        weight=3,
        due_on=today + timedelta(days=25),
        **common,
    )
    m = [
        services.save_milestone(actor=office, task=consumption, title=t, due_on=d, weight=w, position=n)
        for n, (t, d, w) in enumerate(
            [
                ("制定全口径消费统计监测方案", today - timedelta(days=120), 30),
                ("建立服务消费数据采集渠道", today - timedelta(days=20), 40),
                ("发布首期全口径消费监测报告", today + timedelta(days=25), 30),
            ]
        )
    ]
    _finish(consumption, users)
    _report(
        users,
        consumption,
        milestone=m[0],
        percent=100,
        on=today - timedelta(days=125),
        text="监测方案经局务会审议通过并印发（演示）。",
    )
    _report(
        users,
        consumption,
        milestone=m[1],
        percent=60,
        on=today - timedelta(days=60),
        text="已与文旅、交通等部门建立服务消费数据共享机制，完成 3 个行业的数据对接（演示）。",
    )
    _report(
        users,
        consumption,
        milestone=m[1],
        percent=100,
        on=today - timedelta(days=25),
        text="服务消费数据采集渠道全部建成（演示）。",
    )
    _report(
        users,
        consumption,
        milestone=m[2],
        percent=50,
        on=today - timedelta(days=3),
        text="首期监测报告已形成初稿，正在征求相关部门意见（演示）。",
    )

    location = services.save_task(
        title="推广经营主体活动发生地统计",
        target="落实政府工作报告“逐步推广经营主体活动发生地统计”，对跨地区经营的经营主体按活动发生地开展统计试点。"
        + DEMO,
        source_excerpt=second["sentence"],
        department=dept["accounts"],
        co_departments=[dept["census"]],
        weight=2,
        due_on=today + timedelta(days=20),
        **common,
    )
    n = [
        services.save_milestone(actor=office, task=location, title=t, due_on=d, weight=w, position=i)
        for i, (t, d, w) in enumerate(
            [
                ("梳理跨地区经营主体名录", today - timedelta(days=90), 50),
                ("完成活动发生地统计试点", today - timedelta(days=10), 50),
            ]
        )
    ]
    _finish(location, users)
    _report(
        users,
        location,
        milestone=n[0],
        percent=100,
        on=today - timedelta(days=95),
        text="完成全市跨地区经营主体名录梳理（演示）。",
    )
    _report(
        users,
        location,
        milestone=n[1],
        percent=60,
        on=today - timedelta(days=15),
        text="试点已覆盖 2 个区，尚有 1 个区数据未报齐（演示）。",
    )

    carbon = services.save_task(
        title="开展碳排放统计核算",
        target="落实政府工作报告“开展碳排放统计核算”，配合建立本市能源消费和碳排放统计核算工作机制。" + DEMO,
        source_excerpt=third["sentence"],
        department=dept["industry"],
        weight=1,
        due_on=today + timedelta(days=20),
        **common,
    )
    _finish(carbon, users)
    _report(
        users,
        carbon,
        percent=40,
        on=today - timedelta(days=80),
        text="完成重点用能单位能源消费数据梳理（演示）。",
    )
    _report(
        users,
        carbon,
        percent=100,
        on=today - timedelta(days=5),
        text="碳排放统计核算工作机制建立并运行（演示）。",
    )

    # Supervision: two findings rectified and confirmed by the supervisor (王建国, 办公室), published.
    f1 = services.raise_finding(
        actor=users["lingdao"],
        department=dept["general"],
        source="routine",
        title="统计数据发布日程调整未提前公告（演示）",
        description="日常督查发现，一项月度数据发布时间调整后未在发布日程中提前公告（演示）。",
        found_on=today - timedelta(days=40),
        rectify_by=today - timedelta(days=20),
    )
    services.submit_rectification(
        actor=users["chengban"],
        finding=f1,
        measures="建立发布日程变更审核和提前公告制度（演示）。",
        result="发布日程变更须提前 3 个工作日在网站公告，已执行（演示）。",
        completed_on=today - timedelta(days=25),
    )
    services.decide_rectification(
        actor=users["lingdao"], finding=f1, confirm=True, note="经核查，整改到位（演示）。"
    )
    _finish(f1, users)
    f2 = services.raise_finding(
        actor=users["lingdao"],
        department=dept["industry"],
        task=carbon,
        source="special",
        title="部分规模以上工业企业能源统计台账不规范（演示）",
        description="专项督查抽查 20 家企业，其中 3 家能源消费统计台账缺少原始记录（演示）。",
        found_on=today - timedelta(days=70),
        rectify_by=today - timedelta(days=30),
    )
    services.submit_rectification(
        actor=office,
        finding=f2,
        measures="对 3 家企业开展统计业务培训，督促补齐原始记录（演示）。",
        result="3 家企业台账已规范，复查合格（演示）。",
        completed_on=today - timedelta(days=32),
    )
    services.decide_rectification(actor=users["lingdao"], finding=f2, confirm=True, note="复查合格（演示）。")
    _finish(f2, users)
    services.raise_finding(
        actor=users["lingdao"],
        department=dept["trade"],
        task=consumption,
        source="routine",
        title="服务消费监测数据共享协议未续签（演示）",
        description="督查发现与一家数据提供单位的数据共享协议到期未续签（演示）。",
        found_on=today - timedelta(days=30),
        rectify_by=today - timedelta(days=5),
    )  # left open and overdue: the 督查整改 panel escalates it

    notice = services.save_notice(
        actor=office,
        department=dept["industry"],
        finding=f2,
        kind="slow",
        title="关于赵强同志统计台账督促整改迟缓问题的通报（演示）",
        facts="赵强在督促企业规范能源统计台账工作中，对督查指出的问题拖延整改，超过期限仍未完成（演示案例）。",
        handling="经研究，对赵强进行提醒谈话，责令限期完成整改（演示）。",
        notified_on=today - timedelta(days=15),
        persons="赵强",
    )
    _finish(notice, users)
    if stdout:
        stdout.write(
            "执行公开：重点任务 3 项（源自 2025 年政府工作报告），督查问题 3 件（2 件已整改确认并公开），问责通报 1 件\n"
        )
