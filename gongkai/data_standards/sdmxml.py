"""SDMX-ML 2.1 messages (structure, structure-specific data, error) built with the standard library.

Pure functions of what the selectors return: no database access here. The shapes follow the SDMX 2.1
schemas (SDMXStructure.xsd, SDMXDataStructureSpecific.xsd, SDMXMessage.xsd); `Ref` elements are
unqualified, as the schemas declare them.

Status flags: opendata's F/P/R become OBS_STATUS A (正常值)/P (初步)/R (修订); a cell without data is sent
as OBS_VALUE NaN with OBS_STATUS M; a cell suppressed under 统计法 Art. 28 is sent without any value,
with CONF_STATUS C, so that a client can tell “withheld” from “missing”.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from itertools import product
from uuid import uuid4

from django.utils import timezone

from gongkai.opendata.query import MISSING, SUPPRESSED, TIME, Cube

from .selectors import Structure

BASE = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1"
NS = {
    "mes": f"{BASE}/message",
    "str": f"{BASE}/structure",
    "com": f"{BASE}/common",
    "ss": f"{BASE}/data/structurespecific",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANG = "zh"
VERSION = "1.0"

STRUCTURE_CONTENT_TYPE = "application/vnd.sdmx.structure+xml;version=2.1"
DATA_CONTENT_TYPE = "application/vnd.sdmx.structurespecificdata+xml;version=2.1"
ERROR_CONTENT_TYPE = "application/xml; charset=utf-8"

OBS_STATUS = [("A", "正常值（最终数）"), ("P", "初步数"), ("R", "修订数"), ("M", "无数据")]
CONF_STATUS = [("F", "可公开"), ("C", "不予公布（调查对象过少，《统计法》第二十八条）")]
STATUS_TO_SDMX = {"F": "A", "P": "P", "R": "R", MISSING: "M"}

# SDMX 2.1 REST error codes (SDMX Standards Section 7, "Error handling") and their HTTP statuses.
NO_RESULTS, UNAUTHORIZED, TOO_LARGE, SYNTAX, SEMANTIC, NOT_IMPLEMENTED = 100, 110, 510, 140, 150, 501
TOO_MANY_REQUESTS = 1429  # codes from 1000 on are for the service's own errors
HTTP_STATUS = {
    NO_RESULTS: 404,
    UNAUTHORIZED: 401,
    TOO_LARGE: 413,
    SYNTAX: 400,
    SEMANTIC: 403,
    NOT_IMPLEMENTED: 501,
    TOO_MANY_REQUESTS: 429,
}


def q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def sdmx_id(text: str) -> str:
    """An SDMX IDType from a slug or code (letters, digits, _ @ $ -)."""
    return "".join(ch if ch.isalnum() or ch in "_@$-" else "_" for ch in text)


def agency_id(agency) -> str:
    return sdmx_id(agency.code.upper())


def _stem(dataset) -> str:
    return sdmx_id(dataset.code.upper()).replace("-", "_")


def dsd_id(dataset) -> str:
    return f"DSD_{_stem(dataset)}"


def concept_scheme_id(dataset) -> str:
    return f"CS_{_stem(dataset)}"


def indicator_codelist_id(dataset, dimension_code: str) -> str:
    return f"CL_{_stem(dataset)}_{dimension_code}"


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _header(root: ET.Element, sender: str, prepared: datetime | None = None) -> ET.Element:
    header = ET.SubElement(root, q("mes", "Header"))
    ET.SubElement(header, q("mes", "ID")).text = f"IREF{uuid4().hex[:16].upper()}"
    ET.SubElement(header, q("mes", "Test")).text = "false"
    prepared = timezone.localtime(prepared or timezone.now())
    ET.SubElement(header, q("mes", "Prepared")).text = prepared.replace(microsecond=0).isoformat()
    ET.SubElement(header, q("mes", "Sender"), id=sender)
    return header


def _name(parent: ET.Element, text: str, tag: str = "Name") -> None:
    ET.SubElement(parent, q("com", tag), {XML_LANG: LANG}).text = text


def _ref(parent: ET.Element, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, "Ref", attrs)


def _maintainable(
    parent: ET.Element, tag: str, *, id: str, agency: str, name: str, urn_class: str, description: str = ""
) -> ET.Element:
    elem = ET.SubElement(
        parent,
        q("str", tag),
        {
            "id": id,
            "agencyID": agency,
            "version": VERSION,
            "isFinal": "true",
            "urn": f"urn:sdmx:org.sdmx.infomodel.{urn_class}={agency}:{id}({VERSION})",
        },
    )
    _name(elem, name)
    if description:
        _name(elem, description, "Description")
    return elem


# --- structure messages ----------------------------------------------------------------------------------
class StructureBuilder:
    """Collects dataflows, DSDs, code lists and concept schemes into one structure message."""

    def __init__(self, agency):
        self.agency = agency
        self.agency_id = agency_id(agency)
        self.dataflows: list[tuple] = []
        self.dsds: list[Structure] = []
        self.codelists: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        self.concept_schemes: list[Structure] = []

    def add_dataflow(self, dataset) -> None:
        self.dataflows.append(dataset)

    def add_dsd(self, struct: Structure) -> None:
        self.dsds.append(struct)

    def add_codelist(self, codelist_id: str, name: str, codes: list[tuple[str, str]]) -> None:
        self.codelists.setdefault(codelist_id, (name, codes))

    def add_attribute_codelists(self) -> None:
        self.add_codelist("CL_OBS_STATUS", "观测值状态", OBS_STATUS)
        self.add_codelist("CL_CONF_STATUS", "保密状态", CONF_STATUS)

    def add_concept_scheme(self, struct: Structure) -> None:
        self.concept_schemes.append(struct)

    def is_empty(self) -> bool:
        return not (self.dataflows or self.dsds or self.codelists or self.concept_schemes)

    def to_xml(self) -> bytes:
        root = ET.Element(q("mes", "Structure"))
        _header(root, self.agency_id)
        structures = ET.SubElement(root, q("mes", "Structures"))
        if self.codelists:
            parent = ET.SubElement(structures, q("str", "Codelists"))
            for codelist_id, (name, codes) in self.codelists.items():
                elem = _maintainable(
                    parent,
                    "Codelist",
                    id=codelist_id,
                    agency=self.agency_id,
                    name=name,
                    urn_class="codelist.Codelist",
                )
                for code, label in codes:
                    code_elem = ET.SubElement(elem, q("str", "Code"), id=sdmx_id(code))
                    _name(code_elem, label or code)
        if self.concept_schemes:
            parent = ET.SubElement(structures, q("str", "Concepts"))
            for struct in self.concept_schemes:
                self._concept_scheme(parent, struct)
        if self.dataflows:
            parent = ET.SubElement(structures, q("str", "Dataflows"))
            for dataset in self.dataflows:
                self._dataflow(parent, dataset)
        if self.dsds:
            parent = ET.SubElement(structures, q("str", "DataStructures"))
            for struct in self.dsds:
                self._dsd(parent, struct)
        return _serialise(root)

    def _dataflow(self, parent: ET.Element, dataset) -> None:
        elem = _maintainable(
            parent,
            "Dataflow",
            id=sdmx_id(dataset.code),
            agency=self.agency_id,
            name=dataset.title,
            description=dataset.description,
            urn_class="datastructure.Dataflow",
        )
        structure = ET.SubElement(elem, q("str", "Structure"))
        _ref(
            structure,
            id=dsd_id(dataset),
            version=VERSION,
            agencyID=self.agency_id,
            package="datastructure",
            **{"class": "DataStructure"},
        )

    @staticmethod
    def _concepts(struct: Structure) -> list[tuple[str, str]]:
        return [(d.code, d.name) for d in struct.dimensions] + [
            (TIME, "时间"),
            ("OBS_VALUE", "观测值"),
            ("OBS_STATUS", "观测值状态"),
            ("CONF_STATUS", "保密状态"),
            ("UNIT_MEASURE", "计量单位"),
            ("DECIMALS", "小数位数"),
        ]

    def _concept_scheme(self, parent: ET.Element, struct: Structure) -> None:
        elem = _maintainable(
            parent,
            "ConceptScheme",
            id=concept_scheme_id(struct.dataset),
            agency=self.agency_id,
            name=f"{struct.dataset.title}：概念",
            urn_class="conceptscheme.ConceptScheme",
        )
        for code, name in self._concepts(struct):
            concept = ET.SubElement(elem, q("str", "Concept"), id=code)
            _name(concept, name)

    def _concept_ref(self, parent: ET.Element, struct: Structure, concept: str) -> None:
        identity = ET.SubElement(parent, q("str", "ConceptIdentity"))
        _ref(
            identity,
            id=concept,
            maintainableParentID=concept_scheme_id(struct.dataset),
            maintainableParentVersion=VERSION,
            agencyID=self.agency_id,
            package="conceptscheme",
            **{"class": "Concept"},
        )

    def _enumeration(self, parent: ET.Element, codelist_id: str) -> None:
        representation = ET.SubElement(parent, q("str", "LocalRepresentation"))
        enumeration = ET.SubElement(representation, q("str", "Enumeration"))
        _ref(
            enumeration,
            id=codelist_id,
            version=VERSION,
            agencyID=self.agency_id,
            package="codelist",
            **{"class": "Codelist"},
        )

    def _dsd(self, parent: ET.Element, struct: Structure) -> None:
        dataset = struct.dataset
        elem = _maintainable(
            parent,
            "DataStructure",
            id=dsd_id(dataset),
            agency=self.agency_id,
            name=f"{dataset.title}：数据结构",
            urn_class="datastructure.DataStructure",
        )
        components = ET.SubElement(elem, q("str", "DataStructureComponents"))
        dims = ET.SubElement(components, q("str", "DimensionList"), id="DimensionDescriptor")
        for position, dim in enumerate(struct.dimensions, start=1):
            dim_elem = ET.SubElement(dims, q("str", "Dimension"), id=dim.code, position=str(position))
            self._concept_ref(dim_elem, struct, dim.code)
            self._enumeration(dim_elem, struct.codelist_ids[dim.code])
        time_elem = ET.SubElement(
            dims, q("str", "TimeDimension"), id=TIME, position=str(len(struct.dimensions) + 1)
        )
        self._concept_ref(time_elem, struct, TIME)
        representation = ET.SubElement(time_elem, q("str", "LocalRepresentation"))
        ET.SubElement(representation, q("str", "TextFormat"), textType="ObservationalTimePeriod")

        attributes = ET.SubElement(components, q("str", "AttributeList"), id="AttributeDescriptor")
        indicator_dim = next((d.code for d in struct.dimensions if d.role == "indicator"), None)
        for code, text_type in (("UNIT_MEASURE", "String"), ("DECIMALS", "Integer")):
            attr = ET.SubElement(attributes, q("str", "Attribute"), id=code, assignmentStatus="Conditional")
            self._concept_ref(attr, struct, code)
            representation = ET.SubElement(attr, q("str", "LocalRepresentation"))
            ET.SubElement(representation, q("str", "TextFormat"), textType=text_type)
            relationship = ET.SubElement(attr, q("str", "AttributeRelationship"))
            if indicator_dim:
                _ref(ET.SubElement(relationship, q("str", "Dimension")), id=indicator_dim)
            else:
                ET.SubElement(relationship, q("str", "None"))
        for code, codelist_id in (("OBS_STATUS", "CL_OBS_STATUS"), ("CONF_STATUS", "CL_CONF_STATUS")):
            attr = ET.SubElement(attributes, q("str", "Attribute"), id=code, assignmentStatus="Conditional")
            self._concept_ref(attr, struct, code)
            self._enumeration(attr, codelist_id)
            relationship = ET.SubElement(attr, q("str", "AttributeRelationship"))
            _ref(ET.SubElement(relationship, q("str", "PrimaryMeasure")), id="OBS_VALUE")

        measures = ET.SubElement(components, q("str", "MeasureList"), id="MeasureDescriptor")
        measure = ET.SubElement(measures, q("str", "PrimaryMeasure"), id="OBS_VALUE")
        self._concept_ref(measure, struct, "OBS_VALUE")


def add_full_structure(builder: StructureBuilder, struct: Structure, codelists) -> None:
    """Dataflow + DSD + its code lists + its concept scheme (`references=all`)."""
    builder.add_dataflow(struct.dataset)
    builder.add_dsd(struct)
    for codelist_id, name, codes in codelists:
        builder.add_codelist(codelist_id, name, codes)
    builder.add_attribute_codelists()
    builder.add_concept_scheme(struct)


# --- data ------------------------------------------------------------------------------------------------
def _format_value(cell) -> str:
    return f"{cell.value:.{cell.decimals}f}"


def _data_root(cube: Cube, agency) -> tuple[ET.Element, ET.Element]:
    sender = agency_id(agency)
    dataset = cube.dataset
    structure_id = f"{sender}_{dsd_id(dataset)}_{VERSION.replace('.', '_')}"
    namespace = (
        f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={sender}:{dsd_id(dataset)}"
        f"({VERSION}):ObsLevelDim:{TIME}"
    )
    root = ET.Element(q("mes", "StructureSpecificData"), {"xmlns:ns1": namespace})
    header = _header(root, sender)
    header_structure = ET.SubElement(
        header,
        q("mes", "Structure"),
        structureID=structure_id,
        namespace=namespace,
        dimensionAtObservation=TIME,
    )
    _ref(
        ET.SubElement(header_structure, q("com", "Structure")),
        id=dsd_id(dataset),
        version=VERSION,
        agencyID=sender,
    )
    if dataset.source:
        # mes:Source comes after mes:Structure in the header (SDMXMessage.xsd order).
        ET.SubElement(header, q("mes", "Source"), {XML_LANG: LANG}).text = f"数据来源：{dataset.source}"
    data_set = ET.SubElement(
        root,
        q("mes", "DataSet"),
        {
            q("ss", "dataScope"): "DataStructure",
            q("xsi", "type"): "ns1:DataSetType",
            q("ss", "structureRef"): structure_id,
        },
    )
    return root, data_set


def _series(cube: Cube):
    """Each series with observations, as an element (Series and Obs are unqualified)."""
    key_dims = cube.dimensions[:-1]
    times = cube.dimensions[-1].codes
    indicator_pos = next((i for i, d in enumerate(key_dims) if d.role == "indicator"), None)
    for key in product(*[[c for c, _ in d.codes] for d in key_dims]):
        observations = []
        for period, _ in times:
            cell = cube.cells.get((*key, period))
            if cell is None:
                continue  # no observation at all: SDMX leaves it out
            obs = {TIME: period}
            if cell.status == SUPPRESSED:
                obs["CONF_STATUS"] = "C"
            elif cell.value is None:
                obs.update(OBS_VALUE="NaN", OBS_STATUS="M")
            else:
                obs.update(OBS_VALUE=_format_value(cell), OBS_STATUS=STATUS_TO_SDMX.get(cell.status, "A"))
            observations.append(obs)
        if not observations:
            continue
        series_attrs = {d.code: sdmx_id(code) for d, code in zip(key_dims, key, strict=True)}
        indicator = cube.indicators.get(key[indicator_pos]) if indicator_pos is not None else None
        if indicator is not None:
            if indicator.unit:
                series_attrs["UNIT_MEASURE"] = indicator.unit
            series_attrs["DECIMALS"] = str(indicator.decimals)
        series = ET.Element("Series", series_attrs)
        for obs in observations:
            ET.SubElement(series, "Obs", obs)
        yield series


def data_message(cube: Cube, agency) -> bytes:
    """One structure-specific data set, series by series, TIME_PERIOD at the observation level."""
    root, data_set = _data_root(cube, agency)
    data_set.extend(_series(cube))
    return _serialise(root)


_MARK = "gongkai-series-go-here"


def iter_data_message(cube: Cube, agency, series_per_chunk: int = 200):
    """The same message written as a stream (issue 19 item 3): the envelope once, then the series."""
    root, data_set = _data_root(cube, agency)
    data_set.text = _MARK
    head, tail = _serialise(root).split(_MARK.encode(), 1)
    yield head
    chunk = []
    for series in _series(cube):
        chunk.append(ET.tostring(series, encoding="utf-8"))
        if len(chunk) >= series_per_chunk:
            yield b"".join(chunk)
            chunk = []
    yield b"".join(chunk) + tail


def error_message(code: int, text: str) -> bytes:
    root = ET.Element(q("mes", "Error"))
    error = ET.SubElement(root, q("mes", "ErrorMessage"), code=str(code))
    ET.SubElement(error, q("com", "Text"), {XML_LANG: LANG}).text = text
    return _serialise(root)
