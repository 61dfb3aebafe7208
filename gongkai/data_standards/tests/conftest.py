"""A small statistics catalogue: one public census cube (with a missing and a suppressed cell), a revision
and a second dataset under embargo, a conditional dataset, and a catalogue-only 不予开放 entry.

Figures are the shape of 福州市 census data by district; the tests assert on them exactly.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone

from gongkai.accounts.factories import UserFactory
from gongkai.accounts.roles import Role
from gongkai.opendata.models import (
    AccessApplication,
    Code,
    Codelist,
    DataResource,
    Dataset,
    DatasetVersion,
    Dimension,
    Frequency,
    Indicator,
    Observation,
    ObservationStatus,
    OpenType,
    Release,
    Series,
    Topic,
)
from gongkai.publishing.models import Workflow
from gongkai.publishing.states import State

AREAS = [("350102", "鼓楼区"), ("350103", "台江区"), ("350104", "仓山区")]
# (indicator, area, period) → (value, respondents); None value = 缺失 (missing, not zero)
CENSUS = {
    ("POP", "350102", "2010"): ("68.71", None),
    ("POP", "350103", "2010"): (None, None),
    ("POP", "350104", "2010"): ("80.43", None),
    ("POP", "350102", "2020"): ("68.72", None),
    ("POP", "350103", "2020"): ("45.61", None),
    ("POP", "350104", "2020"): ("117.66", None),
    ("HH", "350102", "2010"): ("230145", None),
    ("HH", "350103", "2010"): ("150210", None),
    ("HH", "350104", "2010"): ("260331", None),
    ("HH", "350102", "2020"): ("251002", None),
    ("HH", "350103", "2020"): ("160877", None),
    ("HH", "350104", "2020"): ("400123", 2),  # 2 respondents < 3: suppressed (统计法 Art. 28)
}
TOKEN = "gkd_test-token-for-conditional-access"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def publish(release: Release, *, at, author) -> Workflow:
    """Confirm and approve a release through the workflow's live states (scheduled when `at` is ahead)."""
    release.state = Release.State.CONFIRMED
    release.scheduled_at = at
    release.save()
    state = State.SCHEDULED if at > timezone.now() else State.PUBLISHED
    return Workflow.objects.create(
        agency=release.agency,
        content_type=ContentType.objects.get_for_model(Release),
        object_id=release.pk,
        state=state,
        author=author,
        title=release.title,
        approved_at=timezone.now(),
        publish_at=at,
        published_at=at,
    )


def close_version(version: DatasetVersion) -> DatasetVersion:
    """Record what the importer records: the periods a vintage has cells for, the series it brings in."""
    version.periods = sorted(
        set(Observation.objects.filter(version=version).values_list("period", flat=True))
    )
    version.save(update_fields=["periods"])
    Series.objects.filter(
        first_version__isnull=True, pk__in=Observation.objects.filter(version=version).values("series_id")
    ).update(first_version=version)
    return version


class Catalogue:
    """Handles on what the fixture created."""


def _cube(agency, *, code, title, resource, frequency=Frequency.ANNUAL, area_codelist, indicators):
    dataset = Dataset.objects.create(
        agency=agency,
        resource=resource,
        code=code,
        title=title,
        description=f"{title}（测试数据）",
        topic=resource.topic,
        frequency=frequency,
        source="福州市统计局：人口普查公报",
        source_url="https://tjj.fuzhou.gov.cn/",
    )
    Dimension.objects.create(dataset=dataset, code="INDICATOR", name="指标", role="indicator", position=1)
    Dimension.objects.create(
        dataset=dataset, code="AREA", name="地区", role="area", codelist=area_codelist, position=2
    )
    series = {}
    for indicator in indicators:
        for area, _ in AREAS:
            series[(indicator.code, area)] = Series.objects.create(
                dataset=dataset,
                key=f"{indicator.code}.{area}",
                indicator=indicator,
                area=area,
                dims={"INDICATOR": indicator.code, "AREA": area},
            )
    return dataset, series


@pytest.fixture
def catalogue(agency):
    agency.area_code = "350100"
    agency.save()
    staff = UserFactory(agency=agency, roles=[Role.ADMINISTRATOR])
    now = timezone.now()
    areas = Codelist.objects.create(agency=agency, code="CL_AREA", name="行政区划（GB/T 2260）")
    for order, (code, name) in enumerate(AREAS):
        Code.objects.create(codelist=areas, code=code, name=name, sort_order=order)
    pop = Indicator.objects.create(
        agency=agency,
        code="POP",
        name="常住人口",
        unit="万人",
        decimals=2,
        meaning="居住在本地半年以上的人口",
        sort_order=1,
    )
    hh = Indicator.objects.create(
        agency=agency, code="HH", name="家庭户数", unit="户", decimals=0, sort_order=2
    )
    cpi = Indicator.objects.create(
        agency=agency, code="CPI", name="居民消费价格指数", unit="上年同月=100", decimals=1, sort_order=3
    )

    census_res = DataResource.objects.create(
        agency=agency,
        code="census",
        title="各区人口普查主要数据",
        topic=Topic.CENSUS,
        update_frequency="每十年",
        sort_order=1,
    )
    census, census_series = _cube(
        agency,
        code="census-district",
        title="福州市各区人口普查主要数据",
        resource=census_res,
        area_codelist=areas,
        indicators=[pop, hh],
    )

    public_release = Release.objects.create(agency=agency, title="第七次人口普查分区数据", scheduled_at=now)
    publish(public_release, at=now - timedelta(days=10), author=staff)
    v1 = DatasetVersion.objects.create(dataset=census, number=1, release=public_release)
    for (ind, area, period), (value, respondents) in CENSUS.items():
        Observation.objects.create(
            dataset=census,
            series=census_series[(ind, area)],
            period=period,
            version=v1,
            value=Decimal(value) if value is not None else None,
            respondents=respondents,
        )
    close_version(v1)

    # Under embargo: a revision of the census and a whole new monthly dataset.
    embargoed = Release.objects.create(agency=agency, title="2026年3月居民消费价格", scheduled_at=now)
    publish(embargoed, at=now + timedelta(days=10), author=staff)
    v2 = DatasetVersion.objects.create(dataset=census, number=2, release=embargoed, note="修订鼓楼区常住人口")
    Observation.objects.create(
        dataset=census,
        series=census_series[("POP", "350102")],
        period="2020",
        version=v2,
        value=Decimal("99.99"),
        status=ObservationStatus.REVISED,
    )
    close_version(v2)
    cpi_res = DataResource.objects.create(
        agency=agency, code="cpi", title="居民消费价格指数（月度）", topic=Topic.PRICES, sort_order=2
    )
    cpi_ds, cpi_series = _cube(
        agency,
        code="cpi-monthly",
        title="各区居民消费价格指数（月度）",
        resource=cpi_res,
        frequency=Frequency.MONTHLY,
        area_codelist=areas,
        indicators=[cpi],
    )
    cpi_v1 = DatasetVersion.objects.create(dataset=cpi_ds, number=1, release=embargoed)
    Observation.objects.create(
        dataset=cpi_ds,
        series=cpi_series[("CPI", "350102")],
        period="2026-02",
        version=cpi_v1,
        value=Decimal("100.8"),
    )
    close_version(cpi_v1)

    # 有条件开放: listed, data only with an approved application's token.
    survey_res = DataResource.objects.create(
        agency=agency,
        code="enterprise",
        title="规模以上工业企业调查汇总数据",
        topic=Topic.INDUSTRY,
        open_type=OpenType.CONDITIONAL,
        conditions="仅限科研使用，不得再分发。",
        sort_order=3,
    )
    survey, survey_series = _cube(
        agency,
        code="enterprise-survey",
        title="规模以上工业企业调查汇总数据",
        resource=survey_res,
        area_codelist=areas,
        indicators=[hh],
    )
    sv1 = DatasetVersion.objects.create(dataset=survey, number=1, release=public_release)
    Observation.objects.create(
        dataset=survey,
        series=survey_series[("HH", "350102")],
        period="2020",
        version=sv1,
        value=Decimal("812"),
    )
    close_version(sv1)
    AccessApplication.objects.create(
        agency=agency,
        resource=survey_res,
        number="SJ202603010001",
        applicant_name="张研究",
        email="z@example.cn",
        purpose="学术研究",
        accepted_terms=True,
        state=AccessApplication.State.APPROVED,
        token_hash=AccessApplication.hash_token(TOKEN),
    )

    # 不予开放: a catalogue entry with its reason and no data.
    DataResource.objects.create(
        agency=agency,
        code="microdata",
        title="人口普查个人记录（微观数据）",
        topic=Topic.CENSUS,
        open_type=OpenType.NOT_OPEN,
        not_open_reason="含可识别调查对象的资料，依照《统计法》第二十五条不予开放。",
        sort_order=4,
    )

    found = Catalogue()
    found.agency, found.staff, found.census, found.cpi, found.survey = agency, staff, census, cpi_ds, survey
    found.public_release, found.embargoed_release = public_release, embargoed
    return found
