"""Per-client rate limits (429 in each interface's own error format) and the cell limit per data query."""

import pytest
import requests
import sdmx
from ckanapi import CKANAPIError, RemoteCKAN

from .conftest import TOKEN

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def three_per_minute(settings):
    settings.GONGKAI_DATA_RATE_LIMIT = 3


def test_sdmx_answers_429_as_an_sdmx_error(catalogue, live_server, three_per_minute):
    url = live_server.url + "/sdmx/2.1/dataflow/FZSTATS/all/latest"
    assert [requests.get(url, timeout=10).status_code for _ in range(3)] == [200, 200, 200]
    refused = requests.get(url, timeout=10)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert b'<mes:ErrorMessage code="1429">' in refused.content
    assert "请求过于频繁" in refused.content.decode()


def test_ckan_answers_429_as_a_ckan_error(catalogue, live_server, three_per_minute):
    with RemoteCKAN(live_server.url) as ckan:
        for _ in range(3):
            ckan.action.package_list()
        with pytest.raises(CKANAPIError):
            ckan.action.package_list()
    refused = requests.get(live_server.url + "/api/3/action/package_list", timeout=10)
    assert refused.status_code == 429
    assert refused.json()["success"] is False
    assert refused.json()["error"]["__type"] == "Rate Limit Error"
    assert "Retry-After" in refused.headers


def test_dcat_answers_429_as_problem_json(catalogue, live_server, three_per_minute):
    for _ in range(3):
        assert requests.get(live_server.url + "/catalog.ttl", timeout=30).status_code == 200
    refused = requests.get(live_server.url + "/catalog.jsonld", timeout=10)
    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "rate_limited"


def test_limits_are_per_client(catalogue, live_server, three_per_minute):
    url = live_server.url + "/api/3/action/package_list"
    for _ in range(3):
        requests.get(url, timeout=10)
    assert requests.get(url, timeout=10).status_code == 429
    # An applicant with a token is another client with its own allowance.
    assert requests.get(url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).status_code == 200


def test_cell_limit_per_data_query(catalogue, live_server, settings):
    settings.GONGKAI_DATA_MAX_CELLS = 5
    url = live_server.url + "/sdmx/2.1/data/census-district/all"
    too_big = requests.get(url, timeout=10)  # 2 indicators × 3 areas × 2 periods = 12 cells
    assert too_big.status_code == 413
    assert b'code="510"' in too_big.content
    assert "12" in too_big.content.decode() and "5" in too_big.content.decode()
    small = requests.get(live_server.url + "/sdmx/2.1/data/census-district/POP.350102+350103", timeout=10)
    assert small.status_code == 200  # 1 × 2 × 2 = 4 cells
    sdmx.add_source(
        {
            "id": "GONGKAI",
            "url": live_server.url + "/sdmx/2.1",
            "name": "Gongkai",
            "supports": {"agencyscheme": False, "categoryscheme": False, "provisionagreement": False},
        },
        override=True,
    )
    with pytest.raises(Exception) as caught:
        sdmx.Client("GONGKAI").data("census-district")
    assert "413" in str(caught.value)
