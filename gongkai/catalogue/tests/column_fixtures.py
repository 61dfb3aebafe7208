"""Fixtures of the column tests (issue 18 item 4): a city government office whose policies every agency's
上级文件 column shows, a district at /bm/gulou/, and items published through the real workflow."""

import pytest

from gongkai.accounts.factories import AgencyFactory, DepartmentFactory, SiteSettingsFactory, UserFactory
from gongkai.accounts.roles import Role
from gongkai.catalogue import services as catalogue
from gongkai.core.models import Agency
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

CITY_POLICY = "福州市人民政府办公厅关于印发2026年政务公开工作要点的通知"


def _team(agency) -> dict:
    dept = DepartmentFactory(agency=agency)
    return {
        role: UserFactory(
            agency=agency, department=dept, roles=[role], username=f"{agency.code}-{role.value}"
        )
        for role in (Role.DRAFTER, Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER, Role.OPENNESS_OFFICE)
    }


@pytest.fixture
def publish_item():
    """`publish_item(agency, title, category=…)`: an item of `agency` through the real workflow."""
    teams: dict = {}

    def make(agency, title, *, category="decision", **fields):
        if agency.pk not in teams:
            teams[agency.pk] = _team(agency)
        team = teams[agency.pk]
        item = catalogue.create_item(
            actor=team[Role.DRAFTER], title=title, body="<p>演示正文。</p>", category=category, **fields
        )
        workflow = workflow_for(item.revisions.get())
        publishing.submit(actor=team[Role.DRAFTER], workflow=workflow)
        publishing.pass_review(actor=team[Role.CONFIDENTIALITY_REVIEWER], workflow=workflow)
        publishing.approve(actor=team[Role.APPROVER], workflow=workflow)
        item.refresh_from_db()
        item.team = team
        return item

    return make


@pytest.fixture
def city(db):
    city = AgencyFactory(
        code="fzszfb", name="福州市人民政府办公厅", short_name="市政府办公厅", organisation_code="350100SZFB"
    )
    SiteSettingsFactory(agency=city)
    return city


@pytest.fixture
def district(db, city):
    """鼓楼区: its parent organisation is the city government office (shows its policies by itself)."""
    district = AgencyFactory(
        code="gulou",
        name="福州市鼓楼区人民政府",
        organisation_code="350102GLQ",
        kind=Agency.Kind.DISTRICT,
        parent=city,
    )
    SiteSettingsFactory(agency=district)
    return district


@pytest.fixture
def city_policy(city, publish_item):
    return publish_item(city, CITY_POLICY)


def withdraw(item, reason="内容需要更新"):
    publishing.withdraw(
        actor=item.team[Role.OPENNESS_OFFICE], workflow=workflow_for(item.current_revision), reason=reason
    )
