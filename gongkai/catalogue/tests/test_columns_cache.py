"""A withdrawal upstream leaves every agency's cached 上级文件 page at once (ADR 0043 generation, ADR 0050):
the column is a query over the city's row, and the city's write ends the generation for every site."""

import pytest
from django.core.cache import cache

from gongkai.catalogue import column_services, columns
from gongkai.catalogue.tests.test_columns import admin_of

from .column_fixtures import CITY_POLICY, withdraw

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ("/xxgk/higher-level/", "/bm/gulou/xxgk/higher-level/")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_a_withdrawal_upstream_ends_every_agencys_cached_column(client, agency, city, district, city_policy):
    superior = columns.superior_column(agency)
    column_services.update_column(
        actor=admin_of(agency), agency=agency, slug=superior.slug, label=superior.label, sources=[city]
    )
    for path in PAGES:
        assert client.get(path)["X-Page-Cache"] == "miss"
        cached = client.get(path)
        assert cached["X-Page-Cache"] == "hit" and CITY_POLICY in cached.content.decode()

    withdraw(city_policy)
    for path in PAGES:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert CITY_POLICY not in response.content.decode()


def test_a_column_change_ends_the_cached_navigation(client, agency):
    assert client.get("/xxgk/")["X-Page-Cache"] == "miss"
    assert client.get("/xxgk/")["X-Page-Cache"] == "hit"
    column_services.set_hidden(actor=admin_of(agency), agency=agency, slug="key-tasks-tasks", hidden=True)
    response = client.get("/xxgk/")
    assert response["X-Page-Cache"] == "miss" and "重点任务与督查" not in response.content.decode()
