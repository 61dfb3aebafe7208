import csv
import io
import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from .conftest import small_dataset

pytestmark = pytest.mark.django_db


def test_csv_has_bom_and_suppressed_cell_flagged(client, published):
    response = client.get("/sjfb/data/test-income/download.csv?INDICATOR=INC&AREA=350102,350103&period=2023")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-3:] == ["数值", "计量单位", "状态"]
    by_area = {r[2]: r for r in rows[1:3]}
    assert by_area["350102"][-3:] == ["60000.0", "元", ""]
    assert by_area["350103"][-3:] == ["—", "元", "不予公布（调查对象过少）"]  # 2 respondents < 3
    assert "55000" not in response.content.decode("utf-8-sig")


def test_xlsx_opens_with_openpyxl(client, published):
    response = client.get("/sjfb/data/test-income/download.xlsx?INDICATOR=INC&period=2024")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["数据"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=4)]
    assert values[0][:2] == ["INC", "人均可支配收入"] and values[0][6] == 62000
    assert values[1][6] is None and values[1][8] == "无数据"  # missing is not 0
    assert workbook["指标说明"]["D2"].value == "居民可用于最终消费和储蓄的收入。"


def test_suppression_in_every_output(client, published):
    suppressed = "55000"
    page = client.get("/sjfb/data/test-income/?INDICATOR=INC&AREA=350103&TIME_PERIOD=2023").content.decode()
    assert "调查对象过少，不予公布" in page and suppressed not in page
    api = client.get("/api/v1/data/datasets/test-income/data?AREA=350103&period=2023&INDICATOR=INC").json()
    assert api["observations"] == [
        {"INDICATOR": "INC", "AREA": "350103", "TIME_PERIOD": "2023", "value": None, "status": "S"}
    ]
    stat = client.get(
        "/api/v1/data/datasets/test-income/data?format=jsonstat&AREA=350103&period=2023"
    ).content
    assert suppressed.encode() not in stat
    for fmt in ("csv", "json"):
        body = client.get(f"/sjfb/data/test-income/download.{fmt}?AREA=350103").content
        assert suppressed.encode() not in body


@override_settings(GONGKAI_MIN_RESPONDENTS=2)
def test_threshold_is_a_setting(client, published):
    api = client.get("/api/v1/data/datasets/test-income/data?AREA=350103&period=2023&INDICATOR=INC").json()
    assert api["observations"][0]["value"] == 55000


def test_jsonstat_reads_with_pyjstat(client, published):
    from pyjstat import pyjstat

    body = client.get(
        "/api/v1/data/datasets/test-income/data?format=jsonstat&INDICATOR=INC&period=2024"
    ).content
    parsed = json.loads(body)
    assert parsed["version"] == "2.0" and parsed["class"] == "dataset"
    frame = pyjstat.Dataset.read(body.decode()).write("dataframe")
    assert list(frame.columns) == ["指标", "地区", "时间", "value"]
    gulou = frame[(frame["地区"] == "鼓楼区") & (frame["时间"] == "2024年")]
    assert gulou["value"].tolist() == [62000]
    assert frame[frame["地区"] == "台江区"]["value"].isna().all()


def test_vintages_as_of(client, published, publish_release):
    release, _ = published
    revised = small_dataset([("INC", "350102", "2024", 62500, 130), ("INC", "350102", "2025", 64000, 140)])
    publish_release(
        [revised], at=timezone.now() + timedelta(days=3), title="修订发布", note="根据年报修订2024年数据。"
    )
    later = timezone.now() + timedelta(days=3, minutes=1)
    today = timezone.localdate().isoformat()
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        current = client.get("/api/v1/data/datasets/test-income/data?INDICATOR=INC&AREA=350102").json()
        before = client.get(
            "/api/v1/data/datasets/test-income/data?INDICATOR=INC&AREA=350102&as_of=" + today
        ).json()
        page = client.get("/sjfb/data/test-income/").content.decode()
    assert [(o["TIME_PERIOD"], o["value"], o["status"]) for o in current["observations"]] == [
        ("2023", 60000, "F"),
        ("2024", 62500, "R"),
        ("2025", 64000, "F"),
    ]
    assert [(o["TIME_PERIOD"], o["value"]) for o in before["observations"]] == [
        ("2023", 60000),
        ("2024", 62000),
    ]
    assert "根据年报修订2024年数据。" in page


def test_cell_limit_is_a_chinese_problem(client, published):
    with override_settings(GONGKAI_DATA_MAX_CELLS=3):
        response = client.get("/api/v1/data/datasets/test-income/data")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "too_many_cells" and "超过单次查询上限 3 个" in response.json()["title"]


def test_rate_limit_429(client, published):
    from unittest import mock

    from django.core.cache import cache

    from gongkai.opendata import access

    cache.clear()
    # The window's clock held mid-minute: a minute boundary during the test must not reset the count.
    clock = mock.Mock(time=mock.Mock(return_value=1_800_000_030.0))
    with override_settings(GONGKAI_DATA_RATE_LIMIT=3), mock.patch.object(access, "time", clock):
        codes = [client.get("/api/v1/data/datasets").status_code for _ in range(4)]
        last = client.get("/api/v1/data/datasets/test-income/data")
    cache.clear()
    assert codes == [200, 200, 200, 429]
    assert last.status_code == 429 and int(last["Retry-After"]) > 0
    assert last.json()["code"] == "rate_limited" and "每分钟最多 3 次" in last.json()["title"]


def test_bad_input_is_4xx_not_500(client, published):
    assert client.get("/api/v1/data/datasets/test-income/data?as_of=yesterday").status_code == 422
    assert client.get("/api/v1/data/datasets/test-income/data?format=pdf").status_code == 422
    assert client.get("/sjfb/data/test-income/download.pdf").status_code == 422
    assert client.get("/api/v1/data/datasets/nope/data").status_code == 404
    assert client.get("/sjfb/data/test-income/?AREA=999999&TIME_PERIOD=1800").status_code == 200
