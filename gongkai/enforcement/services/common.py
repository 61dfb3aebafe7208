"""What the enforcement writes share: the working-day calendar, legal dates, the event with its
audit record, text cleaning."""

from datetime import date, datetime

from gongkai.accounts.guard import user_or_none
from gongkai.core import audit

from ..models import (
    Event,
)


def _calendar():
    from gongkai.workdays.selectors import load_calendar

    return load_calendar()


def _legal_date(moment: datetime) -> date:
    from gongkai.workdays.selectors import legal_date

    return legal_date(moment)


def _event(*, actor, obj, action: str, note: str = "", before=None, after=None) -> None:
    record_type = obj._meta.model_name
    Event.objects.create(
        agency=obj.agency,
        record_type=record_type,
        record_id=obj.pk,
        action=action,
        note=note,
        actor=user_or_none(actor),
    )
    audit.record(
        actor=actor,
        verb=f"enforcement.{record_type}_{action}",
        obj=obj,
        agency=obj.agency,
        before=before,
        after=after or ({"note": note} if note else None),
    )


def _text(value):
    return value.strip() if isinstance(value, str) else value
