"""事前: the reference tables (enforcement bodies, discretion benchmarks, inspection items, officers)."""

from django.db import transaction

from gongkai.accounts.guard import fetch_for, require
from gongkai.core.errors import ValidationFailed

from ..models import (
    DiscretionBenchmark,
    EnforcementBody,
    InspectionItem,
    Officer,
)
from .common import _event, _text

REFERENCE_MODELS = {
    "body": (EnforcementBody, ("name", "scope", "address", "phone", "flow_steps", "sort_order")),
    "benchmark": (
        DiscretionBenchmark,
        ("violation", "basis", "circumstance", "min_fine", "max_fine", "other_measures", "sort_order"),
    ),
    "inspection_item": (InspectionItem, ("name", "subject", "basis", "method", "sort_order")),
    "officer": (
        Officer,
        ("department", "name", "certificate_number", "area", "issued_by", "valid_until", "active"),
    ),
}


def save_reference(*, actor, agency, kind: str, obj=None, **values):
    model, fields = REFERENCE_MODELS[kind]
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    require(actor, "enforcement.manage", obj, department_field=None)
    values = {k: _text(v) for k, v in values.items()}
    if kind == "benchmark":
        low, high = values.get("min_fine"), values.get("max_fine")
        if low is not None and high is not None and low > high:
            raise ValidationFailed("罚款下限不能高于上限。", field="min_fine")
    if kind == "officer":
        number = values.get("certificate_number", "")
        if not number:
            raise ValidationFailed("请填写执法证号。", field="certificate_number")
        clash = Officer.objects.filter(certificate_number=number)
        if obj is not None:
            clash = clash.exclude(pk=obj.pk)
        if clash.exists():
            raise ValidationFailed(f"执法证号 {number} 已登记。", field="certificate_number")
        department = values.get("department")
        if department is not None and department.agency_id != agency.pk:
            raise ValidationFailed("处室不属于本机关。", field="department")
    with transaction.atomic():
        before = None
        if obj is None:
            obj = model(agency=agency)
        else:
            obj = fetch_for(actor, type(obj), obj.pk, lock=True, department_field=None)
            before = {f: str(getattr(obj, f)) for f in fields}
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        _event(
            actor=actor,
            obj=obj,
            action="saved",
            before=before,
            after={f: str(getattr(obj, f)) for f in fields},
        )
    return obj
