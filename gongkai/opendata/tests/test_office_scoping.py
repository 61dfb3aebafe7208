"""Issue 12 item 9: the office data screens honour department scoping like the other apps. A 承办人 of one
department does not open another department's datasets or embargoed releases; agency-wide roles see
all of their agency's; records no department owns (national imports) stay open to every 承办人."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.roles import Role
from gongkai.opendata import services
from gongkai.opendata.models import Dataset, Release

from .conftest import BASE_CELLS, small_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_departments(agency, make_user):
    census, prices = DepartmentFactory(agency=agency), DepartmentFactory(agency=agency)
    return {
        "census": census,
        "prices": prices,
        "census_drafter": make_user(Role.DRAFTER, department=census),
        "prices_drafter": make_user(Role.DRAFTER, department=prices),
    }


@pytest.fixture
def embargoed(two_departments):
    """An embargoed release of the census department, with its dataset's new figures attached."""
    drafter = two_departments["census_drafter"]
    release = services.create_release(
        actor=drafter,
        title="人口普查主要数据（未发布）",
        scheduled_at=timezone.now() + timedelta(days=3),
        department=two_departments["census"],
    )
    services.write_parsed([small_dataset(BASE_CELLS, code="census-pop")], actor=drafter, release=release)
    Dataset.objects.filter(code="census-pop").update(department=two_departments["census"])
    return release


def test_other_department_drafter_cannot_open_embargoed_release_or_dataset(
    staff_client, two_departments, embargoed
):
    client = staff_client(two_departments["prices_drafter"])
    assert client.get(f"/office/data/releases/{embargoed.pk}/").status_code == 404
    assert client.get("/office/data/datasets/census-pop/").status_code == 404
    assert client.get("/office/data/datasets/census-pop/upload/").status_code == 404
    home = client.get("/office/data/").content.decode()
    assert "人口普查主要数据" not in home and "census-pop" not in home


def test_own_department_drafter_and_office_open_it(staff_client, two_departments, embargoed, office_user):
    own = staff_client(two_departments["census_drafter"])
    assert own.get(f"/office/data/releases/{embargoed.pk}/").status_code == 200
    assert own.get("/office/data/datasets/census-pop/").status_code == 200
    office = staff_client(office_user)  # 政务公开办: agency-wide
    assert office.get(f"/office/data/releases/{embargoed.pk}/").status_code == 200
    assert "人口普查主要数据" in office.get("/office/data/").content.decode()


def test_dataset_without_department_stays_open_to_drafters(staff_client, two_departments, embargoed):
    Dataset.objects.filter(code="census-pop").update(department=None)
    Release.objects.filter(pk=embargoed.pk).update(department=None)
    client = staff_client(two_departments["prices_drafter"])
    assert client.get("/office/data/datasets/census-pop/").status_code == 200
