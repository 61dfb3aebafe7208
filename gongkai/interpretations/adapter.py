"""How the publication workflow handles an Interpretation (registered in InterpretationsConfig.ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source, html_sources
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import Interpretation


class InterpretationAdapter(PublishableAdapter):
    model = Interpretation
    label = "政策解读"

    def scan_sources(self, obj):
        sources = [Source(label="标题", text=obj.title)]
        if obj.summary:
            sources.append(Source(label="摘要", text=obj.summary))
        sources += html_sources("正文", obj.body)  # table cells with their headers (figures vs phones)
        texts = [("图解文字说明", obj.image_alt), ("文字实录", obj.transcript)]
        sources += [Source(label=label, text=text) for label, text in texts if text]
        for number, pair in enumerate(obj.qa_pairs.all(), 1):
            sources.append(Source(label=f"问答第 {number} 组", text=f"{pair.question}\n{pair.answer}"))
        files = []
        for field, name in ((obj.image, obj.image_name), (obj.media_file, obj.media_name)):
            if not field:
                continue
            try:
                with field.open("rb") as handle:
                    files.append((name or field.name, handle.read()))
            except OSError:
                files.append((name or field.name, b""))  # the scan reports it as unreadable
        return sources, files

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_complete(obj)

    def on_published(self, obj, *, actor, at) -> None:
        services.record_publication(actor=actor, interpretation=obj, at=at)

    def on_withdrawn(self, obj, *, actor, reason: str) -> None:
        services.record_withdrawal(actor=actor, interpretation=obj, reason=reason)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("interpretations_office:detail", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("interpretations:detail", args=[obj.pk])

    def agency_of(self, obj):
        return obj.agency

    def department_of(self, obj):
        return obj.department
