"""Survey projects (统计调查项目)."""

from __future__ import annotations

from django.db import transaction

from gongkai.accounts.guard import require
from gongkai.core import audit

from ..models import (
    SurveyProject,
)
from .common import _agency_for

SURVEY_FIELDS = (
    "name",
    "kind",
    "approval_number",
    "approving_authority",
    "organiser",
    "valid_until",
    "respondents",
    "content",
    "frequency",
    "method",
    "organisation",
    "publication",
    "is_public",
)


def save_survey_project(
    *, actor, project: SurveyProject | None = None, agency=None, **fields
) -> SurveyProject:
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency if project is None else project.agency)
    with transaction.atomic():
        if project is None:
            project = SurveyProject(agency=agency)
        else:
            require(actor, "opendata.manage", project, department_field=None)
        for name, value in fields.items():
            if name in SURVEY_FIELDS:
                setattr(project, name, value)
        project.save()
        audit.record(
            actor=actor,
            verb="opendata.survey_saved",
            obj=project,
            agency=agency,
            after={f: str(getattr(project, f)) for f in SURVEY_FIELDS},
        )
    return project
