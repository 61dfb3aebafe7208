"""The office screens: queues with due dates, forms that keep what was typed on refusal, exports, draws."""

from datetime import date

import pytest

from gongkai.enforcement import services
from gongkai.enforcement.models import Decision, DishonestyListing, Inspection, InspectionItem

from .conftest import VALID_USCC

pytestmark = pytest.mark.django_db


def test_home_queues_and_every_screen_render(staff_client, office_user, make_decision, publish, agency):
    due = make_decision(title="待公开的迟报案")
    published = make_decision(document_number="2", title="已公开的处罚案")
    publish(published, author=office_user)
    services.mark_changed(
        actor=office_user,
        decision=published,
        change_kind="revoked",
        changed_on=date(2026, 11, 27),
        reason="复议撤销",
    )
    client = staff_client(office_user)
    html = client.get("/office/enforcement/").content.decode()
    assert "待公开的迟报案" in html and "2026-11-11" in html
    assert "已公开的处罚案" in html and "2026-12-02" in html
    for path in (
        "/office/enforcement/decisions/",
        f"/office/enforcement/decisions/{due.pk}/",
        f"/office/enforcement/decisions/{due.pk}/edit/",
        f"/office/enforcement/decisions/{published.pk}/",
        "/office/enforcement/decisions/new/",
        "/office/enforcement/ref/officer/",
        "/office/enforcement/ref/benchmark/new/",
        "/office/enforcement/inspections/",
        "/office/enforcement/inspections/new/",
        "/office/enforcement/listings/",
        "/office/enforcement/listings/new/",
        "/office/",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/office/enforcement/ref/nope/").status_code == 404
    csv = client.get("/office/enforcement/decisions/?format=csv").content.decode("utf-8-sig")
    assert (
        csv.splitlines()[0] == "决定书文号,类别,案件名称,当事人,决定日期,应公开日期,状态,公开时间,逾期工作日"
    )
    xlsx = client.get("/office/enforcement/decisions/?format=xlsx")
    assert xlsx.content[:2] == b"PK"


def test_change_form_refusal_keeps_what_was_typed(staff_client, office_user, make_decision):
    d = make_decision()
    client = staff_client(office_user)
    response = client.post(
        f"/office/enforcement/decisions/{d.pk}/change/",
        {"change_kind": "revoked", "changed_on": "2026-11-27", "reason": "复议撤销原决定"},
    )
    html = response.content.decode()
    assert (
        response.status_code == 200 and "只有已公开的执法决定才需要撤回" in html and "复议撤销原决定" in html
    )
    assert Decision.objects.get(pk=d.pk).changed_on is None


def test_office_draw_verify_and_listing_actions(staff_client, office_user, make_user, agency):
    from gongkai.accounts.roles import Role

    item = InspectionItem.objects.create(
        agency=agency, name="数据质量检查", subject="企业", basis="统计法", method="现场"
    )
    client = staff_client(office_user)
    response = client.post(
        "/office/enforcement/inspections/new/",
        {
            "item": item.pk,
            "title": "抽查",
            "objects": "甲\n乙\n丙",
            "inspectors": "A\nB\nC",
            "object_count": 2,
            "inspector_count": 2,
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    client.post(f"/office/enforcement/inspections/{inspection.pk}/draw/")
    inspection.refresh_from_db()
    assert len(inspection.drawn_objects) == 2
    supervisor = staff_client(make_user(Role.SUPERVISOR))
    html = supervisor.post(
        f"/office/enforcement/inspections/{inspection.pk}/verify/", follow=True
    ).content.decode()
    assert "复核一致" in html
    assert supervisor.post(f"/office/enforcement/inspections/{inspection.pk}/draw/").status_code == 403

    client = staff_client(office_user)
    client.post(
        "/office/enforcement/listings/new/",
        {
            "enterprise_name": "某公司",
            "credit_code": VALID_USCC,
            "decision_number": "1",
            "decided_on": "2026-11-02",
            "facts": "虚报",
            "basis": "国统字〔2019〕33号",
        },
    )
    listing = DishonestyListing.objects.get()
    client.post(f"/office/enforcement/listings/{listing.pk}/publish/")
    html = client.post(
        f"/office/enforcement/listings/{listing.pk}/remove/", {"reason": "信用修复"}, follow=True
    ).content.decode()
    assert "公示满 6 个月后方可申请提前移出" in html
    assert DishonestyListing.objects.get().removed_at is None


def test_every_event_action_has_a_chinese_label():
    import re
    from pathlib import Path

    from gongkai.enforcement.models import ACTION_LABELS

    source = "".join(
        p.read_text() for p in Path(services.__file__).parent.glob("*.py")
    )  # the services package
    actions = set(re.findall(r'action="(\w+)"', source))
    assert actions and actions <= set(ACTION_LABELS)
