"""Demo: two spokespersons, a held press conference with its transcript linked to a data release, an
announced one open for registration, and two media interview requests (one answered)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow
from gongkai.publishing.selectors import workflow_for

from . import services
from .models import Conference, MediaRequest

SH = ZoneInfo("Asia/Shanghai")


def _publish(conference, users, *, at=None):
    workflow = workflow_for(conference)
    publishing.submit(actor=users["fayanren"], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow)
    publishing.approve(actor=users["lingdao"], workflow=workflow)
    if at is not None:  # the notice went out before the conference, not on the day the demo loads
        Workflow.objects.filter(pk=workflow.pk).update(published_at=at, approved_at=at)
        Conference.objects.filter(pk=conference.pk).update(published_at=at)
    conference.refresh_from_db()


def load_press(*, agency, users, stdout=None):
    if Conference.objects.filter(agency=agency).exists():
        return
    spokes = users["fayanren"]
    services.save_spokesperson(
        actor=spokes,
        name="郑华",
        position="市统计局新闻发言人、副局长（演示）",
        phone="0591-00000000（演示号码）",
        sort_order=1,
    )
    services.save_spokesperson(actor=spokes, name="陈明", position="市统计局综合处处长（演示）", sort_order=2)

    from gongkai.opendata.models import Release

    release = Release.objects.filter(
        agency=agency, title="2025年7月全国居民消费价格和工业生产者出厂价格"
    ).first()
    starts = (
        release.scheduled_at + timedelta(minutes=30) if release else datetime(2025, 8, 9, 10, 0, tzinfo=SH)
    )
    held = services.save_conference(
        actor=spokes,
        title="2025年7月居民消费价格运行情况新闻发布会",
        topic="介绍2025年7月全国居民消费价格和工业生产者出厂价格运行情况，解读价格变动的主要原因，并回答记者提问。",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        location="市统计局新闻发布厅（演示）",
        speakers="郑华（市统计局新闻发言人）\n陈明（市统计局综合处处长）",
        registration_open=False,
        data_release=release,
    )
    _publish(held, users, at=starts - timedelta(days=2))
    lines = [
        ("host", "郑华", "", "各位记者朋友，上午好。今天我们发布2025年7月居民消费价格运行情况。"),
        ("statement", "陈明", "", "7月份，全国居民消费价格同比持平，环比上涨0.4%；核心CPI同比上涨0.8%。"),
        ("question", "福州日报记者", "福州日报", "请问猪肉价格变动对CPI的影响有多大？"),
        ("answer", "陈明", "", "猪肉价格同比下降，影响CPI同比下降约0.1个百分点，详见同期发布的数据解读。"),
        ("host", "郑华", "", "今天的发布会到此结束，谢谢大家。"),
    ]
    for minute, (kind, speaker, outlet, text) in enumerate(lines):
        services.add_entry(
            actor=spokes,
            conference=held,
            kind=kind,
            speaker=speaker,
            outlet=outlet,
            text=text,
            now=starts + timedelta(minutes=minute * 10),
        )
    services.mark_held(actor=spokes, conference=held)

    upcoming = services.save_conference(
        actor=spokes,
        title="2026年全市国民经济运行情况新闻发布会",
        topic="发布2026年全市国民经济运行情况，回答记者提问。欢迎新闻媒体报名参加。",
        starts_at=datetime(2027, 1, 21, 10, 0, tzinfo=SH),
        ends_at=datetime(2027, 1, 21, 11, 0, tzinfo=SH),
        location="市统计局新闻发布厅（演示）",
        speakers="郑华（市统计局新闻发言人）",
    )
    _publish(upcoming, users)

    answered = services.submit_media_request(
        agency=agency,
        outlet="福州电视台（演示）",
        reporter="李记者",
        phone="0591-00000002（演示号码）",
        topic="第五次全国经济普查入户登记进展",
        detail="1. 入户登记完成进度；2. 如何保护企业和个人信息。",
        now=timezone.now() - timedelta(days=10),
    )
    services.answer_media_request(
        actor=spokes,
        media_request=answered,
        accept=True,
        answer="同意采访，请于下周二上午到普查中心，联系人陈明（演示）。",
    )
    MediaRequest.objects.filter(pk=answered.pk).update(answered_at=answered.submitted_at + timedelta(days=1))
    services.submit_media_request(
        agency=agency,
        outlet="海峡都市报（演示）",
        reporter="王记者",
        phone="0591-00000003（演示号码）",
        topic="居民收入统计口径",
        detail="请介绍居民人均可支配收入的统计口径和调查方法。",
    )
    if stdout:
        stdout.write("新闻发布：发布会 2 场（1 场有实录），新闻发言人 2 名，媒体采访申请 2 件。")
