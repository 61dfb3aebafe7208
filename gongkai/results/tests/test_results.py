"""结果公开: evaluations of exactly one subject, the work-report breakdown into key tasks, and the one
page chain 征求意见 → 决策 → 执行 → 评估."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.core.errors import ValidationFailed
from gongkai.key_tasks import services as key_task_services
from gongkai.results import services
from gongkai.results.models import EvaluationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def finish(reviewer, approver):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import open_workflow_for

    def run(obj, author):
        workflow = open_workflow_for(obj) or publishing.start_workflow(actor=author, obj=obj)
        if workflow.state == "draft":
            publishing.submit(actor=author, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow)
        return obj

    return run


@pytest.fixture
def plan(office_user, department):
    return services.save_plan(
        actor=office_user,
        department=department,
        title="统计现代化改革“十五五”规划",
        start_year=2026,
        end_year=2030,
        summary="推进统计现代化改革。",
        indicators="统计数据发布及时率|%|95|100|约束性\n联网直报率|%|90|98|预期性",
    )


def test_plan_indicators_are_parsed_with_their_nature(plan):
    rows = [(i.name, i.target, i.get_nature_display()) for i in plan.indicators.all()]
    assert rows == [("统计数据发布及时率", "100", "约束性"), ("联网直报率", "98", "预期性")]


def test_a_malformed_indicator_line_is_refused_with_its_line_number(office_user, department):
    with pytest.raises(ValidationFailed, match="第 2 行格式") as exc:
        services.save_plan(
            actor=office_user,
            department=department,
            title="x",
            start_year=2026,
            end_year=2030,
            summary="x",
            indicators="甲|%|1|2\n乙",
        )
    assert exc.value.field == "indicators"


def test_an_evaluation_has_exactly_one_subject(office_user, department, plan):
    common = dict(
        actor=office_user,
        department=department,
        title="中期评估",
        evaluator="第三方机构（演示）",
        evaluated_on=date(2028, 6, 30),
        conclusion="总体进展符合预期。",
    )
    with pytest.raises(ValidationFailed, match="只选择一个评估对象"):
        services.save_evaluation(kind=EvaluationKind.THIRD_PARTY, **common)
    with pytest.raises(ValidationFailed, match="中期评估和终期评估针对发展规划"):
        project = services.save_project(
            actor=office_user,
            department=department,
            year=2026,
            title="统计开放日",
            description="x",
            budget="5",
            location="鼓楼区",
            starts_on=date(2026, 3, 1),
            due_on=date(2026, 9, 30),
        )
        services.save_evaluation(kind=EvaluationKind.MID_TERM, project=project, **common)
    indicator = plan.indicators.first()
    e = services.save_evaluation(
        kind=EvaluationKind.MID_TERM, plan=plan, values={indicator: ("97", "接近目标")}, **common
    )
    assert [(v.indicator.name, v.actual) for v in e.indicator_values.all()] == [("统计数据发布及时率", "97")]


def test_an_evaluation_cannot_be_published_before_its_subject(office_user, department, plan):
    e = services.save_evaluation(
        actor=office_user,
        department=department,
        kind=EvaluationKind.MID_TERM,
        plan=plan,
        title="中期评估",
        evaluator="甲",
        evaluated_on=date(2028, 6, 30),
        conclusion="好。",
    )
    with pytest.raises(ValidationFailed, match="评估对象尚未公开"):
        services.send_to_publication(actor=office_user, obj=e)


def test_breaking_down_a_work_report_creates_linked_key_tasks(office_user, department):
    report = services.save_work_report(
        actor=office_user, department=department, year=2026, title="2025年政府工作报告"
    )
    task = services.break_down(
        actor=office_user,
        report=report,
        task_title="完善全口径消费统计制度",
        excerpt="完善全口径消费统计制度。",
        department=department,
        due_on=date(2026, 12, 31),
        target="建立监测体系。",
    )
    assert list(report.tasks.all()) == [task]
    assert (task.source, task.source_title, task.source_excerpt) == (
        "work_report",
        "2025年政府工作报告",
        "完善全口径消费统计制度。",
    )


def test_a_decision_cannot_predate_the_close_of_its_consultation(office_user, drafter, department):
    from gongkai.consultations import services as consultation_services

    now = timezone.now()
    c = consultation_services.create_consultation(
        actor=drafter,
        title="统计执法检查办法（征求意见稿）",
        opens_at=now,
        closes_at=now + timedelta(days=30),
        articles_text="第一条 为规范，制定本办法。",
    )
    with pytest.raises(ValidationFailed, match="不能早于征求意见的截止日期") as exc:
        services.save_decision(
            actor=office_user,
            department=department,
            title="出台办法",
            decided_on=now.date(),
            document_title="办法",
            summary="x",
            consultation=c,
        )
    assert exc.value.field == "decided_on"


def test_the_decision_page_shows_the_whole_chain(client, office_user, drafter, department, finish):
    from gongkai.consultations import services as consultation_services
    from gongkai.consultations.models import Consultation

    now = timezone.now()
    c = consultation_services.create_consultation(
        actor=drafter,
        title="统计执法检查办法（征求意见稿）",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=30),
        articles_text="第一条 为规范，制定本办法。",
    )
    finish(c, drafter)
    # The window closes (the clock moves; nobody acts).
    Consultation.objects.filter(pk=c.pk).update(
        opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=10)
    )
    c.refresh_from_db()
    task = key_task_services.save_task(
        actor=office_user,
        year=2026,
        title="落实统计执法检查办法",
        target="开展检查。",
        department=department,
        due_on=date.today() + timedelta(days=60),
    )
    finish(task, office_user)
    d = services.save_decision(
        actor=office_user,
        department=department,
        title="出台统计执法检查办法",
        decided_on=date.today() - timedelta(days=5),
        document_title="福州市统计执法检查办法",
        summary="规范统计执法检查。",
        consultation=c,
        key_tasks=[task],
    )
    finish(d, office_user)
    e = services.save_evaluation(
        actor=office_user,
        department=department,
        kind=EvaluationKind.EXPERT,
        decision=d,
        title="执法检查办法实施效果专家评审",
        evaluator="专家组（演示）",
        evaluated_on=date.today(),
        conclusion="实施效果良好。",
        response="继续完善。",
    )
    finish(e, office_user)
    html = client.get(f"/xxgk/jggk/decisions/{d.pk}/").content.decode()
    positions = [
        html.index(s)
        for s in (
            "一、征求意见",
            c.title,
            "二、决策",
            "福州市统计执法检查办法",
            "三、执行",
            task.title,
            "四、评估",
            e.title,
        )
    ]
    assert positions == sorted(positions)
    assert "按期推进" in html
    api = client.get(f"/api/v1/results/decisions/{d.pk}").json()
    assert api["consultation"]["id"] == c.pk
    assert [x["title"] for x in api["execution"]] == [task.title]
    assert "结果公开专栏" in client.get("/xxgk/catalogue/?category=result").content.decode()


def test_project_completion_needs_its_outcome(office_user, department):
    with pytest.raises(ValidationFailed) as exc:
        services.save_project(
            actor=office_user,
            department=department,
            year=2026,
            title="统计数据开放大厅",
            description="x",
            budget="50",
            location="鼓楼区",
            starts_on=date(2026, 3, 1),
            due_on=date(2026, 9, 30),
            completed_on=date(2026, 9, 1),
        )
    assert exc.value.field == "outcome"


def test_office_screens(staff_client, office_user, plan):
    client = staff_client(office_user)
    assert plan.title in client.get("/office/results/").content.decode()
    page = client.get(f"/office/results/plan/{plan.pk}/").content.decode()
    assert "2026" in page and "提交发布" in page
    assert client.get("/office/results/nothing/new/").status_code == 404
