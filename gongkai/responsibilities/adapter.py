"""How the publication workflow handles a version of the 权责清单 (registered in ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import ListVersion


class ListVersionAdapter(PublishableAdapter):
    model = ListVersion
    label = "权责清单"

    def scan_sources(self, obj):
        sources = [Source(label="调整说明", text=obj.change_note)]
        for item in obj.items.all():
            text = "\n".join(
                t
                for t in (item.name, item.content, item.basis, item.duties, item.accountability, item.process)
                if t
            )
            sources.append(Source(label=f"职权 {item.code}", text=text))
        return sources, []

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_complete(obj)

    def on_published(self, obj, *, actor, at) -> None:
        services.record_publication(actor=actor, version=obj, at=at)

    def on_withdrawn(self, obj, *, actor, reason: str) -> None:
        services.record_withdrawal(actor=actor, version=obj, reason=reason)

    def title(self, obj) -> str:
        return str(obj)

    def office_url(self, obj) -> str:
        return reverse("responsibilities_office:version", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("responsibilities:version", args=[obj.number])

    def agency_of(self, obj):
        return obj.power_list.agency

    def department_of(self, obj):
        return None
