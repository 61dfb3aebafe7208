"""How the publication workflow handles an enforcement decision (registered in ready()).

The scan reads the decision as the public will see it (names and ID numbers of individuals masked),
so anything personal left in the texts is a finding the reviewer must resolve."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import masking, services
from .models import Decision


class DecisionAdapter(PublishableAdapter):
    model = Decision
    label = "行政执法决定"

    def scan_sources(self, obj):
        texts = masking.public_texts(obj)
        labels = {
            "title": "案件名称",
            "party": "当事人",
            "identifier": "当事人证件号码",
            "facts": "主要违法事实",
            "basis": "执法依据",
            "outcome": "决定内容",
        }
        return [Source(label=label, text=texts[name]) for name, label in labels.items() if texts[name]], []

    def on_published(self, obj, *, actor, at) -> None:
        services.record_publication(actor=actor, decision=obj, at=at)

    def on_withdrawn(self, obj, *, actor, reason: str) -> None:
        services.record_withdrawal(actor=actor, decision=obj, reason=reason)

    def title(self, obj) -> str:
        return f"{obj.get_kind_display()}决定：{obj.title}"

    def office_url(self, obj) -> str:
        return reverse("enforcement_office:decision", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("enforcement:decision", args=[obj.pk])
