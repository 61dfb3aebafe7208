"""How the publication workflow handles a consultation and its 采纳情况 report (ConsultationsConfig.ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import AdoptionReport, Consultation


class ConsultationAdapter(PublishableAdapter):
    model = Consultation
    label = "征求意见"

    def scan_sources(self, obj):
        sources = [Source(label="标题", text=obj.title)]
        for label, text in (
            ("内容简介", obj.summary),
            ("决策依据", obj.basis),
            ("起草说明", obj.explanation),
            ("缩短期限的理由", obj.urgency_reason),
        ):
            if text:
                sources.append(Source(label=label, text=text))
        sources += [Source(label=f"草案{a.label}", text=a.text) for a in obj.articles.all() if a.text]
        files = []
        for attachment in obj.attachments.all():
            try:
                with attachment.file.open("rb") as handle:
                    files.append((attachment.original_name, handle.read()))
            except OSError:
                files.append((attachment.original_name, b""))
        return sources, files

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_publishable(consultation=obj)

    def title(self, obj) -> str:
        return f"关于公开征求《{obj.title}》意见的公告"

    def office_url(self, obj) -> str:
        return reverse("consultations_office:detail", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("consultations:detail", args=[obj.pk])


class AdoptionReportAdapter(PublishableAdapter):
    model = AdoptionReport
    label = "意见采纳情况"

    def scan_sources(self, obj):
        sources = [Source(label="说明", text=obj.introduction)] if obj.introduction else []
        for group in obj.snapshot.get("groups", []):
            sources.append(Source(label=f"{group['article']}意见摘要", text=group.get("excerpt", "")))
            sources.append(Source(label=f"{group['article']}处理理由", text=group.get("reason", "")))
        return sources, []

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_report_publishable(report=obj)

    def on_published(self, obj, *, actor, at) -> None:
        services.record_report_publication(report=obj, at=at)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("consultations_office:report", args=[obj.consultation_id])

    def public_url(self, obj) -> str:
        return reverse("consultations:report", args=[obj.consultation_id])

    def agency_of(self, obj):
        return obj.consultation.agency

    def department_of(self, obj):
        return obj.consultation.department
