"""An embargoed release is invisible through SDMX, CKAN and DCAT one minute before its announced time and
complete one minute after, with nobody acting (统计法实施条例 Art. 28). Only the clock moves."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
import requests
import sdmx
from ckanapi import RemoteCKAN
from django.utils import timezone
from rdflib import Graph
from rdflib import namespace as ns

from gongkai.opendata.models import (
    DataResource,
    DatasetVersion,
    Frequency,
    Observation,
    Release,
    Topic,
)

from .conftest import _cube, close_version, publish

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gdp_release(catalogue):
    """A new dataset whose only vintage goes public with a release tomorrow at 09:30."""
    at = (timezone.localtime() + timedelta(days=1)).replace(hour=9, minute=30, second=0, microsecond=0)
    indicator = catalogue.census.series.first().indicator
    resource = DataResource.objects.create(
        agency=catalogue.agency, code="gdp", title="地区生产总值（年度）", topic=Topic.ECONOMY, sort_order=5
    )
    area_codelist = catalogue.census.dimensions.get(code="AREA").codelist
    dataset, series = _cube(
        catalogue.agency,
        code="gdp-annual",
        title="各区地区生产总值",
        resource=resource,
        frequency=Frequency.ANNUAL,
        area_codelist=area_codelist,
        indicators=[indicator],
    )
    release = Release.objects.create(agency=catalogue.agency, title="2025年地区生产总值", scheduled_at=at)
    publish(release, at=at, author=catalogue.staff)
    version = DatasetVersion.objects.create(dataset=dataset, number=1, release=release)
    Observation.objects.create(
        dataset=dataset,
        series=series[(indicator.code, "350102")],
        period="2025",
        version=version,
        value=Decimal("1234.56"),
    )
    close_version(version)
    return at


def _everything(base: str) -> dict:
    sdmx.add_source(
        {
            "id": "GONGKAI",
            "url": base + "/sdmx/2.1",
            "name": "Gongkai",
            "supports": {"agencyscheme": False, "categoryscheme": False, "provisionagreement": False},
        },
        override=True,
    )
    client = sdmx.Client("GONGKAI")
    dataflows = sorted(client.dataflow().dataflow)
    with RemoteCKAN(base) as ckan:
        packages = ckan.action.package_list()
        searched = ckan.action.package_search(q="生产总值")["count"]
    graph = Graph().parse(data=requests.get(base + "/catalog.ttl", timeout=30).content, format="turtle")
    dcat = sorted(
        str(graph.value(d, ns.DCTERMS.identifier)) for d in graph.subjects(ns.RDF.type, ns.DCAT.Dataset)
    )
    data = requests.get(base + "/sdmx/2.1/data/gdp-annual/all", timeout=10)
    jsonstat = requests.get(base + "/sjfb/data/gdp-annual/download.jsonstat", timeout=10)
    return {
        "sdmx": dataflows,
        "ckan": packages,
        "ckan_search": searched,
        "dcat": dcat,
        "sdmx_data": (data.status_code, b'OBS_VALUE="1234.56"' in data.content),
        "download": jsonstat.status_code,
    }


def test_embargo_lifts_at_the_announced_minute_without_anyone_acting(gdp_release, live_server):
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", return_value=gdp_release - timedelta(minutes=1)):
        before = _everything(live_server.url)
    with mock.patch("django.utils.timezone.now", return_value=gdp_release + timedelta(minutes=1)):
        after = _everything(live_server.url)
    assert timezone.now is real_now
    assert before == {
        "sdmx": ["census-district", "enterprise-survey"],
        "ckan": ["census-district", "enterprise-survey", "microdata"],
        "ckan_search": 0,
        "dcat": ["census-district", "enterprise-survey", "microdata"],
        "sdmx_data": (404, False),
        "download": 404,
    }
    assert after == {
        "sdmx": ["census-district", "enterprise-survey", "gdp-annual"],
        "ckan": ["census-district", "enterprise-survey", "microdata", "gdp-annual"],
        "ckan_search": 1,
        "dcat": ["census-district", "enterprise-survey", "gdp-annual", "microdata"],
        "sdmx_data": (200, True),
        "download": 200,
    }
