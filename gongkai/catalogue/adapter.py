"""How the publication workflow handles an ItemRevision (registered in CatalogueConfig.ready())."""

from django.urls import reverse

from gongkai.accounts.guard import SYSTEM
from gongkai.confidentiality.scanner import Source, html_sources
from gongkai.publishing.registry import PublishableAdapter

from . import publish_checks, services
from .models import ItemRevision


class ItemRevisionAdapter(PublishableAdapter):
    model = ItemRevision
    label = "政府信息"

    def scan_sources(self, obj):
        sources = [Source(label="标题", text=obj.title)]
        if obj.summary:
            sources.append(Source(label="内容概述", text=obj.summary))
        if obj.body:
            sources += html_sources("正文", obj.body)  # table cells with their headers (figures vs phones)
        if obj.change_note:
            sources.append(Source(label="更正说明", text=obj.change_note))
        files = []
        for attachment in obj.attachments.all():
            try:
                with attachment.file.open("rb") as handle:
                    files.append((attachment.original_name, handle.read()))
            except OSError:
                # The scan itself reports the missing file as unreadable (high severity).
                files.append((attachment.original_name, b""))
        return sources, files

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_publishable(revision=obj)
        # Conditions of higher layers (e.g. 三同步 of interpretations), see publish_checks.py.
        publish_checks.run(obj, publish_at=publish_at)

    def on_published(self, obj, *, actor, at) -> None:
        if actor is not SYSTEM:
            # Approval now: the moment is known only here, so the checks run again with it (a check
            # that failed would roll the approval back). publish_due (actor SYSTEM) finalises a time
            # that was already checked and is already public: it is never refused.
            publish_checks.run(obj, publish_at=at)
        services.record_publication(actor=actor, revision=obj, at=at)

    def on_withdrawn(self, obj, *, actor, reason: str) -> None:
        services.record_withdrawal(actor=actor, revision=obj, reason=reason)

    def on_superseded(self, obj, *, actor) -> None:
        services.mark_superseded(revision=obj)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("catalogue_office:item", args=[obj.item_id])

    def public_url(self, obj) -> str:
        return reverse("catalogue:item", args=[obj.item.slug]) if obj.item.slug else ""

    def agency_of(self, obj):
        return obj.item.agency

    def department_of(self, obj):
        return obj.department or obj.item.department
