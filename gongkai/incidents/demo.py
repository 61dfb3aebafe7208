"""Demo: one serious incident whose releases met the 5-hour and 24-hour clocks, one ordinary incident
whose response breached the 48-hour clock (with a correction), and one running now.

The published minutes are the incidents' own (November 2026), not the day the demo is loaded: the rows
are dated after the workflow has published them.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow, WorkflowEvent
from gongkai.publishing.selectors import workflow_for

from . import services
from .models import Incident, IncidentEvent, Release

SH = ZoneInfo("Asia/Shanghai")


def _publish_at(release: Release, *, actor, approver, at: datetime) -> None:
    workflow = workflow_for(release)
    publishing.submit(actor=actor, workflow=workflow)
    publishing.urgent_approve(actor=approver, workflow=workflow, reason="舆情回应时限紧迫（演示）")
    Workflow.objects.filter(pk=workflow.pk).update(
        submitted_at=at - timedelta(minutes=20), reviewed_at=at, approved_at=at, published_at=at
    )
    WorkflowEvent.objects.filter(workflow=workflow).update(at=at)
    Release.objects.filter(pk=release.pk).update(published_at=at, created_at=at - timedelta(minutes=40))
    IncidentEvent.objects.filter(
        incident=release.incident, verb="release_published", note__startswith=f"第 {release.number} "
    ).update(at=at)


def _register(actor, *, seen: datetime, **fields) -> Incident:
    incident = services.register_incident(
        actor=actor, first_seen_at=timezone.now() - timedelta(hours=1), **fields
    )
    Incident.objects.filter(pk=incident.pk).update(
        first_seen_at=seen, created_at=seen + timedelta(minutes=15)
    )
    IncidentEvent.objects.filter(incident=incident, verb="registered").update(at=seen + timedelta(minutes=15))
    incident.refresh_from_db()
    return incident


def _close(incident, *, actor, summary, at):
    services.close_incident(actor=actor, incident=incident, summary=summary)
    Incident.objects.filter(pk=incident.pk).update(closed_at=at)
    IncidentEvent.objects.filter(incident=incident, verb="closed").update(at=at)


def load_incidents(*, agency, users, stdout=None):
    if Incident.objects.filter(agency=agency).exists():
        return
    spokes, approver = users["fayanren"], users["lingdao"]

    serious = _register(
        spokes,
        seen=datetime(2026, 11, 10, 9, 20, tzinfo=SH),
        title="网传“我市2025年地区生产总值数据造假”",
        source="weibo",
        link="https://weibo.example.com/status/demo-1",
        summary="某微博账号发文称我市2025年地区生产总值数据“注水”，两小时内转发逾万次，多家自媒体跟进。",
        topic="统计数据质量",
        severity="major",
        severity_reason="涉及统计数据真实性，传播速度快、范围广，可能影响政府公信力（演示）。",
        leader=approver,
    )
    first = services.draft_release(
        actor=spokes,
        incident=serious,
        title="市统计局关于网传“2025年地区生产总值数据造假”的情况说明",
        body=(
            "近日，有网络账号发文称我市2025年地区生产总值数据造假。经核查，有关说法与事实不符。\n"
            "我市地区生产总值由国家统计局统一核算、联审后发布，核算方法和基础数据来源公开透明。"
            "市统计局将依法依规对有关情况作进一步说明，欢迎社会各界监督。"
        ),
    )
    _publish_at(first, actor=spokes, approver=approver, at=datetime(2026, 11, 10, 11, 45, tzinfo=SH))
    services.record_press_conference(
        actor=spokes,
        incident=serious,
        held_at=datetime(2026, 11, 10, 16, 0, tzinfo=SH),
        note="市统计局新闻发布会：介绍地区生产总值核算制度并回答记者提问。",
    )
    _close(
        serious,
        actor=spokes,
        summary="5小时内发布情况说明，24小时内召开新闻发布会，舆情平稳回落。",
        at=datetime(2026, 11, 12, 10, 0, tzinfo=SH),
    )

    ordinary = _register(
        spokes,
        seen=datetime(2026, 11, 20, 17, 0, tzinfo=SH),
        title="网民反映“经济普查入户人员身份无法核实”",
        source="message",
        summary="网民在网站留言称有自称普查员者上门，无法核实身份，担心信息泄露。",
        topic="第五次全国经济普查",
        severity="general",
        severity_reason="涉及群众切身利益，需及时回应并公布核验方式（演示）。",
    )
    reply = services.draft_release(
        actor=spokes,
        incident=ordinary,
        title="关于经济普查入户人员身份核验方式的回应",
        body="普查员入户时须佩戴普查员证。如有疑问，可拨打0591-00000000（演示号码）核实。",
    )
    _publish_at(reply, actor=spokes, approver=approver, at=datetime(2026, 11, 22, 19, 30, tzinfo=SH))
    reply.refresh_from_db()
    correction = services.draft_release(
        actor=spokes,
        incident=ordinary,
        title="关于经济普查入户人员身份核验方式的回应（更正）",
        body="普查员入户时须佩戴普查员证并出示普查员证件号码，可通过市统计局网站“普查员查询”核实。",
        supersedes=reply,
        correction_reason="原回应未写明网上核验途径。",
    )
    _publish_at(correction, actor=spokes, approver=approver, at=datetime(2026, 11, 23, 9, 0, tzinfo=SH))
    _close(
        ordinary,
        actor=spokes,
        summary="回应超出48小时时限约2.5小时：周末值班未及时转交，已调整值班安排。",
        at=datetime(2026, 11, 24, 17, 0, tzinfo=SH),
    )

    services.register_incident(
        actor=spokes,
        title="网民质疑“居民人均可支配收入与实际感受不符”",
        source="forum",
        first_seen_at=timezone.now() - timedelta(hours=6),
        summary="本地论坛有帖子质疑居民收入统计数据，跟帖较多。",
        topic="居民收入",
        severity="general",
        severity_reason="涉及统计数据解读，需在48小时内回应（演示）。",
    )
    if stdout:
        stdout.write("政务舆情：3 起（2 起已结束，1 起处置中）。")
