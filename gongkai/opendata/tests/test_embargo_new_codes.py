"""统计法实施条例 Art. 28 for codes: an embargoed release that ADDS an indicator and an area to a dataset
that is already public must not show the new codes or their names anywhere before its minute — not in
forms, dimensions, code lists or indicator metadata, even though the values are hidden — and shows them
everywhere one minute after, with nobody acting."""

import html
import io
import json
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.opendata.importers import ParsedCell, ParsedDataset, ParsedDimension, ParsedIndicator
from gongkai.opendata.models import Code, Indicator, Series

from .conftest import AREAS

pytestmark = pytest.mark.django_db

NEW_INDICATOR, NEW_INDICATOR_NAME = "NEWJOB", "城镇新增就业人数"
NEW_AREA, NEW_AREA_NAME = "350112", "长乐区"
SECRETS = (NEW_INDICATOR, NEW_INDICATOR_NAME, NEW_AREA, NEW_AREA_NAME)
DS = "test-income"

# Every public path that shows a dataset's codes, names or indicator metadata.
PATHS = [
    "/sjfb/data/",
    f"/sjfb/data/?area={NEW_AREA}",
    f"/sjfb/data/{DS}/",  # dataset page with the table builder form
    f"/sjfb/data/{DS}/?INDICATOR={NEW_INDICATOR}&AREA={NEW_AREA}",
    f"/sjfb/data/{DS}/download.csv",
    f"/sjfb/data/{DS}/download.csv?INDICATOR={NEW_INDICATOR},INC&AREA={NEW_AREA},350102",
    f"/sjfb/data/{DS}/download.xlsx",
    f"/sjfb/data/{DS}/download.xlsx?INDICATOR={NEW_INDICATOR},INC&AREA={NEW_AREA},350102",
    f"/sjfb/data/{DS}/download.json",
    "/api/v1/data/datasets",
    f"/api/v1/data/datasets?area={NEW_AREA}",
    f"/api/v1/data/datasets/{DS}",
    f"/api/v1/data/datasets/{DS}/data",
    f"/api/v1/data/datasets/{DS}/data?INDICATOR={NEW_INDICATOR}&AREA={NEW_AREA}",
    f"/api/v1/data/datasets/{DS}/data?format=jsonstat",
    f"/api/v1/data/datasets/{DS}/data?format=jsonstat&INDICATOR={NEW_INDICATOR}&AREA={NEW_AREA}",
    f"/api/v1/data/datasets/{DS}/data?format=csv",
    f"/api/v1/data/datasets/{DS}/data?format=xlsx",
    "/sdmx/2.1/dataflow/all/all/latest?references=all",
    "/sdmx/2.1/datastructure/all/all/latest?references=children",
    "/sdmx/2.1/codelist",
    f"/sdmx/2.1/data/{DS}/all",
    f"/sdmx/2.1/data/{DS}/{NEW_INDICATOR}.{NEW_AREA}",
    f"/api/3/action/package_show?id={DS}",
    "/api/3/action/package_search",
    "/catalog.ttl",
    "/catalog.jsonld",
]


def _text(response) -> str:
    """The response as readable text, whatever escaping its format uses."""
    body = response.content
    if body[:2] == b"PK":  # XLSX
        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(v)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    text = body.decode("utf-8-sig")
    if response.get("Content-Type", "").split(";")[0].endswith("json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def _new_codes_dataset() -> ParsedDataset:
    return ParsedDataset(
        code=DS,
        title="住户收入（测试）",
        frequency="A",
        topic="society",
        source="测试数据",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划", [*AREAS, (NEW_AREA, NEW_AREA_NAME, "350100")])},
        indicators={
            "INC": ParsedIndicator("INC", "人均可支配收入", "元", 0),
            NEW_INDICATOR: ParsedIndicator(
                NEW_INDICATOR, NEW_INDICATOR_NAME, "人", 0, meaning="城镇累计新增就业的人数。"
            ),
        },
        cells=[
            ParsedCell(("INC", NEW_AREA), "2024", Decimal("58000"), line=2),
            ParsedCell((NEW_INDICATOR, "350102"), "2024", Decimal("12345"), line=3),
            ParsedCell((NEW_INDICATOR, NEW_AREA), "2024", Decimal("6789"), line=4),
        ],
    )


@pytest.fixture
def adding_release(published, publish_release):
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    release, _ = publish_release([_new_codes_dataset()], at=at, title="新增指标与地区的发布")
    return release, at


def _visit(client, moment) -> dict[str, tuple[int, str]]:
    cache.clear()  # the per-client rate limit is not what this test is about
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return {path: (r.status_code, _text(r)) for path in PATHS for r in [client.get(path)]}


def test_the_new_codes_exist_in_the_database_during_the_embargo(adding_release):
    # The premise: the import has already created the code, the indicator and the series.
    assert Code.objects.filter(code=NEW_AREA, name=NEW_AREA_NAME).exists()
    assert Indicator.objects.filter(code=NEW_INDICATOR).exists()
    assert Series.objects.filter(dataset__code=DS, indicator__code=NEW_INDICATOR).count() == 2


def test_one_minute_before_no_new_code_or_name_shows_anywhere(client, adding_release):
    _, at = adding_release
    seen = _visit(client, at - timedelta(minutes=1))
    assert {path: status for path, (status, _) in seen.items() if status != 200} == {
        f"/sdmx/2.1/data/{DS}/{NEW_INDICATOR}.{NEW_AREA}": 404
    }  # SDMX: no data for that key
    # A code the visitor typed into the URL may be echoed back (a form field, JSON-stat `href`); a name
    # never may, and no code the visitor did not type.
    leaks = {path: [s for s in SECRETS if s in text and s not in path] for path, (_, text) in seen.items()}
    assert {path: found for path, found in leaks.items() if found} == {}
    # The public dataset itself is still there, with its earlier codes.
    assert "人均可支配收入" in seen[f"/sjfb/data/{DS}/"][1] and "台江区" in seen["/sdmx/2.1/codelist"][1]
    assert json.loads(seen[f"/api/v1/data/datasets?area={NEW_AREA}"][1])["items"] == []


def test_one_minute_after_the_new_codes_show_without_anyone_acting(client, adding_release):
    _, at = adding_release
    seen = _visit(client, at + timedelta(minutes=1))
    assert {path: status for path, (status, _) in seen.items() if status != 200} == {}
    # Everywhere the codes of the dataset are listed, both new codes and their names are now there.
    for path in [
        f"/sjfb/data/{DS}/",  # the table builder form
        f"/sjfb/data/{DS}/download.csv?INDICATOR={NEW_INDICATOR},INC&AREA={NEW_AREA},350102",
        f"/sjfb/data/{DS}/download.xlsx?INDICATOR={NEW_INDICATOR},INC&AREA={NEW_AREA},350102",
        f"/api/v1/data/datasets/{DS}",
        f"/api/v1/data/datasets/{DS}/data",
        f"/api/v1/data/datasets/{DS}/data?format=jsonstat",
        f"/api/v1/data/datasets/{DS}/data?format=csv",
        f"/api/v1/data/datasets/{DS}/data?format=xlsx",
        "/sdmx/2.1/datastructure/all/all/latest?references=children",
        "/sdmx/2.1/codelist",
    ]:
        assert [s for s in SECRETS if s not in seen[path][1]] == [], path
    assert NEW_AREA_NAME in seen["/sjfb/data/"][1]  # the area filter of the database page
    assert [d["code"] for d in json.loads(seen[f"/api/v1/data/datasets?area={NEW_AREA}"][1])["items"]] == [DS]
    assert "6789" in seen[f"/sdmx/2.1/data/{DS}/{NEW_INDICATOR}.{NEW_AREA}"][1]
    jsonstat = json.loads(
        seen[f"/api/v1/data/datasets/{DS}/data?format=jsonstat&INDICATOR={NEW_INDICATOR}&AREA={NEW_AREA}"][1]
    )
    assert jsonstat["dimension"]["INDICATOR"]["category"]["label"] == {NEW_INDICATOR: NEW_INDICATOR_NAME}
    assert jsonstat["dimension"]["AREA"]["category"]["label"] == {NEW_AREA: NEW_AREA_NAME}
    assert jsonstat["dimension"]["TIME_PERIOD"]["category"]["index"] == {"2023": 0, "2024": 1}
    assert jsonstat["value"] == [None, 6789]  # 2023: no data for the new series
    detail = json.loads(seen[f"/api/v1/data/datasets/{DS}"][1])
    assert [i["code"] for i in detail["indicators"]] == ["INC", "EXP", NEW_INDICATOR]


def test_the_site_search_does_not_know_the_new_indicator_before_its_minute(
    adding_release, settings, tmp_path, django_capture_on_commit_callbacks
):
    from gongkai.opendata.models import Dataset
    from gongkai.opendata.search import DATASET_TYPE
    from gongkai.search import interface
    from gongkai.search import services as search_services

    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    _, at = adding_release
    dataset = Dataset.objects.get(code=DS)

    def found_now(moment):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            with django_capture_on_commit_callbacks(execute=True):
                search_services.sync_object(DATASET_TYPE, dataset)  # the dataset itself is public
            results = interface.search(NEW_INDICATOR_NAME)
            return [] if results.partial else [h.title for h in results.hits if h.type == DATASET_TYPE]

    try:
        assert found_now(at - timedelta(minutes=1)) == []
        assert found_now(at + timedelta(minutes=1)) == ["住户收入（测试）"]
    finally:
        interface.reset_backends()
