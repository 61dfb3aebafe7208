"""The public page, the suggestions fragment, the API and the office status page."""

import pytest
from django.urls import reverse

from gongkai.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_results_page_groups_by_type_and_highlights(indexed, client):
    response = client.get(reverse("search:results"), {"q": "职业教育"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>职业教育</mark>" in html
    assert '测试文件<span class="count">2</span>' in html
    assert '测试新闻<span class="count">1</span>' in html
    assert '全部<span class="count">3</span>' in html


def test_results_page_filters_by_type(indexed, client):
    html = client.get("/search/", {"q": "职业教育", "type": "testnews"}).content.decode()
    assert "<mark>职业教育</mark>改革新闻发布会答记者问" in html
    assert "改革实施方案的通知" not in html


def test_partial_results_say_so(indexed, client):
    html = client.get("/search/", {"q": "职业教育 火星探测"}).content.decode()
    assert "未找到同时包含所有词语的结果，以下为包含部分词语的结果" in html


def test_empty_state_suggests_what_to_try(indexed, client):
    html = client.get("/search/", {"q": "火星探测器", "year": "2019"}).content.decode()
    assert "没有找到与“火星探测器”相关的内容" in html
    assert "取消筛选条件" in html
    assert "国办发〔2019〕6号" in html  # how to write a document number


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "page": "abc"},
        {"q": "统计", "page": "-3"},
        {"q": "统计", "year": "19x"},
        {"q": "统计", "sort": "drop table"},
        {"q": "a" * 500},
        {"q": "统计", "type": "nope"},
    ],
)
def test_bad_parameters_never_fail_the_page(indexed, client, params):
    assert client.get("/search/", params).status_code == 200


def test_query_is_escaped_on_the_page(indexed, client):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_suggestions_fragment(indexed, client):
    html = client.get(reverse("search:suggest"), {"q": "国办发(2019)"}).content.decode()
    assert "国办发〔2019〕6号" in html
    assert client.get(reverse("search:suggest"), {"q": ""}).content.decode().strip() == ""


def test_api_groups_filters_and_pages(indexed, client):
    body = client.get("/api/v1/search", {"q": "国办发[2019]6号"}).json()
    assert body["results"][0]["document_number"] == "国办发〔2019〕6号"
    assert body["results"][0]["exact_match"] is True
    body = client.get("/api/v1/search", {"q": "职业教育", "type": "testnews"}).json()
    assert body["total"] == 1
    assert {g["type"]: g["count"] for g in body["groups"]} == {"testdoc": 2, "testnews": 1}
    assert body["results"][0]["type_label"] == "测试新闻"


@pytest.mark.parametrize(
    "params,field",
    [
        ({}, "q"),
        ({"q": "统计", "page": "x"}, "page"),
        ({"q": "统计", "year": "abc"}, "year"),
        ({"q": "统计", "type": "nope"}, "type"),
        ({"q": "统计", "sort": "x"}, "sort"),
        ({"q": "统计", "page": "101"}, "page"),
    ],
)
def test_api_bad_parameters_are_problem_json(indexed, client, params, field):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["code"] == "validation_failed"


def test_office_status_needs_permission(indexed, client, staff_client, make_user):
    assert client.get("/office/search/").status_code in (302, 403)
    officer = make_user(Role.OPENNESS_OFFICE)
    html = staff_client(officer).get("/office/search/").content.decode()
    assert "已索引文档" in html and "测试文件" in html


def test_the_office_page_explains_why_each_result_ranked(indexed, staff_client, make_user):
    # Issue 17 item 5: terms matched (with synonyms), coverage and boosts, for the openness office.
    officer = make_user(Role.OPENNESS_OFFICE)
    html = (
        staff_client(officer).get("/office/search/", {"q": "请问职业教育改革实施方案是什么"}).content.decode()
    )
    assert "检索排序说明" in html
    assert "略去的提问用语：请问" in html
    assert "国务院关于印发国家职业教育改革实施方案的通知" in html
    assert "标题含完整查询 ×2.0" in html
    assert "职业教育（1/" in html
