"""Run in the server's environment before gunicorn starts: an agency, one 政务公开办 user and a small
dataset (the cells of gongkai/opendata/tests/conftest.py)."""

import django

django.setup()

from decimal import Decimal  # noqa: E402

from gongkai.accounts.factories import AgencyFactory, SiteSettingsFactory, UserFactory  # noqa: E402
from gongkai.accounts.guard import SYSTEM  # noqa: E402
from gongkai.accounts.roles import Role  # noqa: E402
from gongkai.opendata import services  # noqa: E402
from gongkai.opendata.importers import ParsedCell, ParsedDataset, ParsedDimension, ParsedIndicator  # noqa: E402

agency = AgencyFactory(code="fzstats", name="福州市统计局", organisation_code="350100TJJ")
SiteSettingsFactory(agency=agency)
UserFactory(agency=agency, username="gongkaiban", roles=[Role.OPENNESS_OFFICE])
areas = [("000000", "全国", ""), ("350100", "福州市", "000000"), ("350102", "鼓楼区", "350100")]
services.write_parsed(
    [
        ParsedDataset(
            code="test-income",
            title="住户收入（测试）",
            frequency="A",
            dimensions=[
                ParsedDimension("INDICATOR", "指标", "indicator"),
                ParsedDimension("AREA", "地区", "area", "CL_AREA"),
            ],
            codelists={"CL_AREA": ("行政区划", areas)},
            indicators={"INC": ParsedIndicator("INC", "人均可支配收入", "元", 0)},
            cells=[ParsedCell(("INC", "350102"), "2023", Decimal("60000"), line=2)],
        )
    ],
    actor=SYSTEM,
    agency=agency,
)
