"""Demo of 结果公开: the breakdown of the 2025 government work report into the demo's key tasks, a plan
with indicators (演示), one 为民办实事 project with a third-party evaluation, and the decision that
followed the demo's closed consultation, executed by a key task and evaluated with the demo survey —
the chain 征求意见 → 决策 → 执行 → 评估 on one page. Idempotent by title; invented figures are 演示."""

from datetime import timedelta

from gongkai.accounts.models import Department
from gongkai.consultations.models import Consultation
from gongkai.key_tasks import services as key_task_services
from gongkai.key_tasks.models import KeyTask
from gongkai.surveys.models import Survey
from gongkai.workdays.selectors import legal_today

from . import services
from .models import Decision, EvaluationKind

DECISION_TITLE = "出台《福州市统计数据质量管理规定》（演示）"


def _finish(obj, users, author="gongkaiban"):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import open_workflow_for

    workflow = open_workflow_for(obj) or publishing.start_workflow(actor=users[author], obj=obj)
    if workflow.state == "draft":
        publishing.submit(actor=users[author], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow)


def load_results(*, agency, users, stdout=None):
    if Decision.objects.filter(agency=agency, title=DECISION_TITLE).exists():
        return
    office = users["gongkaiban"]
    dept = {d.code: d for d in Department.objects.filter(agency=agency)}
    today = legal_today()

    demo_tasks = list(
        KeyTask.objects.filter(agency=agency, source_title__contains="政府工作报告", is_demo=True)
    )
    if demo_tasks:
        report = services.save_work_report(
            actor=office,
            department=dept["office"],
            year=today.year,
            title=demo_tasks[0].source_title,
            url=demo_tasks[0].source_url,
            is_demo=True,
        )
        report.tasks.set(demo_tasks)
        _finish(report, users)

    plan = services.save_plan(
        actor=office,
        department=dept["general"],
        title="福州市统计事业发展“十五五”规划（演示）",
        start_year=2026,
        end_year=2030,
        summary="推进统计现代化改革，提高统计数据质量和公开水平（演示规划，指标为演示而设）。",
        indicators="统计数据按日程发布率|%|98|100|约束性\n联网直报覆盖率|%|92|98|预期性\n统计数据开放数据集|个|120|300|预期性",
        is_demo=True,
    )
    _finish(plan, users)

    project = services.save_project(
        actor=office,
        department=dept["general"],
        year=today.year,
        title="建设统计数据开放查询服务点（演示）",
        description="在市民服务中心设立统计数据查询服务点，提供统计年鉴、公报查阅和数据咨询服务（演示项目）。",
        budget="36.50",
        location="福州市市民服务中心（演示地址）",
        starts_on=today - timedelta(days=200),
        due_on=today - timedelta(days=30),
        completed_on=today - timedelta(days=40),
        outcome="服务点已建成并对外服务，累计接待查询 1200 人次（演示数据）。",
        is_demo=True,
    )
    _finish(project, users)
    evaluation = services.save_evaluation(
        actor=office,
        department=dept["general"],
        kind=EvaluationKind.THIRD_PARTY,
        project=project,
        title="统计数据开放查询服务点建设效果第三方评估（演示）",
        evaluator="某高校公共管理学院（演示）",
        evaluated_on=today - timedelta(days=20),
        conclusion="项目按期完成，服务覆盖面和群众满意度较好（演示结论）。",
        response="将延长周末开放时间，并增加自助查询终端（演示）。",
        is_demo=True,
    )
    _finish(evaluation, users)

    consultation = Consultation.objects.filter(
        agency=agency, title="福州市统计数据质量管理规定（征求意见稿）"
    ).first()
    task = key_task_services.save_task(
        actor=office,
        year=today.year,
        title="落实《福州市统计数据质量管理规定》",
        department=dept["general"],
        target="组织全市统计机构学习贯彻规定，建立数据质量核查机制（演示）。",
        due_on=today + timedelta(days=90),
        source="other",
        source_title=DECISION_TITLE,
        is_demo=True,
    )
    _finish(task, users)
    update = key_task_services.report_progress(
        actor=users["chengban"],
        task=task,
        reported_on=today - timedelta(days=1),
        percent=30,
        text="已召开全市统计系统贯彻部署会（演示）。",
    )
    _finish(update, users, author="chengban")
    decision = services.save_decision(
        actor=office,
        department=dept["legal"],
        title=DECISION_TITLE,
        decided_on=today,
        document_title="福州市统计数据质量管理规定",
        summary="规范统计数据生产全流程的质量控制（演示）。",
        consultation=consultation,
        key_tasks=[task],
        is_demo=True,
    )
    _finish(decision, users)
    survey = Survey.objects.filter(agency=agency, is_demo=True).first()
    if survey is not None:
        e = services.save_evaluation(
            actor=office,
            department=dept["legal"],
            kind=EvaluationKind.SURVEY,
            decision=decision,
            survey=survey,
            title="数据质量管理规定实施初期公众评价（演示）",
            evaluator="市统计局（依据公众满意度调查）",
            evaluated_on=today,
            conclusion="公众对数据发布及时性评价较高，对数据易查找性仍有改进要求（演示）。",
            response="将优化网站数据导航（演示）。",
            is_demo=True,
        )
        _finish(e, users)
    if stdout:
        stdout.write(
            "结果公开：工作报告任务分解 1 份、规划 1 项、为民办实事项目 1 项、重大决策执行 1 项、评估 2 项\n"
        )
