import pytest

from gongkai.accounts.factories import DepartmentFactory, UserFactory
from gongkai.accounts.roles import Role
from gongkai.catalogue import services as catalogue
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for


def _people(agency):
    dept = DepartmentFactory(agency=agency)
    return {
        role: UserFactory(
            agency=agency, department=dept, roles=[role], username=f"{agency.code}-{role.value}"
        )
        for role in (Role.DRAFTER, Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER)
    }


@pytest.fixture
def make_public_item():
    """`make(agency, title, publish=True)`: an item of `agency` through the real workflow."""
    people = {}

    def make(agency, title, *, publish=True, body="<p>演示正文：财政预算执行情况。</p>"):
        if agency.pk not in people:
            people[agency.pk] = _people(agency)
        team = people[agency.pk]
        item = catalogue.create_item(actor=team[Role.DRAFTER], title=title, body=body, category="result")
        revision = item.revisions.get()
        if publish:
            workflow = workflow_for(revision)
            publishing.submit(actor=team[Role.DRAFTER], workflow=workflow)
            publishing.pass_review(actor=team[Role.CONFIDENTIALITY_REVIEWER], workflow=workflow)
            publishing.approve(actor=team[Role.APPROVER], workflow=workflow)
        item.refresh_from_db()
        return item

    return make


@pytest.fixture
def two_sites(agency, other_agency, make_public_item):
    """The default agency (fzstats, at the root) and fzfgw (at /bm/fzfgw/), each with a published item;
    fzfgw also has a draft."""
    mine = make_public_item(agency, "统计局公开的统计公报")
    theirs = make_public_item(other_agency, "发改委公开的项目批复")
    draft = make_public_item(other_agency, "发改委尚未公开的草稿", publish=False)
    return {"mine": mine, "theirs": theirs, "draft": draft}
