"""Per-client rate limits (429 in each interface's own error format) and the cell limit per data query."""

import pytest
import requests
import sdmx
from ckanapi import CKANAPIError, RemoteCKAN

from .conftest import TOKEN

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def three_per_minute(settings, monkeypatch):
    """Three requests a minute, with the window's clock held mid-minute: a minute boundary during the
    test (a slow DCAT answer on a loaded machine) must not start a new window and reset the count."""
    from unittest import mock

    from gongkai.opendata import access

    settings.GONGKAI_DATA_RATE_LIMIT = 3
    monkeypatch.setattr(access, "time", mock.Mock(time=mock.Mock(return_value=1_800_000_030.0)))


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


def _gongkai_source(live_server):
    sdmx.add_source(
        {
            "id": "GONGKAI",
            "url": live_server.url + "/sdmx/2.1",
            "name": "Gongkai",
            "supports": {"agencyscheme": False, "categoryscheme": False, "provisionagreement": False},
        },
        override=True,
    )
    return sdmx.Client("GONGKAI")


def test_cell_limit_per_data_query(catalogue, live_server, settings):
    settings.GONGKAI_DATA_MAX_CELLS = 5
    # A filtered query above the limit is refused: 2 indicators × 3 areas × 1 period = 6 cells.
    url = live_server.url + "/sdmx/2.1/data/census-district/all?startPeriod=2020"
    too_big = requests.get(url, timeout=10)
    assert too_big.status_code == 413
    assert b'code="510"' in too_big.content
    assert "6" in too_big.content.decode() and "5" in too_big.content.decode()
    small = requests.get(live_server.url + "/sdmx/2.1/data/census-district/POP.350102+350103", timeout=10)
    assert small.status_code == 200  # 1 × 2 × 2 = 4 cells
    # The whole dataflow beyond even the streaming limit is refused too, naming that limit.
    settings.GONGKAI_DATA_MAX_STREAM_CELLS = 10
    whole = requests.get(live_server.url + "/sdmx/2.1/data/census-district/all", timeout=10)
    assert whole.status_code == 413 and "整库下载上限" in whole.content.decode()
    with pytest.raises(Exception) as caught:
        _gongkai_source(live_server).data("census-district")
    assert "413" in str(caught.value)


def _observations(message) -> dict:
    frame = sdmx.to_pandas(message.data[0])
    return {key: ("NaN" if value != value else value) for key, value in frame.items()}  # NaN != NaN


def test_a_whole_dataflow_above_the_query_limit_is_streamed_not_refused(catalogue, live_server, settings):
    """Issue 19 item 3: unmodified sdmx1 reads the whole flow; CSV and JSON-stat stream the same cells."""
    client = _gongkai_source(live_server)
    expected = _observations(client.data("census-district"))
    api = live_server.url + "/api/v1/data/datasets/census-district/data"
    csv_before = requests.get(api + "?format=csv", timeout=10).content
    stat_before = requests.get(api + "?format=jsonstat", timeout=10).json()

    settings.GONGKAI_DATA_MAX_CELLS = 5  # the whole flow has 12 cells
    streamed = requests.get(live_server.url + "/sdmx/2.1/data/census-district/all", timeout=10, stream=True)
    assert streamed.status_code == 200
    assert "Content-Length" not in streamed.headers  # written as it is read
    assert _observations(client.data("census-district")) == expected

    csv_after = requests.get(api + "?format=csv", timeout=10).content
    # The same rows; only the footer's download minute may differ.
    assert csv_after.split(b"\r\n\r\n")[0] == csv_before.split(b"\r\n\r\n")[0]
    stat_after = requests.get(api + "?format=jsonstat", timeout=10).json()
    assert stat_after["value"] == stat_before["value"] and stat_after["size"] == stat_before["size"]
    statuses = {str(i): s for i, s in enumerate(stat_after.get("status", [])) if s != "F"}
    assert statuses == stat_before.get("status", {})
    filtered = requests.get(api + "?format=csv&period=2020", timeout=10)
    assert filtered.status_code == 422  # a filtered query keeps the interactive limit


def test_sdmx1_reads_the_pre_generated_whole_flow_file(catalogue, live_server):
    """Issue 19 item 3: once the worker has written the files, the whole flow comes from the stored file
    (ETag) and unmodified sdmx1 reads the same observations as from the built message."""
    from gongkai.opendata import flowfiles
    from gongkai.opendata.models import Dataset

    client = _gongkai_source(live_server)
    expected = _observations(client.data("census-district"))
    api = live_server.url + "/api/v1/data/datasets/census-district/data?format=jsonstat"
    stat_built = requests.get(api, timeout=10).json()
    written = flowfiles.write_files(Dataset.objects.get(code="census-district"))
    assert sorted(f.fmt for f in written) == ["csv", "jsonstat", "sdmx", "xlsx"]
    stored = requests.get(live_server.url + "/sdmx/2.1/data/census-district/all", timeout=10)
    assert stored.headers["ETag"] == next(f.etag for f in written if f.fmt == "sdmx")
    assert _observations(client.data("census-district")) == expected
    stat_stored = requests.get(api, timeout=10)
    assert "ETag" in stat_stored.headers
    assert stat_stored.json()["value"] == stat_built["value"]
