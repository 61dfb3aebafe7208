"""规范性文件: status banner and successor, cleanup campaigns and their public result, expiry reminder."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.catalogue import normative
from gongkai.catalogue.models import (
    CleanupCampaign,
    CleanupDecision,
    NormativeDocument,
    NormativeStatusChange,
)
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.work_panels import panels_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_doc(make_item, drafter, publish, office_user):
    def make(title, number, **profile):
        item = make_item(title=title, document_number=number)
        publish(item.revisions.get(), author=drafter)
        item.refresh_from_db()
        profile.setdefault("effective_on", date(2024, 1, 1))
        return normative.register_normative(actor=office_user, item=item, **profile)

    return make


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 8, 31), -6, date(2026, 2, 28)),
        (date(2028, 8, 31), -6, date(2028, 2, 29)),
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_add_months(day, months, expected):
    assert normative.add_months(day, months) == expected


def test_repeal_shows_a_banner_with_the_successor_on_the_original_page(client, public_doc, office_user):
    old = public_doc("统计调查项目管理暂行办法", "榕统〔2020〕3号")
    new = public_doc("统计调查项目管理办法", "榕统〔2026〕5号")
    page = client.get(f"/xxgk/items/{old.item.slug}/").content.decode()
    assert "当前状态：现行有效" in page
    normative.change_status(
        actor=office_user,
        document=old,
        status="repealed",
        effective_on=date(2026, 3, 1),
        reason="被《统计调查项目管理办法》（榕统〔2026〕5号）废止",
        successor=new.item,
    )
    page = client.get(f"/xxgk/items/{old.item.slug}/").content.decode()
    assert "当前状态：已废止" in page and "2026年3月1日起" in page
    assert f'href="/xxgk/items/{new.item.slug}/"' in page
    assert "效力变化记录" in page and "被《统计调查项目管理办法》" in page
    old.item.current_revision.refresh_from_db()
    assert old.item.current_revision.validity == "in_force"  # the published revision is not edited


def test_status_change_needs_a_reason_and_the_office(public_doc, office_user, drafter):
    doc = public_doc("办法", "榕统〔2020〕3号")
    with pytest.raises(ValidationFailed):
        normative.change_status(actor=office_user, document=doc, status="repealed", reason="")
    audits = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        normative.change_status(actor=drafter, document=doc, status="repealed", reason="废止")
    doc.refresh_from_db()
    assert (doc.status, AuditEvent.objects.count(), NormativeStatusChange.objects.count()) == (
        "in_force",
        audits,
        0,
    )


def test_cleanup_decisions_apply_on_publication_and_the_result_is_public(client, public_doc, office_user):
    keep = public_doc("统计执法检查办法", "榕统〔2021〕1号")
    repeal = public_doc("统计调查暂行规定", "榕统〔2019〕2号")
    amend = public_doc("统计资料管理办法", "榕统〔2018〕4号")
    successor = public_doc("统计资料管理办法（修订）", "榕统〔2026〕6号")
    campaign = normative.create_campaign(
        actor=office_user,
        name="2026年规范性文件集中清理",
        started_on=date(2026, 1, 5),
        scope="本局2025年底前制发的规范性文件",
    )
    with pytest.raises(ValidationFailed):
        normative.decide(actor=office_user, campaign=campaign, document=repeal, outcome="repeal", reason="")
    normative.decide(actor=office_user, campaign=campaign, document=keep, outcome="keep")
    normative.decide(
        actor=office_user, campaign=campaign, document=repeal, outcome="repeal", reason="调整对象已消失"
    )
    normative.decide(
        actor=office_user,
        campaign=campaign,
        document=amend,
        outcome="amend",
        reason="与新修订的统计法不一致",
        successor=successor.item,
    )
    repeal.refresh_from_db()
    assert repeal.status == "in_force"  # decisions take effect when the result is published
    assert client.get("/xxgk/normative/cleanup/").content.decode().count("2026年规范性文件集中清理") == 0

    normative.publish_campaign(actor=office_user, campaign=campaign, result_note="共清理3件。")
    statuses = dict(NormativeDocument.objects.values_list("item__revisions__title", "status"))
    assert statuses["统计执法检查办法"] == "in_force"
    assert statuses["统计调查暂行规定"] == "repealed"
    assert statuses["统计资料管理办法"] == "amended"
    assert CleanupDecision.objects.filter(applied_at__isnull=True).count() == 0
    with pytest.raises(InvalidTransition):
        normative.decide(
            actor=office_user, campaign=campaign, document=keep, outcome="repeal", reason="改主意"
        )

    results = client.get("/xxgk/normative/cleanup/").content.decode()
    assert "2026年规范性文件集中清理" in results
    page = client.get(f"/xxgk/normative/cleanup/{campaign.pk}/").content.decode()
    for text in (
        "统计执法检查办法",
        "继续有效",
        "统计调查暂行规定",
        "废止",
        "调整对象已消失",
        "统计资料管理办法",
        "修改",
        "共清理 <strong>3</strong> 件",
    ):
        assert text in page, text
    amended_page = client.get(f"/xxgk/items/{amend.item.slug}/").content.decode()
    assert "已修改" in amended_page and f'href="/xxgk/items/{successor.item.slug}/"' in amended_page


def test_public_list_filters_in_force(client, public_doc, office_user):
    public_doc("现行的办法", "榕统〔2025〕1号")
    old = public_doc("废止的办法", "榕统〔2015〕1号")
    normative.change_status(actor=office_user, document=old, status="repealed", reason="废止")
    everything = client.get("/xxgk/normative/").content.decode()
    assert "现行的办法" in everything and "废止的办法" in everything
    in_force = client.get("/xxgk/normative/?status=in_force").content.decode()
    assert "现行的办法" in in_force and "废止的办法" not in in_force
    assert '<span class="badge normative-in_force">现行有效</span>' in in_force
    assert client.get("/xxgk/normative/?status=bogus&year=x&page=zz").status_code == 200


def test_expiry_reminder_six_months_ahead_and_automatic_expiry(
    public_doc, office_user, make_user, department
):
    today = date(2026, 3, 1)
    soon = public_doc("半年内到期", "1号", expires_on=date(2026, 8, 31))
    later = public_doc("一年后到期", "2号", expires_on=date(2027, 3, 1))
    past = public_doc("已过期", "3号", expires_on=date(2026, 2, 27))
    assert normative.run_expiry_reminders(today=today) == {"reminded": 1, "expired": 1}
    assert normative.run_expiry_reminders(today=today) == {"reminded": 0, "expired": 0}  # idempotent
    soon.refresh_from_db(), later.refresh_from_db(), past.refresh_from_db()
    assert soon.expiry_reminded_on == today and later.expiry_reminded_on is None
    assert (past.status, past.status_on) == ("expired", date(2026, 2, 28))
    assert AuditEvent.objects.filter(verb="catalogue.normative_expiry_reminder").count() == 1


def test_work_panel_for_the_openness_office(public_doc, office_user, drafter):
    public_doc("即将到期的办法", "1号", expires_on=timezone.localdate() + timedelta(days=60))
    panel = next(p for p in panels_for(office_user) if p.title.startswith("规范性文件"))
    assert any("即将到期的办法" in label for label, _url, _note in panel.items)
    assert not any(p.title.startswith("规范性文件") for p in panels_for(drafter))


def test_the_job_is_registered():
    from gongkai.core import jobs

    assert "catalogue.normative_expiry" in {j.name for j in jobs.registered()}


@pytest.mark.parametrize("role", list(Role))
def test_normative_office_pages_by_role(role, make_user, staff_client, department, public_doc):
    doc = public_doc("办法", "1号")
    client = staff_client(make_user(role, department=department))
    can = role == Role.OPENNESS_OFFICE
    assert client.get("/office/catalogue/normative/").status_code == 200
    assert client.get(f"/office/catalogue/normative/{doc.pk}/").status_code == 200
    assert client.get("/office/catalogue/cleanup/").status_code == 200
    assert client.get(f"/office/catalogue/normative/{doc.pk}/status/").status_code == (200 if can else 403)
    assert client.get("/office/catalogue/cleanup/new/").status_code == (200 if can else 403)
    assert client.get(f"/office/catalogue/{doc.item_id}/normative/").status_code == (200 if can else 403)


def test_office_cleanup_flow_through_the_views(staff_client, office_user, public_doc):
    doc = public_doc("统计调查暂行规定", "榕统〔2019〕2号")
    client = staff_client(office_user)
    response = client.post(
        "/office/catalogue/cleanup/new/", {"name": "2026年清理", "started_on": "2026-01-05"}
    )
    campaign = CleanupCampaign.objects.get()
    assert response.status_code == 302
    response = client.post(
        f"/office/catalogue/cleanup/{campaign.pk}/decide/",
        {"document": doc.pk, "outcome": "repeal", "reason": ""},
    )
    assert response.status_code == 200 and "请填写理由" in response.content.decode()
    client.post(
        f"/office/catalogue/cleanup/{campaign.pk}/decide/",
        {"document": doc.pk, "outcome": "repeal", "reason": "已不适用"},
    )
    client.post(f"/office/catalogue/cleanup/{campaign.pk}/publish/", {"result_note": ""})
    doc.refresh_from_db()
    assert doc.status == "repealed"
    assert "已公布结果" in client.get(f"/office/catalogue/cleanup/{campaign.pk}/").content.decode()
