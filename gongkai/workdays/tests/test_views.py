import pytest

from gongkai.core.models import AuditEvent
from gongkai.workdays.models import HolidayYear, SpecialDay

pytestmark = pytest.mark.django_db

SOURCE = "国务院办公厅关于2027年部分节假日安排的通知"


@pytest.fixture
def drafter(make_user):
    return make_user("drafter")


@pytest.fixture
def admin(staff_client, admin_user):
    return staff_client(admin_user)


@pytest.mark.parametrize(
    "url",
    [
        "/office/workdays/",
        "/office/workdays/2026/",
        "/office/workdays/2027/",
        "/office/workdays/calculator/?start=2026-09-19&days=20",
    ],
)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/office/login/")


def test_drafter_can_view_year_list_year_page_and_calculator(staff_client, drafter):
    client = staff_client(drafter)
    years = client.get("/office/workdays/")
    assert years.status_code == 200
    html = years.content.decode()
    assert "2026年" in html and "已公布" in html and "暂定" in html
    page = client.get("/office/workdays/2026/").content.decode()
    assert "<caption>2026年10月</caption>" in page
    assert '<abbr class="mark" title="调休上班（国庆节）">班</abbr>' in page
    assert '<abbr class="mark" title="放假：国庆节">休</abbr>' in page
    assert "添加一天" not in page  # no editing forms
    calc = client.get("/office/workdays/calculator/", {"start": "2026-09-19", "days": "20"})
    assert '<strong id="due-date">2026-10-22</strong>' in calc.content.decode()


@pytest.mark.parametrize(
    "url,data",
    [
        (
            "/office/workdays/2027/days/add/",
            {"day-date": "2027-02-20", "day-kind": "makeup_workday", "day-name": "春节"},
        ),
        ("/office/workdays/2027/announce/", {"announce-source_note": SOURCE}),
        (
            "/office/workdays/2027/import/",
            {"import-text": "2027-01-01, 休, 元旦", "import-announce": "on", "import-source_note": SOURCE},
        ),
        ("/office/workdays/seed/", {}),
    ],
)
def test_drafter_post_is_forbidden_and_changes_nothing(staff_client, drafter, url, data):
    response = staff_client(drafter).post(url, data)
    assert response.status_code == 403
    assert HolidayYear.objects.count() == 0
    assert SpecialDay.objects.count() == 0
    assert AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count() == 0


def test_drafter_cannot_remove_a_day(staff_client, drafter, admin_user):
    from datetime import date

    from gongkai.workdays import services

    day = services.add_special_day(actor=admin_user, on=date(2027, 2, 20), kind="makeup_workday", name="春节")
    events = AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count()
    response = staff_client(drafter).post(f"/office/workdays/2027/days/{day.pk}/remove/")
    assert response.status_code == 403
    assert SpecialDay.objects.filter(pk=day.pk).exists()
    assert AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count() == events


def test_admin_adds_a_day_marks_the_year_and_the_audit_shows_it(admin, admin_user):
    response = admin.post(
        "/office/workdays/2027/days/add/",
        {"day-date": "2027-02-20", "day-kind": "makeup_workday", "day-name": "春节"},
    )
    assert response.status_code == 302
    assert SpecialDay.objects.get(date="2027-02-20").kind == "makeup_workday"
    response = admin.post("/office/workdays/2027/announce/", {"announce-source_note": SOURCE})
    assert response.status_code == 302
    row = HolidayYear.objects.get(year=2027)
    assert (row.status, row.source_note) == ("announced", SOURCE)
    event = AuditEvent.objects.filter(verb="workdays.year_announced").get()
    assert event.actor_id == admin_user.pk
    assert event.agency_id is None  # national (issue 12 item 8); every agency's audit screen shows it
    page = admin.get("/office/workdays/2027/").content.decode()
    assert "依据：" + SOURCE in page
    assert '删除<span class="visually-hidden"> 2027-02-20</span>' in page


def test_admin_removes_a_day(admin, admin_user):
    from datetime import date

    from gongkai.workdays import services

    day = services.add_special_day(actor=admin_user, on=date(2027, 2, 20), kind="makeup_workday", name="春节")
    response = admin.post(f"/office/workdays/2027/days/{day.pk}/remove/")
    assert response.status_code == 302
    assert not SpecialDay.objects.filter(pk=day.pk).exists()
    assert AuditEvent.objects.filter(verb="workdays.day_removed").count() == 1


def test_admin_imports_a_schedule(admin):
    response = admin.post(
        "/office/workdays/2027/import/",
        {
            "import-text": "2027-02-05~2027-02-11, 休, 春节\n2027-02-20, 班, 春节",
            "import-source_note": SOURCE,
            "import-announce": "on",
        },
    )
    assert response.status_code == 302
    assert SpecialDay.objects.filter(date__year=2027).count() == 8
    assert HolidayYear.objects.get(year=2027).status == "announced"


@pytest.mark.parametrize(
    "url,data,message",
    [
        (
            "/office/workdays/2027/days/add/",
            {"day-date": "2027-02-30", "day-kind": "statutory_holiday", "day-name": "春节"},
            "日期“2027-02-30”不存在",
        ),
        (
            "/office/workdays/2027/days/add/",
            {"day-date": "2028-01-01", "day-kind": "statutory_holiday", "day-name": "元旦"},
            "日期须在 2027 年内。",
        ),
        (
            "/office/workdays/2027/days/add/",
            {"day-date": "2027-02-22", "day-kind": "makeup_workday", "day-name": "春节"},
            "调休上班日只能是周六或周日",
        ),
        ("/office/workdays/2027/days/add/", {"day-date": "2027-02-20", "day-name": "春节"}, "请选择类型。"),
        ("/office/workdays/2027/announce/", {"announce-source_note": ""}, "请填写依据"),
        ("/office/workdays/2027/announce/", {"announce-source_note": SOURCE}, "尚未录入任何放假或调休日期"),
        (
            "/office/workdays/2027/import/",
            {"import-text": "2027-02-05, 玩, 春节"},
            "第 1 行的类型“玩”无法识别",
        ),
    ],
)
def test_bad_input_shows_chinese_errors_beside_the_field(admin, url, data, message):
    response = admin.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="errorlist"' in html or 'class="form-error"' in html
    assert SpecialDay.objects.count() == 0
    for value in data.values():
        assert value in html  # what was typed is kept


@pytest.mark.parametrize(
    "query,message",
    [
        ({"start": "2026-02-30", "days": "20"}, "日期“2026-02-30”不存在"),
        ({"start": "abc", "days": "20"}, "格式不正确"),
        ({"start": "2026-09-19", "days": "x"}, "请填写整数。"),
        ({"start": "2026-09-19", "days": "-1"}, "工作日数不能为负数。"),
        ({"start": "2099-12-30", "days": "20"}, "只能计算 1901—2099 年的日期"),
        ({"start": "3000-01-01", "days": "2"}, "只能计算 1901—2099 年的日期。"),
        ({"start": "", "days": ""}, "请填写起算日。"),
    ],
)
def test_calculator_bad_input_never_500(staff_client, drafter, query, message):
    response = staff_client(drafter).get("/office/workdays/calculator/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_calculator_shows_ledger_and_provisional_warning(staff_client, drafter):
    html = (
        staff_client(drafter)
        .get("/office/workdays/calculator/", {"start": "2026-12-20", "days": "20"})
        .content.decode()
    )
    assert '<strong id="due-date">2027-01-18</strong>' in html
    assert "暂定结果：" in html and "2027年" in html
    assert "2027-01-01" in html and "放假，不计入（推算）" in html


@pytest.mark.parametrize("url", ["/office/workdays/1900/", "/office/workdays/2100/", "/office/workdays/0/"])
def test_years_out_of_range_are_404(staff_client, drafter, url):
    assert staff_client(drafter).get(url).status_code == 404


def test_provisional_year_page_explains_the_computation(staff_client, drafter):
    html = staff_client(drafter).get("/office/workdays/2027/").content.decode()
    assert "按《全国年节及纪念日放假办法》第二条推算" in html
    assert "春节（补假）" in html
