"""Reads of annual reports: the public ones (published, frozen) and the office's list."""

from django.db.models import QuerySet

from .models import AnnualReport, Status


def public_reports(agency) -> QuerySet[AnnualReport]:
    """Published reports, newest year first. Only `snapshot` is ever shown for their tables."""
    return AnnualReport.objects.filter(agency=agency, status=Status.PUBLISHED).order_by("-year")


def public_report(agency, year: int) -> AnnualReport | None:
    return public_reports(agency).filter(year=year).select_related("agency").first()


def reports_for(user) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency_id=user.agency_id).select_related("created_by", "updated_by")


def published_years(agency) -> set[int]:
    return set(public_reports(agency).values_list("year", flat=True))


def workflow_of(report: AnnualReport):
    from gongkai.publishing.selectors import workflow_for

    return workflow_for(report)
