"""Hearings (Art. 16)."""

from datetime import date, datetime

from django.db import transaction

from gongkai.accounts.guard import require
from gongkai.core import audit
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.workdays.selectors import legal_date

from .. import rules
from ..models import (
    Consultation,
    Hearing,
)
from .common import _lock, _text


def save_hearing(
    *,
    actor,
    consultation: Consultation,
    held_at: datetime,
    place: str,
    notice: str,
    materials_sent_on: date | None,
    participants: str = "",
    selection_method: str = "",
    minutes: str = "",
    hearing: Hearing | None = None,
) -> Hearing:
    require(actor, "consultations.edit")
    place = _text(place, field="place", label="地点", max_length=200)
    notice = _text(notice, field="notice", label="听证公告", max_length=5000)
    problem = rules.hearing_problem(materials_sent_on=materials_sent_on, held_on=legal_date(held_at))
    if problem:
        raise ValidationFailed(problem, field="materials_sent_on")
    with transaction.atomic():
        locked = _lock(actor, consultation)
        if hearing is not None and hearing.consultation_id != locked.pk:
            raise NotFound("没有找到该听证会。")
        row = hearing or Hearing(consultation=locked)
        for name, value in {
            "held_at": held_at,
            "place": place,
            "notice": notice,
            "participants": participants.strip(),
            "selection_method": selection_method.strip(),
            "minutes": minutes.strip(),
            "materials_sent_on": materials_sent_on,
        }.items():
            setattr(row, name, value)
        row.save()
        audit.record(
            actor=actor,
            verb="consultation.hearing_saved",
            obj=row,
            agency=locked.agency,
            after={"held_at": held_at, "place": place, "participants": len(row.participant_list)},
        )
    return row
