"""Public pages, office screens, the XLSX ledgers, the API and the 执行公开 column."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from gongkai.key_tasks import services
from gongkai.key_tasks.models import Evidence

from .conftest import TODAY, make_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_progress(published_task, report):
    first = published_task.milestones.first()
    report(
        published_task,
        milestone=first,
        percent=100,
        on=date(2026, 3, 30),
        files=[("纪要.docx", make_docx("会议纪要"))],
    )
    return published_task


def test_public_list_and_task_page_show_progress_status_and_chart_data(client, with_progress, today):
    html = client.get("/xxgk/zdrw/").content.decode()
    assert with_progress.title in html
    assert "30.0%" in html
    assert "按期推进" in html
    page = client.get(f"/xxgk/zdrw/{with_progress.pk}/").content.decode()
    assert '<strong class="task-progress">30.0%</strong>' in page
    assert 'id="progress-data" type="application/json">{"dates": ["2026-03-30"], "progress": [30.0]' in page
    assert "<script>" not in page  # CSP: no inline script


def test_an_unpublished_task_is_not_public(client, make_task):
    task = make_task()
    assert client.get(f"/xxgk/zdrw/{task.pk}/").status_code == 404
    assert task.title not in client.get("/xxgk/zdrw/").content.decode()


def test_evidence_is_downloadable_only_once_its_update_is_published(client, with_progress, drafter, today):
    published = Evidence.objects.get()
    assert client.get(f"/xxgk/zdrw/evidence/{published.pk}/").status_code == 200
    second = with_progress.milestones.all()[1]
    update = services.report_progress(
        actor=drafter,
        task=with_progress,
        milestone=second,
        reported_on=TODAY,
        text="在审。",
        percent=10,
        files=[("草稿.docx", make_docx("草稿"))],
    )
    assert client.get(f"/xxgk/zdrw/evidence/{update.evidence.get().pk}/").status_code == 404


def test_execution_column_of_five_openness_lists_the_records(client, with_progress):
    html = client.get("/xxgk/catalogue/?category=execution").content.decode()
    assert "执行公开专栏" in html
    assert "重点任务推进情况" in html and "1 项" in html
    assert "问责典型案例通报" in html


def test_office_task_screens_for_the_department(staff_client, drafter, with_progress, today):
    client = staff_client(drafter)
    assert with_progress.title in client.get("/office/key-tasks/").content.decode()
    page = client.get(f"/office/key-tasks/{with_progress.pk}/").content.decode()
    assert "报送进展" in page
    form = client.get(f"/office/key-tasks/{with_progress.pk}/report/").content.decode()
    assert 'name="evidence"' in form


def test_report_form_keeps_what_was_typed_when_refused(staff_client, drafter, with_progress, today):
    response = staff_client(drafter).post(
        f"/office/key-tasks/{with_progress.pk}/report/",
        {"reported_on": "2026-06-15", "percent": "40", "text": "进展说明保留"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "本任务设有节点，请选择本次进展对应的节点。" in html
    assert "进展说明保留" in html


def test_task_ledger_xlsx(staff_client, office_user, with_progress, today):
    response = staff_client(office_user).get("/office/key-tasks/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:4] == ["编号", "年度", "任务名称", "牵头处室"]
    row = [c.value for c in sheet[2]]
    assert row[2] == with_progress.title
    assert row[9:11] == [30.0, "按期推进"]


def test_rectification_ledger_xlsx_flags_overdue(staff_client, office_user, department, today):
    services.raise_finding(
        actor=office_user,
        department=department,
        source="routine",
        title="报表迟报",
        description="迟报。",
        found_on=date(2026, 5, 1),
        rectify_by=date(2026, 6, 1),
    )
    response = staff_client(office_user).get("/office/key-tasks/findings/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [c.value for c in sheet[2]]
    assert (row[1], row[6], row[7]) == ("报表迟报", "待整改", "是")


def test_the_supervisor_sees_the_confirm_buttons_the_department_does_not(
    staff_client, office_user, drafter, approver, department, today
):
    finding = services.raise_finding(
        actor=office_user,
        department=department,
        source="routine",
        title="报表迟报",
        description="迟报。",
        found_on=date(2026, 5, 1),
        rectify_by=date(2026, 6, 30),
    )
    services.submit_rectification(
        actor=drafter,
        finding=finding,
        measures="建立提醒。",
        result="已按时报送。",
        completed_on=date(2026, 6, 10),
    )
    own = staff_client(office_user).get(f"/office/key-tasks/findings/{finding.pk}/").content.decode()
    assert "确认整改完成" not in own
    assert "整改责任处室和报送人不能自行确认" in own
    response = staff_client(office_user).post(
        f"/office/key-tasks/findings/{finding.pk}/decide/", {"action": "confirm"}, follow=True
    )
    assert "整改责任处室及报送人不能自行确认" in response.content.decode()
    supervisor = staff_client(approver).get(f"/office/key-tasks/findings/{finding.pk}/").content.decode()
    assert "确认整改完成" in supervisor


def test_api_lists_public_tasks_with_progress(client, with_progress, today):
    data = client.get("/api/v1/key-tasks").json()
    assert [(t["title"], t["progress"], t["status"]) for t in data] == [
        (with_progress.title, 30.0, "on_track")
    ]
    detail = client.get(f"/api/v1/key-tasks/{with_progress.pk}").json()
    assert detail["history"] == [{"date": "2026-03-30", "progress": 30.0}]
    assert client.get("/api/v1/key-tasks/99999").status_code == 404


def test_feed_lists_published_updates(client, with_progress):
    body = client.get("/xxgk/zdrw/rss/").content.decode()
    assert f"{with_progress.title}（2026-03-30）" in body
