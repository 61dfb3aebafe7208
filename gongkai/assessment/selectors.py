from django.db.models import QuerySet

from .models import IndicatorResult, InspectionRun


def runs_for(user) -> QuerySet[InspectionRun]:
    return InspectionRun.objects.filter(agency=user.agency).select_related("started_by")


def latest_run(agency) -> InspectionRun | None:
    return InspectionRun.objects.filter(agency=agency).first()


def history(agency, code: str) -> QuerySet[IndicatorResult]:
    return (
        IndicatorResult.objects.filter(run__agency=agency, code=code)
        .select_related("run")
        .order_by("-run__checked_at", "-run_id")
    )
