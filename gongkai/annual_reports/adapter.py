"""How the publication workflow handles an AnnualReport (registered in AnnualReportsConfig.ready())."""

from django.urls import reverse
from django.utils import timezone

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import AnnualReport


class AnnualReportAdapter(PublishableAdapter):
    model = AnnualReport
    label = "政府信息公开工作年度报告"

    def scan_sources(self, obj):
        texts = [
            (AnnualReport._meta.get_field(name).verbose_name, getattr(obj, name))
            for name in services.TEXT_FIELDS
        ]
        return [Source(label=str(label), text=text) for label, text in texts if text], []

    def check_submittable(self, obj) -> None:
        services.check_year_ended(obj)  # 条例 Art. 49, also when submitted through /api/v1/workflows

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_year_ended(obj, today=timezone.localdate(publish_at) if publish_at else None)
        services.check_complete(obj)  # the records may have changed since submission

    def on_published(self, obj, *, actor, at) -> None:
        services.record_publication(actor=actor, report=obj, at=at)

    def on_withdrawn(self, obj, *, actor, reason: str) -> None:
        services.record_withdrawal(actor=actor, report=obj, reason=reason)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("annual_reports_office:detail", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("annual_reports:detail", args=[obj.year])

    def agency_of(self, obj):
        return obj.agency

    def department_of(self, obj):
        return None
