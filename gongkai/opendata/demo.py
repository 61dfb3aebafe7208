"""Demo statistics: Fuzhou's 2010 and 2020 census by district, national GDP/population/prices 1978-2014,
monthly CPI/PPI 2024-25 and NBS query data, each with its real source (data/PROVENANCE.md), and a
release calendar with one release still under embargo. Idempotent."""

from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.models import Department
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

from . import importers, services
from .models import DataResource, Dataset, OpenType, Release, SurveyProject

DATA = Path(__file__).parent / "data"


def _at(year, month, day, hour=9, minute=30):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def _release(agency, users, *, title, at, press="", interpretation="", department=None):
    existing = Release.objects.filter(agency=agency, title=title).first()
    if existing:
        return existing, False
    release = services.create_release(
        actor=SYSTEM,
        agency=agency,
        title=title,
        scheduled_at=at,
        press_release=press,
        interpretation=interpretation,
        confirmed=True,
        department=department,
    )
    return release, True


# (period, label, release day and time): the NBS publication days of these periods (CPI/PPI around the
# 9th of the next month at 9:30, GDP in the third week after the quarter at 10:00).
MONTHLY_RELEASES = [
    ("2024-07", "2024年7月", (2024, 8, 9)),
    ("2024-08", "2024年8月", (2024, 9, 9)),
    ("2024-09", "2024年9月", (2024, 10, 13)),
    ("2024-10", "2024年10月", (2024, 11, 9)),
    ("2024-11", "2024年11月", (2024, 12, 9)),
    ("2024-12", "2024年12月", (2025, 1, 9)),
    ("2025-01", "2025年1月", (2025, 2, 9)),
    ("2025-02", "2025年2月", (2025, 3, 9)),
    ("2025-03", "2025年3月", (2025, 4, 10)),
    ("2025-04", "2025年4月", (2025, 5, 10)),
    ("2025-05", "2025年5月", (2025, 6, 9)),
    ("2025-06", "2025年6月", (2025, 7, 9)),
    ("2025-07", "2025年7月", (2025, 8, 9)),
]
QUARTERLY_RELEASES = [
    ("2018-Q1", "2018年第一季度", (2018, 4, 17, 10, 0)),
    ("2018-Q2", "2018年第二季度", (2018, 7, 16, 10, 0)),
    ("2018-Q3", "2018年第三季度", (2018, 10, 19, 10, 0)),
    ("2018-Q4", "2018年第四季度", (2019, 1, 21, 10, 0)),
    ("2019-Q1", "2019年第一季度", (2019, 4, 17, 10, 0)),
    ("2019-Q2", "2019年第二季度", (2019, 7, 15, 10, 0)),
]


def _series_releases(agency, users, *, kind, path, schedule, title, press, department) -> list:
    """One release per period of a real series; each publishes the data up to its period (a new
    version of the dataset with the new period's cells)."""
    from dataclasses import replace

    parsed = importers.parse_path(kind, path)
    releases = []
    for period, label, when in schedule:
        release, _ = _release(
            agency,
            users,
            title=title.format(label=label),
            at=_at(*when),
            press=press.format(label=label),
            department=department,
        )
        upto = [replace(p, cells=[c for c in p.cells if c.period <= period]) for p in parsed]
        services.write_parsed(upto, actor=SYSTEM, agency=agency, release=release, note=f"{label}数据")
        releases.append(release)
    return releases


def _publish(release, users):
    """Through the real publication workflow: 承办人 → 保密审查 → 分管领导 (scheduled when in the future)."""
    if workflow_for(release) is not None:
        return
    workflow = publishing.start_workflow(actor=users["chengban"], obj=release)
    publishing.submit(actor=users["chengban"], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow)
    future = release.scheduled_at > timezone.now()
    publishing.approve(
        actor=users["lingdao"], workflow=workflow, publish_at=release.scheduled_at if future else None
    )


def _import(agency, kind, path, release, note=""):
    return importers.run_import(kind, path, actor=SYSTEM, agency=agency, release=release, note=note)


def load_opendata(*, agency, users, stdout=None):
    if Dataset.objects.filter(agency=agency, code="census-fujian").exists():
        return
    general = Department.objects.filter(agency=agency, code="general").first()
    census_dept = Department.objects.filter(agency=agency, code="census").first() or general
    census_2010, _ = _release(
        agency,
        users,
        title="福建省第六次全国人口普查主要数据（分县）",
        at=_at(2011, 5, 10, 10, 0),
        department=general,
        press="2010年第六次全国人口普查福建省分县（市、区）主要数据。数据来源：国家统计局、福建省统计局人口普查资料。",
    )
    list(
        _import(
            agency,
            "census",
            DATA / "census_county_2010_fujian.csv",
            census_2010,
            "第六次全国人口普查（2010年）",
        )
    )
    census_2020, _ = _release(
        agency,
        users,
        title="福建省第七次全国人口普查主要数据（分县）",
        at=_at(2021, 5, 20, 10, 0),
        department=general,
        press="2020年第七次全国人口普查福建省分县（市、区）主要数据。福州市常住人口 8291268 人。",
        interpretation="与2010年相比，福州市常住人口增加 1175899 人，城镇人口比重提高。",
    )
    list(
        _import(
            agency,
            "census",
            DATA / "census_county_2020_fujian.csv",
            census_2020,
            "第七次全国人口普查（2020年）",
        )
    )
    annual, _ = _release(
        agency,
        users,
        title="全国国民经济主要指标年度数据（1978—2014年）",
        at=_at(2015, 2, 26),
        department=general,
        press="国家统计局年度数据：国内生产总值、三次产业构成、总人口、价格指数。",
    )
    list(_import(agency, "nbs_annual", DATA / "nbs_annual", annual))
    # A statistics bureau's rhythm (issue 11 item 30): one release a month for prices, one a quarter for
    # GDP, each publishing the newest period of the real series (the earlier ones stay as published).
    monthly = _series_releases(
        agency,
        users,
        kind="cpi_ppi",
        path=DATA / "nbs_monthly" / "cpi_ppi_monthly_2024-07_2025-07.csv",
        schedule=MONTHLY_RELEASES,
        title="{label}全国居民消费价格和工业生产者出厂价格",
        press="国家统计局发布{label}全国居民消费价格指数（分类别）和工业生产者出厂价格指数。",
        department=general,
    )
    quarterly = _series_releases(
        agency,
        users,
        kind="easyquery",
        path=DATA / "nbs_easyquery" / "LAST_12_QUARTER_GDP_Y2Y.json",
        schedule=QUARTERLY_RELEASES,
        title="{label}全国国内生产总值指数",
        press="国家统计局季度数据：{label}国内生产总值指数（上年同期=100）。",
        department=general,
    )
    # One release still under embargo (统计法实施条例 Art. 28): visible in the calendar, its content is not.
    embargoed, _ = _release(
        agency,
        users,
        title="全国居民消费价格同比指数（2018年9月—2019年9月）（演示：禁发期内）",
        at=(timezone.localtime() + timedelta(days=14)).replace(hour=9, minute=30, second=0, microsecond=0),
        department=general,
        press="（禁发期内：发布时间到达前对外不可见。）",
    )
    list(_import(agency, "easyquery", DATA / "nbs_easyquery" / "LAST_13_MONTH_CPI_Y2Y.json", embargoed))
    for release in (census_2010, census_2020, annual, *monthly, *quarterly, embargoed):
        _publish(release, users)
    _census_bulletin(agency, users)
    # The catalogue: department, contact and open types.
    DataResource.objects.filter(agency=agency).update(
        department=census_dept, contact="0591-00000000（演示号码）"
    )
    DataResource.objects.filter(agency=agency, code="nbs-eq-last-12-quarter-gdp-y2y").update(
        open_type=OpenType.CONDITIONAL,
        conditions="（演示）仅用于申请中说明的研究用途；不得转售；引用时注明“国家统计局”。",
    )
    services.save_resource(
        actor=SYSTEM,
        agency=agency,
        code="census-microdata",
        title="人口普查个人记录（微观数据）",
        topic="census",
        open_type=OpenType.NOT_OPEN,
        department=census_dept,
        contact="0591-00000000（演示号码）",
        not_open_reason="含调查对象个人信息，依照《统计法》第二十八条、第三十九条不予开放；汇总数据见统计数据库。",
        update_frequency="普查年份",
        formats="—",
        licence="—",
    )
    for name, kind, number, content in (
        (
            "福州市人口变动情况抽样调查（演示）",
            SurveyProject.Kind.FILED,
            "（演示）闽统备〔2024〕1号",
            "常住人口、出生、死亡、迁移等人口变动情况。",
        ),
        (
            "福州市住户收支与生活状况调查（演示）",
            SurveyProject.Kind.APPROVED,
            "（演示）国统制〔2024〕1号",
            "居民收入、消费支出、住房和耐用消费品拥有情况。",
        ),
    ):
        if not SurveyProject.objects.filter(agency=agency, name=name).exists():
            services.save_survey_project(
                actor=SYSTEM,
                agency=agency,
                name=name,
                kind=kind,
                approval_number=number,
                approving_authority="福建省统计局（演示）",
                organiser="福州市统计局",
                content=content,
                respondents="抽中的住户及其成员",
                frequency="年度",
                method="抽样调查",
                organisation="市、县（区）统计机构组织实施",
                publication="汇总数据通过本网站统计数据库和统计公报公布",
            )
    if stdout:
        count = Dataset.objects.filter(agency=agency).count()
        releases = Release.objects.filter(agency=agency).count()
        stdout.write(f"统计数据：{releases} 次发布（月度、季度、年度，1 次在禁发期内）、数据集 {count} 个\n")


def _census_bulletin(agency, users):
    """The flagship 统计公报 of the demo, computed from the real census tables (demo_bulletin), published
    through the real workflow and dated the day of the census release."""
    from gongkai.catalogue import demo as catalogue_demo
    from gongkai.catalogue import services as catalogue
    from gongkai.catalogue.models import CatalogueNode, ItemRevision

    from . import demo_bulletin

    if ItemRevision.objects.filter(item__agency=agency, title=demo_bulletin.TITLE).exists():
        return
    item = catalogue.create_item(
        actor=users["chengban"],
        title=demo_bulletin.TITLE,
        summary=demo_bulletin.SUMMARY,
        category="result",
        node=CatalogueNode.objects.filter(agency=agency, code="data-census").first(),
        topic="综合政务\\统计",
        written_on=demo_bulletin.PUBLISHED_ON,
        body=demo_bulletin.bulletin_html(),
    )
    revision = item.revisions.get()
    catalogue_demo._publish(revision, users)
    catalogue_demo.date_truly(revision, demo_bulletin.PUBLISHED_ON)
