"""An agency's catalogue page reads its list through the listing index (ADR 0055): it shows the agency's
own public items only — never another agency's, never a draft, a scheduled or a superseded text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.catalogue import selectors
from gongkai.catalogue import services as catalogue
from gongkai.catalogue.models import ItemRevision
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow
from gongkai.publishing.selectors import workflow_for

pytestmark = pytest.mark.django_db


def _titles(page) -> set[str]:
    return {r.title for r in page.context["page"].object_list}


def test_each_revision_carries_its_items_agency_and_source(two_sites, agency, other_agency):
    for revision in ItemRevision.objects.select_related("item"):
        assert revision.agency_id == revision.item.agency_id
        assert revision.source == revision.item.source
    assert ItemRevision.objects.filter(agency=other_agency).count() == 2


def test_catalogue_page_shows_only_the_agencys_own_public_items(client, two_sites):
    theirs = client.get("/bm/fzfgw/xxgk/catalogue/")
    assert theirs.status_code == 200
    assert _titles(theirs) == {"发改委公开的项目批复"}
    assert theirs.context["count"] == 1
    assert "尚未公开的草稿" not in theirs.text and "统计局公开的统计公报" not in theirs.text
    mine = client.get("/xxgk/catalogue/")
    assert _titles(mine) == {"统计局公开的统计公报"} and mine.context["count"] == 1
    assert "发改委" not in "".join(mine.context["issuers"])


def test_a_correction_replaces_the_published_text_in_the_list(client, two_sites, other_agency):
    item = two_sites["theirs"]
    drafter = item.revisions.get().created_by
    team = {r: drafter.__class__.objects.get(username=f"fzfgw-{r.value}") for r in Role if _has(r)}
    correction = catalogue.start_correction(actor=drafter, item=item, change_note="更正标题")
    catalogue.update_draft(actor=drafter, revision=correction, title="发改委更正后的项目批复")
    workflow = workflow_for(correction)
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=team[Role.CONFIDENTIALITY_REVIEWER], workflow=workflow)
    publishing.approve(actor=team[Role.APPROVER], workflow=workflow)
    page = client.get("/bm/fzfgw/xxgk/catalogue/")
    assert _titles(page) == {"发改委更正后的项目批复"} and page.context["count"] == 1


def _has(role) -> bool:
    return role in (Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER)


def test_a_scheduled_item_shows_from_its_minute_not_before(two_sites, other_agency):
    draft = two_sites["draft"]
    revision = draft.revisions.get()
    drafter = revision.created_by
    reviewer = drafter.__class__.objects.get(username="fzfgw-confidentiality_reviewer")
    approver = drafter.__class__.objects.get(username="fzfgw-approver")
    workflow = workflow_for(revision)
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    publishing.approve(actor=approver, workflow=workflow, publish_at=timezone.now() + timedelta(hours=1))
    listed = {r.title for r in selectors.listing_revisions(other_agency)}
    assert listed == {"发改委公开的项目批复"}
    # Its minute has come and the worker has not run yet: the list shows it already (the general read).
    Workflow.objects.filter(pk=workflow.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    listed = {r.title for r in selectors.listing_revisions(other_agency)}
    assert listed == {"发改委公开的项目批复", "发改委尚未公开的草稿"}
    assert listed == {r.title for r in selectors.public_revisions(other_agency)}


def test_listing_equals_the_general_public_read(two_sites, agency, other_agency):
    for a in (agency, other_agency):
        fast = list(selectors.listing_revisions(a).order_by("-public_at", "-id").values_list("pk", flat=True))
        general = list(
            selectors.public_revisions(a).order_by("-public_at", "-id").values_list("pk", flat=True)
        )
        assert fast == general
        assert selectors.public_years(a) == sorted(
            {timezone.localtime(r.public_at).year for r in selectors.public_revisions(a)}, reverse=True
        )
