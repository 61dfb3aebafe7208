"""Demo: the self-inspection of the last complete year, half done.

Withheld catalogue items of that year and a draft stopped by the negative list are made through the
services and then dated into the year (as the catalogue demo dates its publications), because the
services stamp "now". The campaign then lists them with the year's refusals of the FOI demo; a few are
decided — one withheld item turned proactive and published through the workflow, two kept with their
article — and two negative-list matters reviewed. The rest is left for the visitor to decide."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from gongkai.catalogue import services as catalogue_services
from gongkai.catalogue.demo import date_truly
from gongkai.catalogue.models import ItemRevision
from gongkai.confidentiality.models import ScanReport
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

from . import services
from .models import Campaign

SH = ZoneInfo("Asia/Shanghai")
WITHHELD = [
    # (title, disclosure mode, withheld reason, month, day)
    ("统计执法检查年度工作方案（内部工作流程）", "withheld", "内部工作流程信息（条例第十六条第一款）", 3, 5),
    ("规模以上工业企业联网直报企业名单", "on_request", "", 4, 18),
    ("局机关干部年度考核结果", "withheld", "人事管理信息（条例第十六条第一款）", 12, 20),
]
BLOCKED_TITLE = "全市规模以上工业企业调查对象名录"


def _dated(year, month, day):
    return datetime(year, month, day, 10, tzinfo=SH)


def load_self_inspection(*, agency, users, stdout=None) -> None:
    year = timezone.localdate().year - 1
    if Campaign.objects.filter(agency=agency, year=year).exists():
        return
    office, reviewer, approver = users["gongkaiban"], users["baomi"], users["lingdao"]
    drafts = {}
    for title, mode, reason, month, day in WITHHELD:
        item = catalogue_services.create_item(
            actor=office,
            title=title,
            disclosure_mode=mode,
            withheld_reason=reason,
            summary=f"{year}年度{title}。",
        )
        revision = item.revisions.get(number=1)
        ItemRevision.objects.filter(pk=revision.pk).update(created_at=_dated(year, month, day))
        drafts[title] = revision
    # A draft that hit the negative list at submission and was returned by the reviewer.
    item = catalogue_services.create_item(
        actor=office, title=BLOCKED_TITLE, body="<p>附件：统计调查对象名录（含企业名称、地址、联系人）。</p>"
    )
    blocked = item.revisions.get(number=1)
    publishing.submit(actor=office, workflow=workflow_for(blocked))
    publishing.return_to_draft(
        actor=reviewer, workflow=workflow_for(blocked), reason="命中负面清单“统计调查对象名录”，不予公开。"
    )
    ScanReport.objects.filter(
        subject_type=ContentType.objects.get_for_model(ItemRevision), subject_id=str(blocked.pk)
    ).update(created_at=_dated(year, 9, 1))

    campaign = services.create_campaign(actor=office, agency=agency, year=year)
    entries = {e.title: e for e in campaign.entries.all()}
    published = services.decide_entry(
        actor=office,
        entry=entries["规模以上工业企业联网直报企业名单"],
        decision="publish",
        reason="企业名单不涉及调查对象的具体数据，依申请较多，转为主动公开。",
    )
    workflow = workflow_for(published.revision)
    publishing.submit(actor=office, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow_for(published.revision))
    publishing.approve(actor=approver, workflow=workflow_for(published.revision))
    # The self-inspection is done early in the next year: the item carries that day, not the load day.
    date_truly(published.revision, date(year + 1, 1, 20))
    services.decide_entry(
        actor=office,
        entry=entries["局机关干部年度考核结果"],
        decision="keep_withheld",
        article="art16_1",
        reason="属于人事管理方面的内部事务信息。",
    )
    services.decide_entry(
        actor=office,
        entry=entries[BLOCKED_TITLE],
        decision="keep_withheld",
        article="art14",
        reason="名录可识别单个统计调查对象，依《统计法》不得对外提供。",
    )
    for review in campaign.negative_reviews.order_by("id")[:2]:
        services.review_negative_entry(
            actor=office, review=review, outcome="keep", reason="仍有法律依据，继续列入负面清单。"
        )
    if stdout:
        stdout.write(
            f"年度自查：{year} 年度，{campaign.entries.count()} 项信息，已决定 "
            f"{campaign.entries.exclude(decision='').count()} 项（1 项已转为主动公开并发布）。"
        )
