"""SDMX 2.1 REST read by the real `sdmx1` client against a live server."""

import math

import pytest
import requests
import sdmx

pytestmark = pytest.mark.django_db(transaction=True)

STRUCTURE_TYPE = "application/vnd.sdmx.structure+xml;version=2.1"
DATA_TYPE = "application/vnd.sdmx.structurespecificdata+xml;version=2.1"


@pytest.fixture
def client(live_server):
    sdmx.add_source(
        {
            "id": "GONGKAI",
            "url": live_server.url + "/sdmx/2.1",
            "name": "Gongkai",
            "supports": {
                "agencyscheme": False,
                "categoryscheme": False,
                "provisionagreement": False,
                "contentconstraint": False,
                "structureset": False,
                "organisationscheme": False,
            },
        },
        override=True,
    )
    return sdmx.Client("GONGKAI")


def test_dataflows_list_only_released_datasets(catalogue, client):
    message = client.dataflow()
    assert sorted(message.dataflow) == ["census-district", "enterprise-survey"]
    assert str(message.dataflow["census-district"].name) == "福州市各区人口普查主要数据"
    assert message.dataflow["census-district"].maintainer.id == "FZSTATS"


def test_dataflow_with_references_all_is_one_structure_message(catalogue, client, live_server):
    message = client.dataflow("census-district")
    dsd = message.structure["DSD_CENSUS_DISTRICT"]
    assert [d.id for d in dsd.dimensions] == ["INDICATOR", "AREA", "TIME_PERIOD"]
    assert {cl_id: sorted(c.id for c in cl) for cl_id, cl in message.codelist.items()} == {
        "CL_AREA": ["350102", "350103", "350104"],
        "CL_CENSUS_DISTRICT_INDICATOR": ["HH", "POP"],
        "CL_OBS_STATUS": ["A", "M", "P", "R"],
        "CL_CONF_STATUS": ["C", "F"],
    }
    assert str(message.codelist["CL_AREA"]["350103"].name) == "台江区"
    assert str(message.codelist["CL_CENSUS_DISTRICT_INDICATOR"]["POP"].name) == "常住人口"
    assert list(message.concept_scheme) == ["CS_CENSUS_DISTRICT"]
    area = dsd.dimensions.get("AREA")
    assert area.local_representation.enumerated is message.codelist["CL_AREA"]
    response = requests.get(
        live_server.url + "/sdmx/2.1/dataflow/FZSTATS/census-district/latest",
        params={"references": "all"},
        timeout=10,
    )
    assert response.headers["Content-Type"] == STRUCTURE_TYPE


def test_datastructure_and_codelist_resources(catalogue, client):
    message = client.datastructure("DSD_CENSUS_DISTRICT", params={"references": "children"})
    assert list(message.structure) == ["DSD_CENSUS_DISTRICT"]
    assert "CL_AREA" in message.codelist
    codelists = client.codelist("CL_AREA")
    assert [c.id for c in codelists.codelist["CL_AREA"]] == ["350102", "350103", "350104"]


def test_data_into_pandas_has_the_public_values(catalogue, client, live_server):
    message = client.data(
        "census-district", key={"INDICATOR": "POP"}, params={"startPeriod": "2010", "endPeriod": "2020"}
    )
    series = sdmx.to_pandas(message)
    values = {(k[0], k[1], k[2]): v for k, v in series.items()}
    # The embargoed revision (99.99) is not there: the public vintage says 68.72.
    assert values[("POP", "350102", "2020")] == 68.72
    assert values[("POP", "350104", "2010")] == 80.43
    assert values[("POP", "350103", "2020")] == 45.61
    assert math.isnan(values[("POP", "350103", "2010")])  # 缺失, never 0
    assert len(values) == 6
    response = requests.get(live_server.url + "/sdmx/2.1/data/census-district/POP.350102", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DATA_TYPE
    assert b"99.99" not in response.content


def test_suppressed_cell_has_no_value_and_is_flagged(catalogue, client):
    message = client.data("census-district", key={"INDICATOR": "HH", "AREA": "350104"})
    frame = sdmx.to_pandas(message, attributes="o").reset_index()
    rows = {row["TIME_PERIOD"]: row for _, row in frame.iterrows()}
    assert rows["2010"]["value"] == 260331.0
    assert math.isnan(rows["2020"]["value"])
    assert rows["2020"]["CONF_STATUS"] == "C"
    observations = message.data[0].obs
    assert [o.value for o in observations if o.attached_attribute.get("CONF_STATUS")] == [None]
    assert "400123" not in sdmx.to_xml(message).decode()


def test_period_filter(catalogue, client):
    message = client.data(
        "census-district", key={"INDICATOR": "POP", "AREA": "350102"}, params={"startPeriod": "2015"}
    )
    assert sdmx.to_pandas(message).to_dict() == {("POP", "350102", "2020"): 68.72}


def test_embargoed_dataflow_is_404_sdmx_error(catalogue, live_server):
    response = requests.get(live_server.url + "/sdmx/2.1/data/cpi-monthly/all", timeout=10)
    assert response.status_code == 404
    assert b"<mes:Error" in response.content and b'code="100"' in response.content
    response = requests.get(live_server.url + "/sdmx/2.1/dataflow/FZSTATS/cpi-monthly/latest", timeout=10)
    assert response.status_code == 404
    response = requests.get(live_server.url + "/sdmx/2.1/nonsense", timeout=10)
    assert response.status_code == 404
    assert b'<mes:ErrorMessage code="100">' in response.content


def test_sdmx1_raises_on_unknown_dataflow(catalogue, client):
    with pytest.raises(Exception) as caught:  # sdmx1 turns the 404 into an HTTPError
        client.data("no-such-flow")
    assert "404" in str(caught.value)


def test_conditional_data_needs_a_token(catalogue, live_server):
    from .conftest import TOKEN

    url = live_server.url + "/sdmx/2.1/data/enterprise-survey/all"
    refused = requests.get(url, timeout=10)
    assert refused.status_code == 401
    assert b'code="110"' in refused.content
    allowed = requests.get(url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert allowed.status_code == 200
    assert b'OBS_VALUE="812"' in allowed.content


def test_bad_key_and_period_are_syntax_errors(catalogue, live_server):
    base = live_server.url + "/sdmx/2.1/data/census-district"
    assert requests.get(base + "/POP", timeout=10).status_code == 400
    assert requests.get(base + "/all", params={"startPeriod": "yesterday"}, timeout=10).status_code == 400
    assert requests.get(base + "/all", params={"lastNObservations": "1"}, timeout=10).status_code == 501
