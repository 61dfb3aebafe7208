from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = "征求意见"

    def ready(self) -> None:
        from gongkai.core.pagecache import register_schedule

        register_schedule(pagecache_schedule)
        from gongkai.core import work_panels
        from gongkai.publishing.registry import register

        from . import jobs  # noqa: F401 - registers consultations.tick
        from .adapter import AdoptionReportAdapter, ConsultationAdapter
        from .panels import consultation_panels

        register(ConsultationAdapter())
        register(AdoptionReportAdapter())
        work_panels.register(consultation_panels)
        from .search import register_search

        register_search()


def pagecache_schedule(now):
    """A consultation opens or closes at its minute, at read time (page cache, ADR 0043)."""
    from .models import Consultation

    instants = [
        Consultation.objects.filter(**{f"{field}__gt": now})
        .order_by(field)
        .values_list(field, flat=True)
        .first()
        for field in ("opens_at", "closes_at")
    ]
    instants = [t for t in instants if t is not None]
    return min(instants) if instants else None
