"""Demo statistics: Fuzhou's 2010 and 2020 census by district, national GDP/population/prices 1978-2014,
monthly CPI/PPI 2024-25 and NBS query data, each with its real source (data/PROVENANCE.md), and a
release calendar with one release still under embargo. Idempotent."""

from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

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
        actor=None,
        agency=agency,
        title=title,
        scheduled_at=at,
        press_release=press,
        interpretation=interpretation,
        confirmed=True,
        department=department,
    )
    return release, True


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
    return importers.run_import(kind, path, actor=None, agency=agency, release=release, note=note)


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
    monthly, _ = _release(
        agency,
        users,
        title="2025年7月全国居民消费价格和工业生产者出厂价格",
        at=_at(2025, 8, 9),
        department=general,
        press="国家统计局发布2024年7月至2025年7月全国居民消费价格指数（分类别）和工业生产者出厂价格指数。",
        interpretation="数据解读：详见国家统计局同期发布的解读文章。",
    )
    list(_import(agency, "cpi_ppi", DATA / "nbs_monthly" / "cpi_ppi_monthly_2024-07_2025-07.csv", monthly))
    quarterly, _ = _release(
        agency,
        users,
        title="2019年第三季度全国国内生产总值指数",
        at=_at(2019, 10, 18, 10, 0),
        department=general,
        press="国家统计局季度数据：国内生产总值指数（上年同期=100）。",
    )
    list(_import(agency, "easyquery", DATA / "nbs_easyquery" / "LAST_12_QUARTER_GDP_Y2Y.json", quarterly))
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
    for release in (census_2010, census_2020, annual, monthly, quarterly, embargoed):
        _publish(release, users)
    # The catalogue: department, contact and open types.
    DataResource.objects.filter(agency=agency).update(
        department=census_dept, contact="0591-00000000（演示号码）"
    )
    DataResource.objects.filter(agency=agency, code="nbs-eq-last-12-quarter-gdp-y2y").update(
        open_type=OpenType.CONDITIONAL,
        conditions="（演示）仅用于申请中说明的研究用途；不得转售；引用时注明“国家统计局”。",
    )
    services.save_resource(
        actor=None,
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
                actor=None,
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
        stdout.write(f"统计数据：6 次发布（1 次在禁发期内）、数据集 {count} 个\n")
