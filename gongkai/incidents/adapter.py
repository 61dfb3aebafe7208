"""How the publication workflow handles an incident release (registered in IncidentsConfig.ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import Release


class ReleaseAdapter(PublishableAdapter):
    model = Release
    label = "舆情回应"
    allows_urgent = True  # 国办发〔2016〕80号: authoritative information within 5 hours
    draft_permission = "incidents.release"  # 新闻发言人 and 公开办 draft the responses

    def scan_sources(self, obj):
        sources = [Source(label="标题", text=obj.title), Source(label="正文", text=obj.body)]
        if obj.correction_reason:
            sources.append(Source(label="更正理由", text=obj.correction_reason))
        return sources, []

    def on_published(self, obj, *, actor, at) -> None:
        services.mark_published(obj, actor=actor, at=at)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("incidents_office:detail", args=[obj.incident_id])

    def public_url(self, obj) -> str:
        return reverse("incidents:detail", args=[obj.incident_id])

    def department_of(self, obj):
        return None
