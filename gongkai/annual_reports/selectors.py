"""Reads of annual reports: the public ones (published, frozen) and the office's list."""

from django.db.models import QuerySet

from .models import AnnualReport, Status


def public_reports(agency) -> QuerySet[AnnualReport]:
    """Published reports, newest year first. Only `snapshot` is ever shown for their tables."""
    return AnnualReport.objects.filter(agency=agency, status=Status.PUBLISHED).order_by("-year")


def public_report(agency, year: int) -> AnnualReport | None:
    return public_reports(agency).filter(year=year).select_related("agency").first()


def withdrawn_report(agency, year: int) -> AnnualReport | None:
    """A report that was public and is withdrawn (also while its correction goes through the workflow
    again): its page answers 410 with the public reason."""
    return (
        AnnualReport.objects.filter(agency=agency, year=year)
        .exclude(status=Status.PUBLISHED)
        .exclude(withdrawal_reason="")
        .select_related("agency")
        .first()
    )


def withdrawn_on(report: AnnualReport):
    """The day the report was withdrawn (the workflow's record; the report's last change otherwise)."""
    from django.utils import timezone

    workflow = workflow_of(report)
    at = getattr(workflow, "withdrawn_at", None) or report.updated_at
    return timezone.localdate(at)


def reports_for(user) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency_id=user.agency_id).select_related("created_by", "updated_by")


def published_years(agency) -> set[int]:
    return set(public_reports(agency).values_list("year", flat=True))


def workflow_of(report: AnnualReport):
    from gongkai.publishing.selectors import workflow_for

    return workflow_for(report)
