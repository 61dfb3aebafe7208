"""Website self-inspection (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》): each rule at its threshold,
with the clock passed in as `now` (no sleeps)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.roles import Role
from gongkai.assessment import indicators, rules
from gongkai.assessment.models import InspectionRun, Trigger, Verdict
from gongkai.assessment.services import run_daily, run_inspection
from gongkai.catalogue.models import CatalogueNode, InformationItem, ItemRevision, RevisionStatus
from gongkai.core.errors import PermissionDenied
from gongkai.notifications.models import DigestEntry
from gongkai.outbox.models import OutboxMessage
from gongkai.public_messages.models import Message

NOW = datetime(2026, 6, 30, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _node(agency, name, code, parent=None):
    return CatalogueNode.objects.create(agency=agency, name=name, code=code, parent=parent)


def _publish(agency, node, at, title="信息"):
    n = ItemRevision.objects.count() + 1
    item = InformationItem.objects.create(agency=agency, slug=f"item-{n}", index_number=f"IDX-{n}")
    return ItemRevision.objects.create(
        item=item,
        number=1,
        status=RevisionStatus.PUBLISHED,
        title=f"{title}{n}",
        issuer="福州市统计局",
        published_at=at,
        node=node,
    )


def _message(agency, received_at, due_on, state="assigned"):
    return Message.objects.create(
        agency=agency,
        category="consult",
        subject="咨询统计数据",
        body="内容",
        state=state,
        received_at=received_at,
        warn_on=due_on,
        due_on=due_on,
    )


# ------------------------------------------------------------ pure rules


def test_home_page_fails_after_two_weeks_and_warns_after_ten_days():
    """网站不更新：首页栏目信息超过 2 周未更新（单项否决）."""
    assert (
        rules.home_verdict(NOW - timedelta(days=14), NOW) == Verdict.WARNING
    )  # exactly 2 weeks: not yet over
    assert rules.home_verdict(NOW - timedelta(days=14, seconds=1), NOW) == Verdict.FAIL
    assert rules.home_verdict(NOW - timedelta(days=10), NOW) == Verdict.PASS
    assert rules.home_verdict(NOW - timedelta(days=10, seconds=1), NOW) == Verdict.WARNING
    assert rules.home_verdict(None, NOW) == Verdict.FAIL


def test_six_and_three_calendar_months():
    assert rules.months_before(NOW, 6) == NOW.replace(month=12, year=2025)
    assert rules.months_before(datetime(2026, 8, 31, tzinfo=ZoneInfo("UTC")), 6).date() == date(2026, 2, 28)
    assert rules.months_before(NOW, 3).date() == date(2026, 3, 30)


@pytest.mark.parametrize(
    ("count", "fail_at", "verdict"),
    [
        (0, 5, "pass"),
        (1, 5, "warning"),
        (4, 5, "warning"),
        (5, 5, "fail"),
        (9, 10, "warning"),
        (10, 10, "fail"),
    ],
)
def test_column_counts_fail_at_five_and_ten(count, fail_at, verdict):
    """栏目不更新 ≥ 5、空白栏目 ≥ 5、长期未更新 ≥ 10 为不合格."""
    assert rules.by_count(count, fail_at=fail_at) == verdict


def test_column_kinds_from_their_names():
    assert rules.column_kind("工作动态") == rules.ColumnKind.DYNAMIC
    assert rules.column_kind("通知公告") == rules.ColumnKind.NOTICE_POLICY
    assert rules.column_kind("机构职能") == rules.ColumnKind.OTHER


# ------------------------------------------------------------ indicators over records


@pytest.mark.django_db
def test_dynamic_columns_stale_after_two_weeks_and_five_of_them_fail(agency):
    nodes = [_node(agency, f"工作动态{i}", f"news-{i}") for i in range(5)]
    for node in nodes:
        _publish(agency, node, NOW - timedelta(days=14))
    outcome = indicators.stale_columns(agency, NOW, indicators.columns(agency, NOW))
    assert (outcome.verdict, outcome.measured) == (Verdict.PASS, 0)  # exactly 14 days: not over 2 weeks
    later = NOW + timedelta(seconds=1)
    outcome = indicators.stale_columns(agency, later, indicators.columns(agency, later))
    assert (outcome.verdict, outcome.measured) == (Verdict.FAIL, 5)
    assert {e["label"] for e in outcome.evidence} == {f"政府信息公开目录 › 工作动态{i}" for i in range(5)}
    _publish(agency, nodes[0], later)  # one column updated: four remain stale, a warning
    outcome = indicators.stale_columns(agency, later, indicators.columns(agency, later))
    assert (outcome.verdict, outcome.measured) == (Verdict.WARNING, 4)


@pytest.mark.django_db
def test_notice_and_policy_columns_stale_after_six_months(agency):
    node = _node(agency, "通知公告", "notices")
    _publish(agency, node, rules.months_before(NOW, 6))
    cols = indicators.columns(agency, NOW)
    assert indicators.stale_columns(agency, NOW, cols).measured == 0
    later = NOW + timedelta(minutes=1)
    assert indicators.stale_columns(agency, later, indicators.columns(agency, later)).measured == 1


@pytest.mark.django_db
def test_ten_long_stale_columns_fail(agency):
    for i in range(10):
        _publish(agency, _node(agency, f"机构信息{i}", f"org-{i}"), NOW - timedelta(days=365))
    outcome = indicators.long_stale_columns(agency, NOW, indicators.columns(agency, NOW))
    assert outcome.verdict == Verdict.PASS
    later = NOW + timedelta(seconds=1)
    outcome = indicators.long_stale_columns(agency, later, indicators.columns(agency, later))
    assert (outcome.verdict, outcome.measured) == (Verdict.FAIL, 10)


@pytest.mark.django_db
def test_five_empty_columns_fail_and_parents_are_not_columns(agency):
    parent = _node(agency, "机构", "org")
    for i in range(4):
        _node(agency, f"空栏目{i}", f"empty-{i}", parent=parent)
    _publish(agency, _node(agency, "政策文件", "policy"), NOW)
    # 4 empty leaves + the 政策解读 column without interpretations + the shown, empty 上级文件 (ADR 0050) = 6
    outcome = indicators.empty_columns(agency, NOW, indicators.columns(agency, NOW))
    assert (outcome.verdict, outcome.measured) == (Verdict.FAIL, 6)
    assert "上级文件" in {e["label"] for e in outcome.evidence}
    assert "政府信息公开目录 › 机构" not in {e["label"] for e in outcome.evidence}


@pytest.mark.django_db
def test_messages_unanswered_for_more_than_three_months_fail(agency):
    """互动回应差：超过 3 个月对网民留言不回应."""
    cutoff = rules.months_before(NOW, 3)
    message = _message(agency, cutoff, date(2026, 4, 20))
    outcome = indicators.unanswered_messages(agency, NOW)
    assert (outcome.verdict, outcome.measured) == (Verdict.WARNING, 0)  # past its due date, not yet 3 months
    outcome = indicators.unanswered_messages(agency, NOW + timedelta(seconds=1))
    assert (outcome.verdict, outcome.measured) == (Verdict.FAIL, 1)
    assert outcome.evidence[0]["url"] == f"/office/messages/{message.pk}/"
    Message.objects.filter(pk=message.pk).update(state="replied", reply="已答复", replied_at=NOW)
    assert indicators.unanswered_messages(agency, NOW + timedelta(seconds=1)).verdict == Verdict.PASS


@pytest.mark.django_db
def test_home_page_reads_the_newest_public_record(agency):
    node = _node(agency, "工作动态", "news")
    _publish(agency, node, NOW - timedelta(days=15))
    assert indicators.home_page(agency, NOW).verdict == Verdict.FAIL
    _publish(agency, node, NOW - timedelta(days=1))
    outcome = indicators.home_page(agency, NOW)
    assert (outcome.verdict, outcome.measured) == (Verdict.PASS, 1)
    _publish(agency, node, NOW + timedelta(days=1))  # scheduled for tomorrow: not on the home page yet
    assert indicators.home_page(agency, NOW).measured == 1


# ------------------------------------------------------------ the crawler


@pytest.mark.django_db
def test_crawler_walks_the_real_site_within_its_bound_and_sees_withdrawn_items(agency):
    from gongkai.assessment.crawler import crawl

    node = _node(agency, "工作动态", "news")
    _publish(agency, node, NOW - timedelta(days=1), title="在线信息")
    withdrawn = _publish(agency, node, NOW - timedelta(days=2), title="已撤回")
    ItemRevision.objects.filter(pk=withdrawn.pk).update(
        status=RevisionStatus.WITHDRAWN, withdrawal_reason="内容有误"
    )
    report = crawl(max_pages=300)
    assert report.pages > 5 and not report.errors and not report.truncated
    assert crawl(max_pages=3).pages == 3 and crawl(max_pages=3).truncated
    gone = f"/xxgk/items/{withdrawn.item.slug}/"
    assert crawl(gone).withdrawn == [(gone, "")]  # the catalogue answers 410 for a withdrawn item


@pytest.mark.django_db
def test_crawler_reports_404_410_and_server_errors(agency, monkeypatch):
    from gongkai.assessment import crawler

    pages = {
        "/": (
            200,
            '<a href="/a/">a</a><a href="/gone/">g</a><a href="/boom/">b</a><a href="https://x.org/">x</a>',
        ),
        "/a/": (200, '<a href="/missing/">m</a><a href="mailto:x@y">m</a>'),
    }

    class FakeResponse(dict):
        def __init__(self, status, body=""):
            super().__init__({"Content-Type": "text/html; charset=utf-8"})
            self.status_code, self.content, self.charset = status, body.encode(), "utf-8"

    class FakeClient:
        def __init__(self, **kwargs):
            pass

        def get(self, path, secure=True):
            if path == "/boom/":
                raise RuntimeError("boom")
            if path == "/gone/":
                return FakeResponse(410)
            return FakeResponse(*pages[path]) if path in pages else FakeResponse(404)

    monkeypatch.setattr(crawler, "Client", FakeClient)
    report = crawler.crawl()
    assert report.broken == [("/missing/", "/a/")]
    assert report.withdrawn == [("/gone/", "/")]
    assert report.errors == [("/boom/", "RuntimeError")]
    assert report.pages == 5


# ------------------------------------------------------------ runs, notifications, the job


@pytest.mark.django_db
def test_a_run_stores_every_indicator_and_notifies_the_openness_office(agency, make_user):
    office = make_user(Role.OPENNESS_OFFICE, username="gongkaiban", email="gkb@example.com")
    run = run_inspection(actor=office, agency=agency, now=NOW, max_pages=20)
    codes = list(run.results.values_list("code", flat=True))
    assert codes == [
        "home_page",
        "stale_columns",
        "long_stale_columns",
        "empty_columns",
        "unanswered_messages",
        "broken_links",
        "server_errors",
        "newmedia_stale",
        "accessibility",
    ]
    home = run.results.get(code="home_page")
    assert home.verdict == Verdict.FAIL and "国办秘函〔2019〕19号" in home.source
    assert run.verdict == Verdict.FAIL and run.fail_count >= 1 and run.pages_crawled <= 20
    assert run.results.get(code="accessibility").verdict == Verdict.NOT_AVAILABLE
    sent = (
        OutboxMessage.objects.filter(kind="assessment.inspection").count()
        + DigestEntry.objects.filter(kind="assessment.inspection").count()
    )
    assert sent == 1


@pytest.mark.django_db
def test_only_the_openness_office_starts_a_run(agency, make_user):
    supervisor = make_user(Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        run_inspection(actor=supervisor, agency=agency, now=NOW)
    assert not InspectionRun.objects.exists()


@pytest.mark.django_db
def test_the_daily_job_runs_once_a_day(agency):
    assert run_daily(NOW) == 1
    assert run_daily(NOW + timedelta(hours=1)) == 0
    assert run_daily(NOW + timedelta(days=1)) == 1
    assert InspectionRun.objects.filter(trigger=Trigger.SCHEDULED).count() == 2
