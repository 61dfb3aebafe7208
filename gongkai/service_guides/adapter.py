"""How the publication workflow handles a 办事指南 version (registered in ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .elements import TEXT_ELEMENTS
from .models import GuideVersion


class GuideVersionAdapter(PublishableAdapter):
    model = GuideVersion
    label = "办事指南"

    def scan_sources(self, obj):
        sources = [
            Source(label=label, text=getattr(obj, name))
            for name, label in TEXT_ELEMENTS
            if getattr(obj, name)
        ]
        files = []
        for m in obj.materials.all():
            sources.append(Source(label=f"申请材料：{m.name}", text=f"{m.name} {m.note}"))
            for field, name in ((m.sample, m.sample_name), (m.blank_form, m.blank_form_name)):
                if field:
                    try:
                        with field.open("rb") as handle:
                            files.append((name or field.name, handle.read()))
                    except OSError:
                        files.append((name or field.name, b""))
        return sources, files

    def check_submittable(self, obj) -> None:
        services.check_complete(obj)

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_complete(obj)

    def on_published(self, obj, *, actor, at) -> None:
        services.record_publication(actor=actor, version=obj, at=at)

    def on_withdrawn(self, obj, *, actor, reason: str) -> None:
        services.record_withdrawal(actor=actor, version=obj, reason=reason)

    def title(self, obj) -> str:
        return str(obj)

    def office_url(self, obj) -> str:
        return reverse("service_guides_office:version", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("service_guides:detail", args=[obj.item.code])

    def agency_of(self, obj):
        return obj.item.agency

    def department_of(self, obj):
        return obj.item.department
