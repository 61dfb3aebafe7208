"""Issue 11 item 30: the demo is complete and dated truly. Items carry their own publication day (not
the day the demo was loaded), the flagship 统计公报 is a full text built from the real census tables,
the home page's 年报 entry opens the report, the release calendar has the monthly and quarterly rhythm
of the real series, consultation comments fall inside their window, and 邵武巿 reads 邵武市."""

import pytest
from django.test import Client
from django.utils import timezone


@pytest.fixture
def client(demo):
    """A visitor's client on the real demo (conftest's `demo`, loaded once per test process)."""
    return Client()


def check_catalogue_items_carry_their_own_publication_day(client):
    from gongkai.catalogue.models import ItemRevision

    today = timezone.localdate()
    own = ItemRevision.objects.filter(item__source="own").exclude(published_at=None)
    loaded_today = [r.title for r in own if timezone.localdate(r.published_at) == today]
    assert loaded_today == []
    assert own.count() >= 10


def check_no_home_page_entry_shows_the_load_day_except_the_live_interaction(client):
    html = client.get("/").content.decode()
    news = html.split("最新发布")[1].split("互动交流")[0]
    assert timezone.localdate().isoformat() not in news


def check_the_flagship_bulletin_is_a_full_text_from_the_real_census(client):
    from gongkai.catalogue.models import ItemRevision
    from gongkai.opendata import demo_bulletin

    revision = ItemRevision.objects.get(title=demo_bulletin.TITLE)
    assert timezone.localdate(revision.published_at) == demo_bulletin.PUBLISHED_ON
    page = client.get(f"/xxgk/items/{revision.item.slug}/").content.decode()
    assert "全市常住人口为8291268人" in page  # the official 7th-census figure for Fuzhou
    assert "十年共增加1175899人，增长16.53%" in page
    assert page.count("<h2>") >= 7 and "各县（市、区）常住人口" in page
    assert 'role="region" tabindex="0"' in page or 'tabindex="0" role="region"' in page


def check_the_home_page_annual_report_entry_lands_on_the_report(client):
    html = client.get("/").content.decode()
    assert '<a href="/xxgk/ndbg/2025/">福州市统计局2025年政府信息公开工作年度报告</a>' in html
    report = client.get("/xxgk/ndbg/2025/")
    assert report.status_code == 200 and "三、收到和处理政府信息公开申请情况" in report.content.decode()
    from gongkai.annual_reports.models import AnnualReport

    published = timezone.localdate(AnnualReport.objects.get(year=2025).published_at)
    assert published.year == 2026 and (published.month, published.day) <= (1, 31)  # 条例 Art. 49


def check_the_release_calendar_has_a_monthly_and_quarterly_rhythm(client):
    from gongkai.opendata.models import Release

    titles = list(Release.objects.values_list("title", flat=True))
    monthly = [t for t in titles if t.endswith("月全国居民消费价格和工业生产者出厂价格")]
    quarterly = [t for t in titles if t.endswith("季度全国国内生产总值指数")]
    assert len(monthly) == 13 and len(quarterly) == 6
    months_2025 = {
        timezone.localtime(r.scheduled_at).month
        for r in Release.objects.filter(title__in=monthly, scheduled_at__year=2025)
    }
    assert months_2025 == set(range(1, 9))
    page = client.get("/sjfb/calendar/?year=2025").content.decode()
    assert page.count("全国居民消费价格和工业生产者出厂价格") == 8
    nav = page.split('class="year-nav"')[1].split("</nav>")[0]
    assert "2012年" not in nav and "2019年" in nav  # only years with releases


def check_each_release_publishes_its_own_period(client):
    from gongkai.opendata.models import DatasetVersion

    versions = DatasetVersion.objects.filter(dataset__code="nbs-cpi-ppi-monthly").order_by("number")
    assert [v.release.title for v in versions][:2] == [
        "2024年7月全国居民消费价格和工业生产者出厂价格",
        "2024年8月全国居民消费价格和工业生产者出厂价格",
    ]
    assert versions.count() == 13


def check_consultation_comments_are_dated_inside_their_window(client):
    from gongkai.consultations.models import Comment

    comments = list(Comment.objects.select_related("consultation"))
    assert comments
    outside = [
        c.pk for c in comments if not c.consultation.opens_at <= c.submitted_at <= c.consultation.closes_at
    ]
    assert outside == []


def check_shaowu_is_spelt_with_the_city_character(client):
    from gongkai.opendata.models import Code

    assert Code.objects.filter(name="邵武市").exists()
    assert not Code.objects.filter(name__contains="\u5dff").exists()


CHECKS = [
    check_catalogue_items_carry_their_own_publication_day,
    check_no_home_page_entry_shows_the_load_day_except_the_live_interaction,
    check_the_flagship_bulletin_is_a_full_text_from_the_real_census,
    check_the_home_page_annual_report_entry_lands_on_the_report,
    check_the_release_calendar_has_a_monthly_and_quarterly_rhythm,
    check_each_release_publishes_its_own_period,
    check_consultation_comments_are_dated_inside_their_window,
    check_shaowu_is_spelt_with_the_city_character,
]


def test_the_demo_is_complete_and_dated_truly(client):
    failures = []
    for one in CHECKS:
        try:
            one(client)
        except AssertionError as exc:
            failures.append(f"{one.__name__}: {exc}")
    assert failures == []
