from datetime import date

import pytest

from gongkai.accounts.factories import AgencyFactory, SiteSettingsFactory
from gongkai.accounts.roles import Role


@pytest.fixture
def city_agency(db):
    agency = AgencyFactory(code="fzgov", name="福州市人民政府办公厅", organisation_code="350100BGT")
    SiteSettingsFactory(agency=agency)
    return agency


@pytest.fixture
def city_user(make_user, city_agency):
    return make_user(Role.CITY_OFFICE, agency=city_agency, username="shigkb", full_name="郑敏")


@pytest.fixture
def city_today(monkeypatch):
    """The legal date the cityops code sees."""

    def set_today(day: date):
        from gongkai.cityops import selectors, services
        from gongkai.cityops.views import office

        for module in (selectors, services, office):
            monkeypatch.setattr(module, "legal_today", lambda: day)

    return set_today
