from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import Post


class PostAdapter(PublishableAdapter):
    model = Post
    label = "政务新媒体发布"
    draft_permission = "newmedia.post"

    def scan_sources(self, obj):
        return [Source(label="标题", text=obj.title), Source(label="摘要", text=obj.summary)], []

    def on_published(self, obj, *, actor, at) -> None:
        services.send_post(obj, actor=actor, at=at)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("newmedia_office:accounts")

    def public_url(self, obj) -> str:
        return obj.link

    def department_of(self, obj):
        return None
