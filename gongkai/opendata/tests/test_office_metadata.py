"""Office screens for 共享开放目录 entries, indicator metadata and 统计调查项目."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.models import AuditEvent
from gongkai.opendata import services
from gongkai.opendata.models import DataResource, Indicator, OpenType, SurveyProject

pytestmark = pytest.mark.django_db

LISTS = ["/office/data/catalogue/", "/office/data/indicators/", "/office/data/surveys/"]
FORMS = ["/office/data/catalogue/new/", "/office/data/catalogue/test-income/", "/office/data/surveys/new/"]

RESOURCE = {
    "code": "cpi-monthly",
    "title": "居民消费价格指数（月度）",
    "description": "福州市居民消费价格指数。",
    "topic": "prices",
    "open_type": "open",
    "not_open_reason": "",
    "conditions": "",
    "update_frequency": "每月",
    "formats": "CSV、XLSX",
    "licence": "可免费使用，须注明数据来源",
    "department": "",
    "contact": "0591-00000000",
}

SURVEY = {
    "name": "福州市住户收支与生活状况调查",
    "kind": "filed",
    "approval_number": "榕统备〔2024〕3号",
    "approving_authority": "福州市统计局",
    "organiser": "福州市统计局",
    "valid_until": "2027-12-31",
    "respondents": "抽中的住户",
    "content": "收入、支出",
    "frequency": "月度",
    "method": "抽样调查",
    "organisation": "",
    "publication": "",
    "is_public": "on",
}


@pytest.fixture
def survey(drafter):
    return services.save_survey_project(
        actor=drafter,
        name="福州市规模以上工业统计调查",
        kind="approved",
        approval_number="国统制〔2023〕100号",
        approving_authority="国家统计局",
        organiser="国家统计局",
        valid_until=date(2020, 1, 31),
    )


def _indicator(name="INC"):
    return Indicator.objects.get(code=name)


# --- permissions -----------------------------------------------------------------------------------------
def test_anonymous_is_sent_to_login(client, published):
    for url in [*LISTS, *FORMS, f"/office/data/indicators/{_indicator().pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/office/login/"), url


@pytest.mark.parametrize(
    ("role", "lists", "forms"),
    [
        (Role.SUPERVISOR, [200, 200, 200], [403, 403, 403, 403]),
        (Role.APPROVER, [200, 200, 200], [403, 403, 403, 403]),
        (Role.DRAFTER, [200, 200, 200], [200, 200, 200, 200]),
        (Role.OPENNESS_OFFICE, [200, 200, 200], [200, 200, 200, 200]),
    ],
)
def test_permission_sweep(published, make_user, staff_client, role, lists, forms):
    client = staff_client(make_user(role))
    forms_urls = [*FORMS, f"/office/data/indicators/{_indicator().pk}/"]
    assert [client.get(url).status_code for url in LISTS] == lists
    assert [client.get(url).status_code for url in forms_urls] == forms


def test_a_role_without_manage_changes_nothing_by_posting(published, survey, make_user, staff_client):
    client = staff_client(make_user(Role.SUPERVISOR))
    indicator = _indicator()
    audit_count = AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count()
    assert client.post("/office/data/catalogue/new/", RESOURCE).status_code == 403
    assert (
        client.post(
            "/office/data/catalogue/test-income/",
            {**RESOURCE, "open_type": "not_open", "not_open_reason": "x"},
        ).status_code
        == 403
    )
    assert (
        client.post(f"/office/data/indicators/{indicator.pk}/", {"name": "改名", "decimals": "0"}).status_code
        == 403
    )
    assert client.post(f"/office/data/surveys/{survey.pk}/", SURVEY).status_code == 403
    assert not DataResource.objects.filter(code="cpi-monthly").exists()
    assert DataResource.objects.get(code="test-income").open_type == OpenType.OPEN
    assert Indicator.objects.get(pk=indicator.pk).name == "人均可支配收入"
    assert SurveyProject.objects.get(pk=survey.pk).name == "福州市规模以上工业统计调查"
    assert AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count() == audit_count


def test_other_agency_staff_get_404(published, survey, other_agency, make_user, staff_client):
    client = staff_client(make_user(Role.OPENNESS_OFFICE, agency=other_agency))
    assert client.get("/office/data/catalogue/test-income/").status_code == 404
    assert client.get(f"/office/data/indicators/{_indicator().pk}/").status_code == 404
    assert client.get(f"/office/data/surveys/{survey.pk}/").status_code == 404
    assert "住户收入（测试）" not in client.get("/office/data/catalogue/").content.decode()


# --- 共享开放目录 ---------------------------------------------------------------------------------------
def test_new_catalogue_entry_is_saved_and_audited(agency, drafter, department, staff_client):
    client = staff_client(drafter)
    response = client.post("/office/data/catalogue/new/", {**RESOURCE, "department": department.pk})
    assert response.status_code == 302 and response["Location"] == "/office/data/catalogue/"
    resource = DataResource.objects.get(agency=agency, code="cpi-monthly")
    assert (
        resource.title,
        resource.topic,
        resource.update_frequency,
        resource.formats,
        resource.department,
    ) == ("居民消费价格指数（月度）", "prices", "每月", "CSV、XLSX", department)
    event = AuditEvent.objects.get(verb="opendata.resource_saved")
    assert (
        event.actor == drafter and event.before is None and event.after["title"] == "居民消费价格指数（月度）"
    )
    listing = client.get("/office/data/catalogue/").content.decode()
    assert 'href="/office/data/catalogue/cpi-monthly/">cpi-monthly</a>' in listing


def test_not_open_without_reason_is_refused_beside_the_field_and_keeps_input(agency, drafter, staff_client):
    response = staff_client(drafter).post(
        "/office/data/catalogue/new/", {**RESOURCE, "open_type": "not_open"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert (
        '<ul class="errorlist" id="id_not_open_reason_error"><li>不予开放的数据资源须说明理由。</li></ul>'
        in html
    )
    assert (
        'value="居民消费价格指数（月度）"' in html
        and 'value="not_open" required id="id_open_type_2" checked>' in html
    )
    assert not DataResource.objects.exists()
    assert not AuditEvent.objects.filter(verb="opendata.resource_saved").exists()


def test_conditional_needs_its_terms_and_codes_are_unique(published, drafter, staff_client):
    client = staff_client(drafter)
    response = client.post("/office/data/catalogue/new/", {**RESOURCE, "open_type": "conditional"})
    assert response.status_code == 422
    assert "有条件开放的数据资源须写明开放条件与使用条款" in response.content.decode()
    response = client.post("/office/data/catalogue/new/", {**RESOURCE, "code": "test-income"})
    assert response.status_code == 422 and "该资源代码已被使用，请换一个。" in response.content.decode()
    response = client.post("/office/data/catalogue/new/", {**RESOURCE, "code": "居民价格"})
    assert response.status_code == 422 and 'id="id_code_error"' in response.content.decode()
    assert list(DataResource.objects.values_list("code", flat=True)) == ["test-income"]


def test_editing_an_entry_to_not_open_records_before_and_after(published, office_user, staff_client):
    client = staff_client(office_user)
    form = client.get("/office/data/catalogue/test-income/").content.decode()
    assert 'value="住户收入（测试）"' in form and 'name="code"' not in form  # the code is fixed
    data = {
        **RESOURCE,
        "title": "住户收入（测试）",
        "open_type": "not_open",
        "not_open_reason": "样本量过小，公开可能识别调查对象（《统计法》第三十九条）。",
    }
    response = client.post("/office/data/catalogue/test-income/", data)
    assert response.status_code == 302
    resource = DataResource.objects.get(code="test-income")
    assert resource.open_type == OpenType.NOT_OPEN and resource.not_open_reason.startswith("样本量过小")
    event = AuditEvent.objects.filter(verb="opendata.resource_saved").latest("id")
    assert event.before["open_type"] == "open" and event.after["open_type"] == "not_open"


def test_catalogue_filters_pagination_and_empty_states(agency, drafter, staff_client):
    client = staff_client(drafter)
    empty = client.get("/office/data/catalogue/").content.decode()
    assert "目录中还没有数据资源。" in empty
    for n in range(35):
        services.save_resource(
            actor=drafter,
            code=f"res-{n:02d}",
            title=f"资源{n:02d}",
            open_type="conditional" if n % 5 == 0 else "open",
            conditions="仅用于研究",
        )
    page1 = client.get("/office/data/catalogue/").content.decode()
    assert page1.count('<tr><td><a href="/office/data/catalogue/res-') == 30 and "第 1 / 2 页" in page1
    page2 = client.get("/office/data/catalogue/?page=2").content.decode()
    assert page2.count('<tr><td><a href="/office/data/catalogue/res-') == 5
    conditional = client.get("/office/data/catalogue/?open_type=conditional").content.decode()
    assert conditional.count('<tr><td><a href="/office/data/catalogue/res-') == 7
    nothing = client.get("/office/data/catalogue/?q=不存在的资源").content.decode()
    assert "没有符合条件的目录条目。" in nothing
    assert client.get("/office/data/catalogue/?page=abc&department=x&open_type=%3Cb%3E").status_code == 200


# --- 指标说明 -------------------------------------------------------------------------------------------
def test_indicator_metadata_is_saved_and_audited(published, drafter, staff_client):
    client = staff_client(drafter)
    indicator = _indicator("EXP")
    data = {
        "name": "居民人均消费支出",
        "unit": "元",
        "decimals": "1",
        "meaning": "居民用于满足家庭日常生活消费需要的全部支出。",
        "scope": "常住居民",
        "survey_method": "住户收支与生活状况调查，记账方式",
        "calculation": "消费支出总额 ÷ 常住人口",
        "sample_size": "约 1200 户",
        "source": "福州市统计局住户调查",
        "contact": "0591-00000000",
    }
    response = client.post(f"/office/data/indicators/{indicator.pk}/", data)
    assert response.status_code == 302 and response["Location"] == "/office/data/indicators/"
    indicator.refresh_from_db()
    assert (indicator.name, indicator.decimals, indicator.sample_size, indicator.calculation) == (
        "居民人均消费支出",
        1,
        "约 1200 户",
        "消费支出总额 ÷ 常住人口",
    )
    event = AuditEvent.objects.get(verb="opendata.indicator_updated")
    assert event.before["name"] == "人均消费支出" and event.after["name"] == "居民人均消费支出"
    missing = client.get("/office/data/indicators/?missing=1").content.decode()
    assert f'href="/office/data/indicators/{indicator.pk}/"' not in missing
    assert f'href="/office/data/indicators/{_indicator("INC").pk}/"' in missing


def test_indicator_errors_are_in_chinese_beside_the_field(published, drafter, staff_client):
    indicator = _indicator()
    response = staff_client(drafter).post(
        f"/office/data/indicators/{indicator.pk}/",
        {"name": "", "decimals": "9", "meaning": "保留我输入的涵义"},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert '<ul class="errorlist" id="id_name_error"><li>这个字段是必填项。</li></ul>' in html
    assert '<ul class="errorlist" id="id_decimals_error"><li>确保该值小于或等于6。</li></ul>' in html
    assert "保留我输入的涵义</textarea>" in html
    assert Indicator.objects.get(pk=indicator.pk).name == "人均可支配收入"


def test_indicator_list_empty_state(agency, drafter, staff_client):
    html = staff_client(drafter).get("/office/data/indicators/").content.decode()
    assert "还没有指标。指标随数据集导入建立" in html


# --- 统计调查项目 ---------------------------------------------------------------------------------------
def test_new_survey_project_and_edit(agency, drafter, staff_client):
    client = staff_client(drafter)
    assert "还没有统计调查项目。" in client.get("/office/data/surveys/").content.decode()
    response = client.post("/office/data/surveys/new/", SURVEY)
    assert response.status_code == 302 and response["Location"] == "/office/data/surveys/"
    project = SurveyProject.objects.get()
    assert (project.kind, project.approval_number, project.valid_until, project.is_public) == (
        "filed",
        "榕统备〔2024〕3号",
        date(2027, 12, 31),
        True,
    )
    response = client.post(
        f"/office/data/surveys/{project.pk}/", {**SURVEY, "is_public": "", "valid_until": ""}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_public is False and project.valid_until is None
    assert list(AuditEvent.objects.filter(verb="opendata.survey_saved").values_list("actor", flat=True)) == [
        drafter.pk,
        drafter.pk,
    ]


def test_survey_required_fields_and_bad_date(agency, drafter, staff_client):
    response = staff_client(drafter).post(
        "/office/data/surveys/new/", {**SURVEY, "approval_number": "", "valid_until": "2027-13-45"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert '<ul class="errorlist" id="id_approval_number_error"><li>这个字段是必填项。</li></ul>' in html
    assert '<ul class="errorlist" id="id_valid_until_error"><li>输入一个有效的日期。</li></ul>' in html
    assert 'value="福州市住户收支与生活状况调查"' in html
    assert not SurveyProject.objects.exists()


def test_survey_filters_mark_expired_projects(agency, survey, drafter, staff_client):
    services.save_survey_project(
        actor=drafter,
        name="福州市劳动工资统计调查",
        kind="filed",
        approval_number="榕统备1号",
        approving_authority="福州市统计局",
        organiser="福州市统计局",
        valid_until=timezone.localdate() + timedelta(days=365),
    )
    client = staff_client(drafter)
    expired = client.get("/office/data/surveys/?validity=expired").content.decode()
    assert (
        "福州市规模以上工业统计调查" in expired and "已过期</span>" in expired and "劳动工资" not in expired
    )
    valid = client.get("/office/data/surveys/?validity=valid").content.decode()
    assert "劳动工资" in valid and "规模以上工业" not in valid
    assert "劳动工资" not in client.get("/office/data/surveys/?kind=approved").content.decode()


def test_office_home_links_to_the_new_screens(agency, drafter, staff_client):
    html = staff_client(drafter).get("/office/data/").content.decode()
    for url in LISTS:
        assert f'href="{url}"' in html
