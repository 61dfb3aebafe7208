"""JSON-stat 2.0 from opendata's API (`?format=jsonstat`) read by the real `pyjstat` into pandas."""

import math

import pytest
from pyjstat import pyjstat

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:Shouldn.t use this function anymore:DeprecationWarning"),
]


def _frame(url: str):
    dataset = pyjstat.Dataset.read(url)
    frame = dataset.write("dataframe", naming="id")
    return {(row["INDICATOR"], row["AREA"], row["TIME_PERIOD"]): row["value"] for _, row in frame.iterrows()}


def test_pyjstat_reads_the_public_values(catalogue, live_server):
    values = _frame(live_server.url + "/api/v1/data/datasets/census-district/data?format=jsonstat")
    assert len(values) == 12
    assert values[("POP", "350102", "2020")] == 68.72  # not the embargoed revision 99.99
    assert values[("POP", "350104", "2010")] == 80.43
    assert values[("HH", "350103", "2020")] == 160877
    assert math.isnan(values[("POP", "350103", "2010")])  # missing, not 0
    suppressed = values[("HH", "350104", "2020")]
    assert math.isnan(suppressed)  # 统计法 Art. 28: withheld, no figure


def test_pyjstat_reads_a_filtered_query_with_labels(catalogue, live_server):
    url = (
        live_server.url
        + "/api/v1/data/datasets/census-district/data?format=jsonstat&INDICATOR=POP&AREA=350102"
    )
    dataset = pyjstat.Dataset.read(url)
    frame = dataset.write("dataframe")  # labels, as a reader in Excel would want them
    assert list(frame["地区"]) == ["鼓楼区", "鼓楼区"]
    assert list(frame["时间"]) == ["2010年", "2020年"]
    assert list(frame["value"]) == [68.71, 68.72]


def test_the_jsonstat_download_linked_from_ckan_is_readable(catalogue, live_server):
    values = _frame(live_server.url + "/sjfb/data/census-district/download.jsonstat")
    assert values[("HH", "350102", "2010")] == 230145
