"""The audit screen shows every event kind by its Chinese label and filters by person, record and kind,
page by page (issue 11.15)."""

import pytest

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.roles import Role
from gongkai.core import audit
from gongkai.core.models import AuditEvent


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gk-office", full_name="林晓")


@pytest.fixture
def events(make_user, agency, other_agency):
    chen = make_user(Role.DRAFTER, username="chen", full_name="陈明")
    wang = make_user(Role.APPROVER, username="wang", full_name="王建国")
    dept_a = DepartmentFactory(agency=agency, name="综合处")
    dept_b = DepartmentFactory(agency=agency, name="法规处")
    audit.record(actor=chen, verb="department.created", obj=dept_a)
    audit.record(actor=wang, verb="department.updated", obj=dept_a)
    audit.record(actor=wang, verb="department.created", obj=dept_b)
    audit.record(
        actor=chen,
        verb="publishing.approved",
        agency=agency,
        object_type="publishing.workflow",
        object_id="7",
    )
    audit.record(actor=chen, verb="legacy.mystery_thing", agency=agency)
    foreign = DepartmentFactory(agency=other_agency, name="外机关处室")
    audit.record(actor=None, verb="department.created", obj=foreign)
    return {"chen": chen, "wang": wang, "dept_a": dept_a, "dept_b": dept_b}


def table(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_every_kind_is_shown_by_its_label_and_an_unknown_one_readably(staff_client, office, events):
    html = staff_client(office).get("/office/audit/").content.decode()
    rows = table(html)
    assert "新建处室" in rows and "修改处室" in rows and "批准发布" in rows
    assert "其他事件：legacy.mystery_thing" in rows
    assert "外机关处室" not in html  # another agency's trail is never shown
    assert "登录成功" in rows  # the office user's own sign-in
    assert rows.count("<tr>") == 6
    assert '<optgroup label="发布流程">' in html and ">越权操作被拒绝</option>" in html
    assert ">登录失败</option>" in html


def test_filter_by_person(staff_client, office, events):
    rows = table(staff_client(office).get(f"/office/audit/?actor={events['wang'].pk}").content.decode())
    assert rows.count("<tr>") == 2 and "陈明" not in rows


def test_filter_by_one_kind_and_by_a_whole_group(staff_client, office, events):
    client = staff_client(office)
    rows = table(client.get("/office/audit/?verb=department.created").content.decode())
    assert rows.count("<tr>") == 2 and "修改处室" not in rows
    rows = table(client.get("/office/audit/?verb=department.").content.decode())
    assert rows.count("<tr>") == 3


def test_filter_by_record_type_and_id(staff_client, office, events):
    client = staff_client(office)
    dept_a = events["dept_a"]
    html = client.get(
        f"/office/audit/?object_type=accounts.department&object_id={dept_a.pk}"
    ).content.decode()
    rows = table(html)
    assert rows.count("<tr>") == 2 and "法规处" not in rows
    # the record's type is offered by its name, and every row links to its record's events
    assert '<option value="accounts.department" selected>处室</option>' in html
    assert f'href="?object_type=accounts.department&amp;object_id={dept_a.pk}"' in rows


def test_pages_keep_the_filters(staff_client, office, agency, events):
    for n in range(55):
        audit.record(actor=events["chen"], verb="publishing.submitted", agency=agency, object_id=str(n))
    client = staff_client(office)
    html = client.get("/office/audit/?verb=publishing.submitted").content.decode()
    assert "共 55 条记录" in html and "第 1 / 2 页" in html
    assert "verb=publishing.submitted&amp;page=2" in html
    rows = table(client.get("/office/audit/?verb=publishing.submitted&page=2").content.decode())
    assert rows.count("<tr>") == 5


def test_bad_filter_values_never_crash(staff_client, office, events):
    client = staff_client(office)
    for query in [
        "actor=abc",
        "page=zzz",
        "object_id=" + "9" * 5000,
        "verb=%00",
        "object_type=a%00b",
        "object_id=1%00",
        "from=2026-13-45",
    ]:
        # A NUL is refused before any view by the input-sanity middleware (issue 12 item 4): 422, never 500.
        assert client.get(f"/office/audit/?{query}").status_code == (422 if "%00" in query else 200), query


def test_the_event_page_shows_the_label_and_the_records_events(staff_client, office, events):
    event = AuditEvent.objects.get(verb="department.updated")
    html = staff_client(office).get(f"/office/audit/{event.pk}/").content.decode()
    assert "修改处室" in html and "处室 #" in html
    assert f"?object_type=accounts.department&amp;object_id={events['dept_a'].pk}" in html
