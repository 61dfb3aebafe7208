"""Datasets and the catalogue: data resources and indicator metadata."""

from __future__ import annotations

from django.db import transaction

from gongkai.accounts.guard import require
from gongkai.core import audit
from gongkai.core.errors import ValidationFailed

from .. import search
from ..models import (
    DataResource,
    Dataset,
    Indicator,
    OpenType,
)
from .common import _agency_for

RESOURCE_FIELDS = (
    "title",
    "description",
    "topic",
    "open_type",
    "not_open_reason",
    "conditions",
    "update_frequency",
    "formats",
    "licence",
    "department",
    "contact",
)


def save_resource(*, actor, resource: DataResource | None = None, agency=None, **fields) -> DataResource:
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency if resource is None else resource.agency)
    if fields.get("open_type") == OpenType.NOT_OPEN and not (fields.get("not_open_reason") or "").strip():
        raise ValidationFailed("不予开放的数据资源须说明理由。", field="not_open_reason")
    with transaction.atomic():
        before = None
        if resource is None:
            resource = DataResource(agency=agency, code=fields.pop("code"))
        else:
            require(actor, "opendata.manage", resource, department_field=None)
            before = {f: str(getattr(resource, f)) for f in RESOURCE_FIELDS}
        for name, value in fields.items():
            if name in RESOURCE_FIELDS:
                setattr(resource, name, value)
        resource.save()
        audit.record(
            actor=actor,
            verb="opendata.resource_saved",
            obj=resource,
            agency=agency,
            before=before,
            after={f: str(getattr(resource, f)) for f in RESOURCE_FIELDS},
        )
        dataset = Dataset.objects.filter(resource=resource).first()
        if dataset is not None:
            search.sync_dataset(
                dataset
            )  # 不予开放 leaves the site search, re-opened comes back (after commit)
    return resource


def update_indicator(*, actor, indicator: Indicator, **fields) -> Indicator:
    require(actor, "opendata.manage", indicator, department_field=None)
    allowed = (
        "name",
        "unit",
        "decimals",
        "meaning",
        "scope",
        "survey_method",
        "calculation",
        "sample_size",
        "source",
        "contact",
    )
    with transaction.atomic():
        before = {f: getattr(indicator, f) for f in allowed}
        for name, value in fields.items():
            if name in allowed:
                setattr(indicator, name, value)
        indicator.save()
        audit.record(
            actor=actor,
            verb="opendata.indicator_updated",
            obj=indicator,
            before=before,
            after={f: getattr(indicator, f) for f in allowed},
        )
    return indicator
