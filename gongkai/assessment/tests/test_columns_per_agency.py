"""The website inspection's empty-column rule runs per agency over that agency's own columns as its site
shows them (issue 18 item 4, ADR 0050): 上级文件 counts the upstream policies read where they are
stored; a hidden column is not on the site and is not counted."""

import pytest
from django.utils import timezone

from gongkai.accounts.factories import DepartmentFactory, UserFactory
from gongkai.accounts.roles import Role
from gongkai.assessment import indicators
from gongkai.catalogue import column_services
from gongkai.catalogue.tests.column_fixtures import (  # noqa: F401 — fixtures
    city,
    city_policy,
    district,
    publish_item,
    withdraw,
)

pytestmark = pytest.mark.django_db


def admin_of(agency):
    return UserFactory(agency=agency, department=DepartmentFactory(agency=agency), roles=[Role.ADMINISTRATOR])


def test_the_empty_column_rule_counts_each_agencys_own_shown_columns(agency, city, district, city_policy):  # noqa: F811
    now = timezone.now()
    gulou = {c.label: c.count for c in indicators.columns(district, now)}
    assert gulou["上级文件"] == 1  # the city's policy, read where it is stored
    stats = {c.label: c for c in indicators.columns(agency, now)}
    assert stats["上级文件"].count == 0 and stats["上级文件"].url == "/xxgk/higher-level/"
    column_services.set_hidden(actor=admin_of(agency), agency=agency, slug="catalogue-superior", hidden=True)
    assert "上级文件" not in {c.label for c in indicators.columns(agency, now)}
    withdraw(city_policy)
    assert {c.label: c.count for c in indicators.columns(district, now)}["上级文件"] == 0
    assert {c.label: c.url for c in indicators.columns(district, now)}[
        "上级文件"
    ] == "/bm/gulou/xxgk/higher-level/"
