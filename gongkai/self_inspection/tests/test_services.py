"""The campaign: what it lists, the decisions, the negative-list review, closing, tenancy and audit."""

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.catalogue.models import InformationItem
from gongkai.confidentiality.models import NegativeListEntry
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.publishing.selectors import workflow_for
from gongkai.self_inspection import selectors, services
from gongkai.self_inspection.models import Campaign, Entry

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return timezone.localdate().year


@pytest.fixture
def records(agency, other_agency, office_user, make_user):
    """One record of each kind the campaign lists, and one of another agency that it must not list."""
    negative = f.negative_entry(office_user)
    withheld = f.withheld_item(office_user, "统计执法检查内部工作方案")
    on_request = f.withheld_item(office_user, "2025年企业联网直报明细", mode="on_request")
    blocked = f.blocked_by_negative_list(office_user)
    refused = f.foi_request(agency, "某企业2024年统计报表原始数据", applicant="乙", outcome="third_party")
    f.foi_request(agency, "某企业2024年统计报表原始数据", applicant="丙", outcome="disclosed")
    f.foi_request(agency, "2024年福州市居民人均可支配收入数据", applicant="丁", outcome="disclosed")
    f.foi_request(agency, "福州市2024年居民人均可支配收入", applicant="戊")
    outsider = make_user(Role.OPENNESS_OFFICE, agency=other_agency)
    f.withheld_item(outsider, "外机关不予公开的信息")
    f.foi_request(other_agency, "外机关的不予公开答复", outcome="state_secret")
    return {
        "negative": negative,
        "withheld": withheld,
        "on_request": on_request,
        "blocked": blocked,
        "refused": refused,
    }


def _entry(campaign, kind, **filters) -> Entry:
    return campaign.entries.get(kind=kind, **filters)


def test_campaign_lists_every_withheld_and_often_requested_item_of_its_agency(records, office_user, year):
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    listed = sorted((e.kind, e.title) for e in campaign.entries.all())
    assert listed == [
        ("catalogue_on_request", "2025年企业联网直报明细"),
        ("catalogue_withheld", "统计执法检查内部工作方案"),
        ("foi_withheld", "某企业2024年统计报表原始数据"),
        ("frequent_request", "2024年福州市居民人均可支配收入数据"),
        ("frequent_request", "某企业2024年统计报表原始数据"),
        ("negative_match", "2025年规模以上工业企业调查对象名录"),
    ]
    refused = _entry(campaign, "foi_withheld")
    assert refused.reference == records["refused"].tracking_number
    assert "第三方合法权益" in refused.detail and "第十五条" in refused.detail
    assert "调查对象名录" in _entry(campaign, "negative_match").detail
    assert [r.matter for r in campaign.negative_reviews.all()] == ["统计调查对象名录"]
    # Collecting again adds nothing twice.
    assert services.collect_entries(actor=office_user, campaign=campaign) == 0


def test_one_campaign_per_agency_and_year(records, office_user, year):
    services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    with pytest.raises(ValidationFailed, match="已经发起过") as caught:
        services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    assert caught.value.field == "year"
    assert Campaign.objects.count() == 1


def test_publishing_a_withheld_catalogue_item_goes_through_the_workflow(
    records, office_user, reviewer, approver, year
):
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    entry = _entry(campaign, "catalogue_withheld")
    entry = services.decide_entry(
        actor=office_user, entry=entry, decision="publish", reason="情势变化，可以公开"
    )
    revision = records["withheld"]
    revision.refresh_from_db()
    assert revision.disclosure_mode == "proactive" and revision.withheld_reason == ""
    assert entry.revision == revision and entry.decided_by == office_user
    assert selectors.publication_state(entry) == "草稿"
    assert selectors.figures(campaign).published == 0
    f.publish_through_workflow(revision, author=office_user, reviewer=reviewer, approver=approver)
    entry.refresh_from_db()
    assert selectors.publication_state(entry) == "已公开"
    assert selectors.figures(campaign).published == 1
    assert list(selectors.entries_of(campaign, decision="published")) == [entry]
    with pytest.raises(Conflict):
        services.decide_entry(
            actor=office_user, entry=entry, decision="keep_withheld", article="art15", reason="改变主意"
        )


def test_publishing_a_refused_request_drafts_a_new_proactive_item(records, office_user, year):
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    entry = services.decide_entry(
        actor=office_user,
        entry=_entry(campaign, "foi_withheld"),
        decision="publish",
        reason="第三方已同意公开",
    )
    assert entry.item.revisions.get().title == "某企业2024年统计报表原始数据"
    assert entry.revision.disclosure_mode == "proactive"
    assert workflow_for(entry.revision).state == "draft"


def test_keeping_withheld_without_an_article_changes_nothing(records, office_user, year):
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    entry = _entry(campaign, "catalogue_withheld")
    with pytest.raises(ValidationFailed) as caught:
        services.decide_entry(actor=office_user, entry=entry, decision="keep_withheld", reason="属于内部事务")
    assert caught.value.field == "article"
    entry.refresh_from_db()
    assert entry.decision == "" and entry.decided_by is None
    entry = services.decide_entry(
        actor=office_user, entry=entry, decision="keep_withheld", article="art16_1", reason="属于内部事务"
    )
    assert entry.article_citation == "《政府信息公开条例》第十六条第一款"


def test_already_public_names_a_published_item(records, office_user, reviewer, approver, year):
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    entry = _entry(campaign, "frequent_request", title="2024年福州市居民人均可支配收入数据")
    draft = InformationItem.objects.create(agency=office_user.agency, index_number="350100TJJ/2024-99999")
    with pytest.raises(ValidationFailed, match="尚未发布"):
        services.decide_entry(
            actor=office_user,
            entry=entry,
            decision="already_public",
            item_reference=draft.index_number,
            reason="已发布",
        )
    with pytest.raises(ValidationFailed, match="没有找到"):
        services.decide_entry(
            actor=office_user,
            entry=entry,
            decision="already_public",
            item_reference="X/1",
            reason="已发布过了",
        )
    public = f.withheld_item(office_user, "2024年居民收入统计公报", mode="proactive")
    f.publish_through_workflow(public, author=office_user, reviewer=reviewer, approver=approver)
    entry = services.decide_entry(
        actor=office_user,
        entry=entry,
        decision="already_public",
        item_reference=public.item.index_number,
        reason="统计公报已公开",
    )
    assert entry.item == public.item and selectors.publication_state(entry) == "已公开"


def test_negative_list_review_applies_changes_through_the_confidentiality_services(
    records, office_user, year
):
    second = f.negative_entry(office_user, matter="个人收入明细", terms="收入明细", basis="条例第十五条")
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    first_review, second_review = campaign.negative_reviews.order_by("id")
    with pytest.raises(ValidationFailed, match="至少一项"):
        services.review_negative_entry(
            actor=office_user, review=first_review, outcome="change", reason="词语过宽"
        )
    services.review_negative_entry(
        actor=office_user,
        review=first_review,
        outcome="change",
        reason="词语过宽",
        terms="调查对象名录\n调查对象名单",
    )
    assert NegativeListEntry.objects.get(pk=records["negative"].pk).term_list == [
        "调查对象名录",
        "调查对象名单",
    ]
    services.review_negative_entry(
        actor=office_user, review=second_review, outcome="remove", reason="已有专门规定"
    )
    assert not NegativeListEntry.objects.get(pk=second.pk).is_active
    with pytest.raises(Conflict):
        services.review_negative_entry(
            actor=office_user, review=second_review, outcome="keep", reason="恢复保留"
        )
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {
        "negative_list.changed",
        "negative_list.deactivated",
        "self_inspection.negative_reviewed",
    } <= verbs


def test_closing_needs_every_decision_and_review(records, office_user, year):
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    with pytest.raises(ValidationFailed, match="还有 6 项信息未作出自查决定；还有 1 项负面清单事项未审查"):
        services.close_campaign(actor=office_user, campaign=campaign, conclusion="全部整改完毕，已报送。")
    for entry in campaign.entries.all():
        services.decide_entry(
            actor=office_user, entry=entry, decision="keep_withheld", article="art14", reason="仍属不予公开"
        )
    services.review_negative_entry(
        actor=office_user, review=campaign.negative_reviews.get(), outcome="keep", reason="仍需保留"
    )
    campaign = services.close_campaign(
        actor=office_user, campaign=campaign, conclusion="全部整改完毕，已报送。"
    )
    assert campaign.status == "closed" and campaign.closed_by == office_user
    with pytest.raises(InvalidTransition, match="已完成"):
        services.decide_entry(
            actor=office_user, entry=campaign.entries.first(), decision="publish", reason="重新考虑"
        )
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="self_inspection.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs[0] == "self_inspection.campaign_created" and verbs[-1] == "self_inspection.campaign_closed"
    assert verbs.count("self_inspection.entry_decided") == 6


def test_only_the_openness_office_of_the_same_agency_runs_a_campaign(
    records, office_user, drafter, make_user, other_agency, year
):
    with pytest.raises(PermissionDenied):
        services.create_campaign(actor=drafter, agency=drafter.agency, year=year)
    campaign = services.create_campaign(actor=office_user, agency=office_user.agency, year=year)
    entry = campaign.entries.first()
    supervisor = make_user(Role.SUPERVISOR)
    assert list(selectors.campaigns_for(supervisor)) == [campaign]
    with pytest.raises(PermissionDenied):
        services.decide_entry(actor=supervisor, entry=entry, decision="publish", reason="情势变化可以公开")
    outsider = make_user(Role.OPENNESS_OFFICE, agency=other_agency)
    assert list(selectors.campaigns_for(outsider)) == []
    with pytest.raises(NotFound):
        services.decide_entry(actor=outsider, entry=entry, decision="publish", reason="情势变化可以公开")
    entry.refresh_from_db()
    assert entry.decision == ""


def test_decisions_are_taken_by_a_named_person_not_the_system(records, office_user, year):
    from gongkai.accounts.guard import SYSTEM

    campaign = services.create_campaign(actor=SYSTEM, agency=office_user.agency, year=year)
    entry = campaign.entries.first()
    with pytest.raises(PermissionDenied, match="具名的工作人员"):
        services.decide_entry(actor=SYSTEM, entry=entry, decision="publish", reason="情势变化可以公开")
    with pytest.raises(PermissionDenied, match="具名的工作人员"):
        services.close_campaign(actor=SYSTEM, campaign=campaign, conclusion="全部整改完毕，已报送。")
