from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import Conference


class ConferenceAdapter(PublishableAdapter):
    model = Conference
    label = "新闻发布会"
    draft_permission = "press.manage"

    def scan_sources(self, obj):
        sources = [
            Source(label="名称", text=obj.title),
            Source(label="发布内容", text=obj.topic),
            Source(label="发布人", text=obj.speakers),
        ]
        files = []
        for attachment in obj.attachments.all():
            try:
                with attachment.file.open("rb") as handle:
                    files.append((attachment.filename, handle.read()))
            except OSError:
                files.append((attachment.filename, b""))
        return sources, files

    def on_published(self, obj, *, actor, at) -> None:
        services.mark_published(obj, at=at)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("press_office:conference", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("press:conference", args=[obj.pk])

    def department_of(self, obj):
        return None
