"""How the publication workflow handles a Release (registered in OpendataConfig.ready()).

Approval with `publish_at` = the release's announced minute schedules it; the embargo itself is the
read-time filter in selectors.released_releases, so nothing has to run at the minute.
"""

from django.urls import reverse
from django.utils import timezone

from gongkai.confidentiality.scanner import Source
from gongkai.core.errors import ValidationFailed
from gongkai.publishing.registry import PublishableAdapter

from .models import Release


class ReleaseAdapter(PublishableAdapter):
    model = Release
    label = "统计数据发布"

    def scan_sources(self, obj):
        sources = [Source(label="标题", text=obj.title)]
        if obj.press_release:
            sources.append(Source(label="统计公报/新闻稿", text=obj.press_release))
        if obj.interpretation:
            sources.append(Source(label="数据解读", text=obj.interpretation))
        return sources, []

    def publish_at_for(self, obj, publish_at):
        """A release goes public at its announced minute and at no other (统计法实施条例 Art. 28): approval
        before the minute schedules it for that minute, so the calendar and the office both show the
        minute it will really publish at (issue 11 item 12; issue 12 item 11)."""
        minute = obj.scheduled_at
        if publish_at is not None and publish_at.replace(second=0, microsecond=0) != minute:
            raise ValidationFailed(
                f"统计数据须在发布日程公布的时间（{timezone.localtime(minute):%Y-%m-%d %H:%M}）发布"
                "（《统计法实施条例》第二十八条：公布统计资料应当按照国家有关规定进行）；"
                "如需改期，请先在数据发布页调整发布时间并公开说明，再重新审批。",
                field="publish_at",
            )
        return minute if minute > timezone.now() else publish_at

    def check_publishable(self, obj, publish_at=None) -> None:
        if obj.state != Release.State.CONFIRMED:
            raise ValidationFailed("发布日程尚未确定，不能批准发布。")
        if not obj.versions.exists() and not obj.press_release:
            raise ValidationFailed("该发布没有数据，也没有统计公报。")

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("opendata_office:release", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("opendata:release", args=[obj.pk])
