"""DCAT-AP 3.0 catalogue metadata as an rdflib graph.

One dcat:Catalog (the 共享开放目录 of the agency), one dcat:Dataset per public catalogue entry, one
dcat:Distribution per download, and the SDMX and CKAN endpoints as dcat:DataService. Controlled
vocabularies are the EU authority tables DCAT-AP recommends (language, frequency, access right, file
type) and IANA media types. Every node carries its rdf:type so that the DCAT-AP SHACL shapes apply
without loading the vocabularies themselves.

Access rights follow the open type: 无条件开放 → PUBLIC, 有条件开放 → RESTRICTED (with the terms and how to
apply), 不予开放 → NON_PUBLIC (with the reason, 统计法 Art. 23 catalogue duty).
"""

from __future__ import annotations

import calendar
from datetime import date

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from gongkai.opendata.models import Frequency, OpenType, Topic

from . import links, selectors

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3; rdflib's DCAT namespace predates it
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGE_ZH = URIRef(f"{EU}language/ZHO")
ACCESS_RIGHTS = {OpenType.OPEN: "PUBLIC", OpenType.CONDITIONAL: "RESTRICTED", OpenType.NOT_OPEN: "NON_PUBLIC"}
ACCESS_LABELS = {
    "PUBLIC": "公开（无条件开放）",
    "RESTRICTED": "受限（有条件开放）",
    "NON_PUBLIC": "不公开（不予开放）",
}
FREQUENCIES = {
    Frequency.ANNUAL: "ANNUAL",
    Frequency.QUARTERLY: "QUARTERLY",
    Frequency.MONTHLY: "MONTHLY",
    Frequency.IRREGULAR: "IRREG",
}
FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "jsonstat": "JSON", "sdmx": "XML"}
IANA = "http://www.iana.org/assignments/media-types/"
STANDARDS = {
    "jsonstat": ("https://json-stat.org/format/", "JSON-stat 2.0"),
    "sdmx": ("https://sdmx.org/?page_id=5008", "SDMX 2.1 (SDMX-ML structure-specific data)"),
}
CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "adms": str(ADMS),
}
ZH = "zh"


def _zh(text: str) -> Literal:
    return Literal(text, lang=ZH)


def _dt(value) -> Literal:
    return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of an SDMX period (2020, 2020-Q3, 2020-07)."""
    year = int(period[:4])
    rest = period[5:]
    if not rest:
        return date(year, 1, 1), date(year, 12, 31)
    if rest.startswith("Q"):
        quarter = int(rest[1])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
    else:
        first_month = last_month = int(rest[:2])
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def _typed(graph: Graph, node, kind, **labels) -> URIRef | BNode:
    graph.add((node, RDF.type, kind))
    for predicate, text in labels.items():
        graph.add(
            (
                node,
                {"label": RDFS.label, "title": DCTERMS.title, "pref": SKOS.prefLabel, "name": FOAF.name}[
                    predicate
                ],
                _zh(text),
            )
        )
    return node


def build(request, agency) -> Graph:
    graph = Graph()
    for prefix, uri in CONTEXT.items():
        graph.bind(prefix, uri)
    contact = selectors.contact_of(agency)
    guide = links.guide_page(request)
    home = request.build_absolute_uri("/")
    catalog = URIRef(guide + "#catalog")
    entries = selectors.catalogue(agency)

    publisher = _typed(graph, URIRef(home + "#publisher"), FOAF.Agent, name=agency.name)
    graph.add((publisher, RDF.type, FOAF.Organization))
    if contact["email"]:
        graph.add((publisher, FOAF.mbox, URIRef(f"mailto:{contact['email']}")))
    graph.add((publisher, FOAF.homepage, _typed(graph, URIRef(home), FOAF.Document)))

    contact_point = _typed(graph, URIRef(home + "#contact"), VCARD.Organization)
    graph.add((contact_point, RDF.type, VCARD.Kind))
    graph.add((contact_point, VCARD.fn, _zh(contact["name"])))
    if contact["email"]:
        graph.add((contact_point, VCARD.hasEmail, URIRef(f"mailto:{contact['email']}")))
    if contact["phone"]:
        graph.add((contact_point, VCARD.hasTelephone, URIRef("tel:" + contact["phone"].replace(" ", ""))))
    if contact["address"]:
        graph.add((contact_point, VCARD["street-address"], _zh(contact["address"])))

    licence = _typed(
        graph, URIRef(guide + "#licence"), DCTERMS.LicenseDocument, title="可免费使用，须注明数据来源"
    )
    language = _typed(graph, LANGUAGE_ZH, DCTERMS.LinguisticSystem)
    spatial = None
    if agency.area_code:
        spatial = _typed(
            graph,
            URIRef(f"urn:gb-t-2260:{agency.area_code}"),
            DCTERMS.Location,
            pref=agency.name.removesuffix("统计局") or agency.name,
        )
        graph.add((spatial, DCTERMS.identifier, Literal(agency.area_code)))

    themes = _typed(graph, URIRef(guide + "#themes"), SKOS.ConceptScheme, title="数据主题")
    theme_nodes = {}
    for value, label in Topic.choices:
        node = _typed(graph, URIRef(f"{guide}#theme-{value}"), SKOS.Concept, pref=label)
        graph.add((node, SKOS.inScheme, themes))
        theme_nodes[value] = node

    _typed(graph, catalog, DCAT.Catalog, title=f"{agency.name}数据共享开放目录")
    graph.add(
        (
            catalog,
            DCTERMS.description,
            _zh(
                f"{agency.name}依照《统计法》第二十三条编制的数据资源目录：每项资源的开放类型（无条件开放、有条件开放、"
                "不予开放）、更新频率、格式、使用许可与联系方式。数据在发布日程公布的时刻公开。"
            ),
        )
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.language, language))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, FOAF.homepage, _typed(graph, URIRef(guide), FOAF.Document)))
    graph.add((catalog, DCAT.themeTaxonomy, themes))
    if spatial is not None:
        graph.add((catalog, DCTERMS.spatial, spatial))
    modified = max((e.modified for e in entries if e.modified), default=None)
    if modified:
        graph.add((catalog, DCTERMS.modified, _dt(modified)))

    rights = {}
    for key, label in ACCESS_LABELS.items():
        rights[key] = _typed(graph, URIRef(f"{EU}access-right/{key}"), DCTERMS.RightsStatement, label=label)

    data_datasets = []
    for entry in entries:
        dataset = _dataset(
            graph,
            request,
            entry,
            publisher=publisher,
            contact_point=contact_point,
            licence=licence,
            language=language,
            spatial=spatial,
            theme=theme_nodes,
            rights=rights,
        )
        graph.add((catalog, DCAT.dataset, dataset))
        if entry.has_data:
            data_datasets.append(dataset)

    for name, title, path, standard in (
        ("sdmx", "SDMX 2.1 REST 接口", "/sdmx/2.1/", STANDARDS["sdmx"]),
        (
            "ckan",
            "CKAN 兼容目录接口（Action API 3）",
            "/api/3/action/",
            ("https://docs.ckan.org/en/2.10/api/", "CKAN Action API 3"),
        ),
    ):
        service = _typed(graph, URIRef(f"{home}#service-{name}"), DCAT.DataService, title=title)
        graph.add((service, DCAT.endpointURL, URIRef(request.build_absolute_uri(path))))
        graph.add(
            (
                service,
                DCTERMS.conformsTo,
                _typed(graph, URIRef(standard[0]), DCTERMS.Standard, title=standard[1]),
            )
        )
        graph.add((service, DCTERMS.publisher, publisher))
        graph.add((service, DCTERMS.license, licence))
        graph.add((service, DCAT.contactPoint, contact_point))
        for dataset in data_datasets if name == "sdmx" else []:
            graph.add((service, DCAT.servesDataset, dataset))
        graph.add((catalog, DCAT.service, service))
    return graph


def _dataset(
    graph: Graph,
    request,
    entry: selectors.CatalogueEntry,
    *,
    publisher,
    contact_point,
    licence,
    language,
    spatial,
    theme,
    rights,
) -> URIRef:
    resource = entry.resource
    landing = links.landing_page(request, entry)
    node = _typed(graph, URIRef(landing), DCAT.Dataset, title=entry.title)
    description = (entry.dataset.description if entry.dataset else "") or resource.description or entry.title
    graph.add((node, DCTERMS.description, _zh(description)))
    graph.add((node, DCTERMS.identifier, Literal(entry.name)))
    graph.add((node, DCAT.landingPage, _typed(graph, URIRef(landing), FOAF.Document)))
    graph.add((node, DCAT.theme, theme[resource.topic]))
    graph.add((node, DCAT.keyword, _zh(resource.get_topic_display())))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact_point))
    graph.add((node, DCTERMS.language, language))
    if spatial is not None:
        graph.add((node, DCTERMS.spatial, spatial))
    access_right = ACCESS_RIGHTS[resource.open_type]
    graph.add((node, DCTERMS.accessRights, rights[access_right]))
    note = {OpenType.CONDITIONAL: resource.conditions, OpenType.NOT_OPEN: resource.not_open_reason}.get(
        resource.open_type, ""
    )
    if note:
        statement = _typed(graph, BNode(), DCTERMS.RightsStatement, label=note)
        graph.add((node, DCTERMS.rights, statement))
    if entry.dataset is not None:
        frequency = URIRef(f"{EU}frequency/{FREQUENCIES[entry.dataset.frequency]}")
        graph.add(
            (
                node,
                DCTERMS.accrualPeriodicity,
                _typed(graph, frequency, DCTERMS.Frequency, label=entry.dataset.get_frequency_display()),
            )
        )
        if entry.dataset.source:
            provenance = _typed(graph, BNode(), DCTERMS.ProvenanceStatement, label=entry.dataset.source)
            graph.add((node, DCTERMS.provenance, provenance))
        if entry.dataset.source_url:  # dct:source is for a source *dataset*; a web page is foaf:page
            graph.add((node, FOAF.page, _typed(graph, URIRef(entry.dataset.source_url), FOAF.Document)))
    if entry.issued:
        graph.add((node, DCTERMS.issued, _dt(entry.issued)))
        graph.add((node, DCTERMS.modified, _dt(entry.modified)))
        graph.add((node, DCAT_VERSION, Literal(str(entry.versions[-1].number))))
    if entry.has_data:
        coverage = selectors.temporal_coverage(entry.dataset, entry.versions)
        if coverage:
            start, end = period_bounds(coverage[0])[0], period_bounds(coverage[1])[1]
            period = _typed(graph, BNode(), DCTERMS.PeriodOfTime)
            graph.add((period, DCAT.startDate, Literal(start.isoformat(), datatype=XSD.date)))
            graph.add((period, DCAT.endDate, Literal(end.isoformat(), datatype=XSD.date)))
            graph.add((node, DCTERMS.temporal, period))
    for download in links.downloads(request, entry):
        dist = _typed(
            graph, URIRef(f"{landing}#distribution-{download.key}"), DCAT.Distribution, title=download.name
        )
        graph.add((dist, DCAT.accessURL, URIRef(landing)))
        graph.add((dist, DCAT.downloadURL, URIRef(download.url)))
        graph.add(
            (
                dist,
                DCTERMS.format,
                _typed(graph, URIRef(f"{EU}file-type/{FILE_TYPES[download.key]}"), DCTERMS.MediaTypeOrExtent),
            )
        )
        if download.key != "sdmx":  # the SDMX media types are not in the IANA registry
            graph.add(
                (dist, DCAT.mediaType, _typed(graph, URIRef(IANA + download.media_type), DCTERMS.MediaType))
            )
        if download.key in STANDARDS:
            uri, title = STANDARDS[download.key]
            graph.add((dist, DCTERMS.conformsTo, _typed(graph, URIRef(uri), DCTERMS.Standard, title=title)))
        graph.add((dist, DCTERMS.license, licence))
        graph.add((dist, DCTERMS.rights, rights[access_right]))
        if download.description:
            graph.add((dist, DCTERMS.description, _zh(download.description)))
        if entry.modified:
            graph.add((dist, DCTERMS.modified, _dt(entry.modified)))
        graph.add((node, DCAT.distribution, dist))
    return node
