from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.newmedia import selectors, services
from gongkai.newmedia.models import Account
from gongkai.outbox.models import WebhookEndpoint
from gongkai.outbox.services import deliver_due
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gongkaiban")


def _account(office, **overrides):
    data = {
        "platform": "wechat",
        "name": "福州统计",
        "account_id": "gh_demo_fzstats",
        "department": None,
        "url": "https://mp.example.com/fzstats",
        "registration_number": "",
        "opened_on": date(2020, 5, 1),
        "endpoint": None,
    }
    data.update(overrides)
    return services.save_account(actor=office, **data)


@pytest.mark.django_db
def test_an_account_not_updated_for_two_weeks_is_flagged(office):
    account = _account(office)
    now = timezone.now()
    services.record_update(actor=office, account=account, at=now - timedelta(days=13, hours=23))
    assert not selectors.is_stale(account, now)
    assert selectors.is_stale(account, now + timedelta(hours=2))  # 14 days passed
    never = _account(office, platform="weibo", account_id="fzstats", name="福州统计微博")
    assert selectors.is_stale(never, now)  # opened years ago, never updated


@pytest.mark.django_db
def test_closing_needs_a_reason_and_a_closed_account_takes_no_posts(office):
    account = _account(office)
    with pytest.raises(ValidationFailed):
        services.close_account(actor=office, account=account, on=date.today(), reason="")
    services.close_account(actor=office, account=account, on=timezone.localdate(), reason="整合到市政府账号")
    account.refresh_from_db()
    assert account.status == Account.Status.CLOSED and [e.verb for e in account.events.all()] == [
        "opened",
        "closed",
    ]
    with pytest.raises(InvalidTransition):
        services.close_account(actor=office, account=account, on=timezone.localdate(), reason="again")
    with pytest.raises(ValidationFailed) as refused:
        services.draft_post(
            actor=office, title="t", summary="s", link="https://example.org", accounts=[account]
        )
    assert refused.value.field == "accounts"
    assert not selectors.public_accounts(office.agency).exists()


@pytest.mark.django_db
def test_a_reviewed_post_reaches_the_platform_bridge_as_a_verified_signed_webhook(
    office, make_user, agency, webhook_receiver
):
    endpoint = WebhookEndpoint.objects.create(
        agency=agency, name="微信发布桥", url=webhook_receiver.url, secret=webhook_receiver.secret
    )
    account = _account(office, endpoint=endpoint)
    post = services.draft_post(
        actor=office,
        title="2026年11月全市居民消费价格运行情况",
        summary="11月全市居民消费价格同比上涨0.5%（演示）。",
        link="https://tjj.example.gov.cn/sjfb/releases/1/",
        accounts=[account],
    )
    workflow = workflow_for(post)
    publishing.submit(actor=office, workflow=workflow)
    publishing.pass_review(actor=make_user(Role.CONFIDENTIALITY_REVIEWER), workflow=workflow)
    assert deliver_due()["sent"] == 0  # nothing leaves before approval
    publishing.approve(actor=make_user(Role.APPROVER), workflow=workflow)
    assert deliver_due() == {"sent": 1, "failed": 0}
    (delivery,) = webhook_receiver.accepted
    assert delivery["payload"]["title"] == "2026年11月全市居民消费价格运行情况"
    assert (
        delivery["payload"]["platform"] == "wechat" and delivery["payload"]["account_id"] == "gh_demo_fzstats"
    )
    account.refresh_from_db()
    assert account.last_post_at is not None and not selectors.is_stale(account)


@pytest.mark.django_db
def test_public_register_shows_active_accounts_with_their_qr(client, office):
    account = _account(office)
    html = client.get("/xwfb/xmt/").content.decode()
    assert "福州统计" in html and f"/xwfb/xmt/{account.pk}/qr/" in html
    response = client.get(f"/xwfb/xmt/{account.pk}/qr/")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"


@pytest.mark.django_db
def test_demo_has_three_accounts_one_stale(office, agency):
    from gongkai.newmedia.demo import load_newmedia

    load_newmedia(agency=agency, users={"gongkaiban": office})
    load_newmedia(agency=agency, users={"gongkaiban": office})
    assert Account.objects.count() == 3
    assert [a.platform for a in selectors.stale_accounts(agency)] == ["douyin"]
