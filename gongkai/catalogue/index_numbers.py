"""索引号: formatting (pure) and issuing (a per-agency-per-year counter row locked FOR UPDATE).

The national default is `<organisation code>/<YYYY>-<NNNNN>` (20 characters with a 9-character code,
e.g. 350100TJJ/2026-00001). A number is issued when an item is first published (ADR 0010), so the
public sequence has no gaps from abandoned drafts; it never changes afterwards.
"""

import re

from django.db import transaction

from gongkai.core.errors import ValidationFailed

from .models import DEFAULT_INDEX_TEMPLATE, CatalogueSettings, IndexCounter, InformationItem

_SLUG_UNSAFE = re.compile(r"[^0-9A-Za-z_-]+")


def format_index_number(template: str, *, org: str, year: int, seq: int) -> str:
    try:
        return template.format(org=org, year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationFailed(f"索引号模板无效：{exc}", field="index_template") from None


def validate_template(template: str) -> None:
    if "{seq" not in template:
        raise ValidationFailed("索引号模板必须包含流水号 {seq:05d}。", field="index_template")
    if "{year" not in template:
        raise ValidationFailed("索引号模板必须包含年份 {year}。", field="index_template")
    format_index_number(template, org="TEST", year=2026, seq=1)


def slug_for(index_number: str) -> str:
    """The ASCII URL form: 350100TJJ/2026-00001 → 350100TJJ-2026-00001."""
    return _SLUG_UNSAFE.sub("-", index_number).strip("-")


def template_for(agency) -> str:
    settings_row = CatalogueSettings.objects.filter(agency=agency).first()
    return settings_row.index_template if settings_row else DEFAULT_INDEX_TEMPLATE


def issue_index_number(*, agency, year: int) -> str:
    """The next unused number of `agency` in `year`. Call inside the publishing transaction: the
    counter row stays locked until it commits, so concurrent publications get different numbers."""
    template = template_for(agency)
    with transaction.atomic():
        IndexCounter.objects.get_or_create(agency=agency, year=year)
        counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
        while True:
            counter.last_number += 1
            number = format_index_number(
                template, org=agency.organisation_code, year=year, seq=counter.last_number
            )
            # An imported or hand-entered number may already sit in the sequence: skip it.
            if not InformationItem.objects.filter(agency=agency, index_number=number).exists():
                break
        counter.save(update_fields=["last_number"])
    return number
