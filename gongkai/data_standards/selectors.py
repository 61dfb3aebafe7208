"""Reads for the standard interfaces: views of the opendata tables, never copies.

Every read here goes through `gongkai.opendata.selectors` (public_datasets, public_versions,
released_releases), so the embargo of 统计法实施条例 Art. 28 holds on SDMX, CKAN and DCAT exactly as on
the pages: what is not released at `now` does not exist for these interfaces. Disclosure control
(统计法 Art. 28) is applied by `opendata.query.build_cube`, which every data answer goes through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from gongkai.core.selectors import public_agency, site_settings_for
from gongkai.opendata import query
from gongkai.opendata import selectors as opendata
from gongkai.opendata.models import (
    Code,
    Codelist,
    DataResource,
    Dataset,
    DatasetVersion,
    Indicator,
    OpenType,
)


@dataclass
class CatalogueEntry:
    """One 共享开放目录 entry as the standard interfaces show it."""

    resource: DataResource
    dataset: Dataset | None  # None: a catalogue-only entry (data not in Gongkai, or 不予开放)
    versions: list[DatasetVersion]  # public vintages, oldest first

    @property
    def name(self) -> str:
        """The CKAN package name / DCAT identifier: the dataset code, else the resource code."""
        return self.dataset.code if self.dataset else self.resource.code

    @property
    def title(self) -> str:
        return self.dataset.title if self.dataset else self.resource.title

    @property
    def issued(self) -> datetime | None:
        return self.versions[0].release.scheduled_at if self.versions else None

    @property
    def modified(self) -> datetime | None:
        return self.versions[-1].release.scheduled_at if self.versions else None

    @property
    def has_data(self) -> bool:
        """Data is served (downloads, SDMX) only for open and conditional resources."""
        return bool(self.dataset and self.versions and self.resource.open_type != OpenType.NOT_OPEN)


def agency():
    return public_agency()


def contact_of(agency_obj) -> dict:
    settings = site_settings_for(agency_obj)
    return {
        "name": (settings.host_organisation if settings else "") or agency_obj.name,
        "phone": settings.phone if settings else "",
        "email": settings.email if settings else "",
        "address": settings.address if settings else "",
        "site_name": settings.site_name if settings else agency_obj.name,
    }


def _released_datasets(agency_obj, now: datetime) -> QuerySet[Dataset]:
    """Datasets with a released vintage, whatever their open type (不予开放 ones are listed, data not)."""
    live = DatasetVersion.objects.filter(dataset=OuterRef("pk"), release__in=opendata.released_releases(now))
    return Dataset.objects.filter(agency=agency_obj).filter(Exists(live))


def catalogue(agency_obj, now: datetime | None = None) -> list[CatalogueEntry]:
    """Every public catalogue entry at `now`, in catalogue order.

    A resource whose dataset has no released vintage yet is absent altogether (its title may itself be
    news); a resource without a dataset is a catalogue-only entry and always listed.
    """
    now = now or timezone.now()
    released = {d.pk: d for d in _released_datasets(agency_obj, now)}
    data_ok = set(opendata.public_datasets(agency_obj, now).values_list("pk", flat=True))
    entries = []
    resources = opendata.resources(agency_obj).select_related("dataset")
    for resource in resources:
        dataset = getattr(resource, "dataset", None)
        if dataset is None:
            entries.append(CatalogueEntry(resource, None, []))
            continue
        if dataset.pk not in released:
            continue
        versions = opendata.public_versions(dataset, now) if dataset.pk in data_ok else []
        entries.append(CatalogueEntry(resource, dataset, versions))
    return entries


def catalogue_entry(agency_obj, name: str, now: datetime | None = None) -> CatalogueEntry | None:
    return next((e for e in catalogue(agency_obj, now) if e.name == name), None)


def data_datasets(agency_obj, now: datetime | None = None) -> QuerySet[Dataset]:
    """Datasets whose data the public may read at `now` (open or conditional, released)."""
    return opendata.public_datasets(agency_obj, now).order_by("topic", "code")


def data_dataset(agency_obj, code: str, now: datetime | None = None) -> Dataset | None:
    return opendata.public_dataset(agency_obj, code, now)


@dataclass
class Structure:
    """What an SDMX data structure needs: dimensions in key order with their codes and labels."""

    dataset: Dataset
    dimensions: list[query.DimInfo]  # non-time, key order
    indicators: dict[str, Indicator]
    versions: list[DatasetVersion]
    codelist_ids: dict[str, str]  # dimension code → SDMX codelist id
    now: datetime | None = None


def structure(dataset: Dataset, now: datetime | None = None) -> Structure:
    """Dimensions and code lists of a public dataset, restricted to the codes its series use."""
    versions = opendata.public_versions(dataset, now)
    labels = query.available(dataset, versions)
    dims = []
    codelist_ids = {}
    for dim in query.dimension_codes(dataset):
        dims.append(query.DimInfo(dim.code, dim.name, dim.role, labels.get(dim.code, [])))
        if dim.role == "indicator" or dim.codelist is None:
            codelist_ids[dim.code] = (
                f"CL_{dataset.code.upper().replace('-', '_')}_{dim.code}"  # = sdmxml.indicator_codelist_id
            )
        else:
            codelist_ids[dim.code] = dim.codelist.code
    indicator_codes = [c for d in dims if d.role == "indicator" for c, _ in d.codes]
    indicators = {
        i.code: i for i in Indicator.objects.filter(agency=dataset.agency, code__in=indicator_codes)
    }
    return Structure(dataset, dims, indicators, versions, codelist_ids, now)


def codelist_codes(codelist: Codelist) -> list[Code]:
    return list(codelist.codes.order_by("sort_order", "code"))


def public_codelists(agency_obj, now: datetime | None = None) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """SDMX codelist id → (name, [(code, label)]) over the structures of every public dataset."""
    out: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    unreleased = query.unreleased_codes(agency_obj, now)
    for dataset in data_datasets(agency_obj, now):
        for codelist_id, name, codes in structure_codelists(structure(dataset, now), unreleased):
            out.setdefault(codelist_id, (name, codes))
    return out


def structure_codelists(
    struct: Structure,
    unreleased: dict[str, set[str]] | None = None,
) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(codelist id, name, codes) for each dimension. Shared code lists (areas) are sent whole, except
    codes that only embargoed data uses (a new area is not shown before its release, 实施条例 Art. 28)."""
    if unreleased is None:
        unreleased = query.unreleased_codes(struct.dataset.agency, struct.now)
    result = []
    for dim in struct.dimensions.copy():
        codelist_id = struct.codelist_ids[dim.code]
        model_dim = struct.dataset.dimensions.filter(code=dim.code).select_related("codelist").first()
        if dim.role != "indicator" and model_dim and model_dim.codelist:
            hidden = unreleased.get(model_dim.codelist.code, set())
            codes = [(c.code, c.name) for c in codelist_codes(model_dim.codelist) if c.code not in hidden]
            result.append((codelist_id, model_dim.codelist.name, codes))
        else:
            result.append((codelist_id, f"{struct.dataset.title}：{dim.name}", dim.codes))
    return result


def temporal_coverage(dataset: Dataset, versions: list[DatasetVersion]) -> tuple[str, str] | None:
    """First and last period with data in the public vintages (DCAT dct:temporal)."""
    periods = sorted({p for v in versions for p in (v.periods or [])})
    return (periods[0], periods[-1]) if periods else None
