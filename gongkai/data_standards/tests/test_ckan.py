"""The CKAN Action API read by the real `ckanapi` client against a live server."""

import pytest
import requests
from ckanapi import NotFound, RemoteCKAN, ValidationError

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGES = ["census-district", "enterprise-survey", "microdata"]  # catalogue order; cpi-monthly is embargoed


@pytest.fixture(params=[False, True], ids=["post", "get"])
def ckan(request, live_server):
    with RemoteCKAN(live_server.url, get_only=request.param, user_agent="gongkai-tests") as remote:
        yield remote


def test_package_list_leaves_out_the_embargoed_dataset(catalogue, ckan):
    assert ckan.action.package_list() == PACKAGES
    assert ckan.action.package_list(limit=1, offset=1) == ["enterprise-survey"]


def test_package_show_with_resources_pointing_at_downloads(catalogue, ckan, live_server):
    package = ckan.action.package_show(id="census-district")
    assert package["title"] == "福州市各区人口普查主要数据"
    assert package["organization"]["name"] == "fzstats"
    assert package["organization"]["title"] == "福州市统计局"
    assert package["license_title"] == "可免费使用，须注明数据来源"
    assert package["isopen"] is True
    assert package["url"] == live_server.url + "/sjfb/data/census-district/"
    assert [(r["format"], r["url"]) for r in package["resources"]] == [
        ("CSV", live_server.url + "/sjfb/data/census-district/download.csv"),
        ("XLSX", live_server.url + "/sjfb/data/census-district/download.xlsx"),
        ("JSON", live_server.url + "/sjfb/data/census-district/download.json"),
        ("JSON-stat", live_server.url + "/sjfb/data/census-district/download.jsonstat"),
        ("SDMX-ML", live_server.url + "/sdmx/2.1/data/census-district/all"),
    ]
    assert package["num_resources"] == 5
    assert package["version"] == "1"  # the embargoed vintage 2 is not counted
    csv = requests.get(package["resources"][0]["url"], timeout=10)
    assert csv.status_code == 200
    assert csv.content.startswith("\ufeff".encode())
    # the same package by its id
    assert ckan.action.package_show(id=package["id"])["name"] == "census-district"


def test_conditional_and_not_open_entries(catalogue, ckan):
    conditional = ckan.action.package_show(id="enterprise-survey")
    extras = {e["key"]: e["value"] for e in conditional["extras"]}
    assert extras["open_type"] == "conditional"
    assert extras["conditions"] == "仅限科研使用，不得再分发。"
    assert extras["apply_url"].endswith("/sjfb/catalogue/enterprise/apply/")
    assert conditional["isopen"] is False
    assert "Bearer" in conditional["resources"][0]["description"]
    not_open = ckan.action.package_show(id="microdata")
    assert not_open["resources"] == []
    assert {e["key"]: e["value"] for e in not_open["extras"]}["not_open_reason"].startswith(
        "含可识别调查对象"
    )


def test_package_search(catalogue, ckan):
    found = ckan.action.package_search(q="人口普查")
    assert found["count"] == 2
    assert [p["name"] for p in found["results"]] == ["census-district", "microdata"]
    assert ckan.action.package_search(q="居民消费价格")["count"] == 0  # embargoed
    assert ckan.action.package_search(fq="res_format:CSV", rows=1)["count"] == 2
    assert len(ckan.action.package_search(fq="res_format:CSV", rows=1)["results"]) == 1
    assert ckan.action.package_search(fq="organization:fzstats")["count"] == 3
    assert ckan.action.package_search(fq="organization:other")["count"] == 0


def test_organization_list(catalogue, ckan):
    assert ckan.action.organization_list() == ["fzstats"]
    full = ckan.action.organization_list(all_fields=True)
    assert [(o["name"], o["title"], o["package_count"]) for o in full] == [("fzstats", "福州市统计局", 3)]


def test_not_found_and_validation_errors(catalogue, ckan, live_server):
    with pytest.raises(NotFound):
        ckan.action.package_show(id="cpi-monthly")
    with pytest.raises(ValidationError):
        ckan.action.package_show()
    response = requests.post(live_server.url + "/api/3/action/package_show", json={"id": "nope"}, timeout=10)
    assert response.status_code == 404
    body = response.json()
    assert body["success"] is False
    assert body["error"]["__type"] == "Not Found Error"
    assert body["help"].endswith("/api/3/action/help_show?name=package_show")


def test_api_3_alias_serves_the_same(catalogue, live_server):
    for prefix in ("/api/3/action/", "/api/action/"):
        body = requests.get(live_server.url + prefix + "package_list", timeout=10).json()
        assert body["success"] is True
        assert body["result"] == PACKAGES
    unknown = requests.get(live_server.url + "/api/3/action/package_delete", timeout=10)
    assert unknown.status_code == 400
    assert unknown.json()["error"]["__type"] == "Bad Request"
