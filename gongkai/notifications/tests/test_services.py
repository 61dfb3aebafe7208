import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.ratelimit import Throttled
from gongkai.notifications import services
from gongkai.notifications.models import DigestEntry, Subscription
from gongkai.outbox.models import OutboxMessage


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


@pytest.mark.django_db
def test_nothing_is_sent_before_the_address_confirms_and_then_each_publication_once(
    agency, client, make_user
):
    services.subscribe(
        agency=agency, email="Reader@Example.org", topics=["incidents.release"], ip="203.0.113.9"
    )
    (confirmation,) = OutboxMessage.objects.filter(kind="subscription.confirm")
    assert confirmation.recipient == "reader@example.org"
    _publish_release(make_user, agency)
    assert services.fan_out() == 0  # not confirmed: nothing

    confirm_url = _links(confirmation)[0]
    response = client.get(confirm_url.replace("http://127.0.0.1:8000", ""))
    assert response.status_code == 200 and "已确认订阅" in response.content.decode()
    _publish_release(make_user, agency, title="第二次回应")
    assert services.fan_out() == 1
    assert services.fan_out() == 0  # exactly once per publication
    (mail,) = OutboxMessage.objects.filter(kind="subscription.published")
    assert "第二次回应" in mail.subject and "退订" in mail.body


@pytest.mark.django_db
def test_one_click_unsubscribe_stops_the_mail_and_a_tampered_link_is_refused(agency, client, make_user):
    (subscription,) = services.subscribe(agency=agency, email="a@example.org", topics=["incidents.release"])
    services.confirm(services.token_for(subscription, "confirm"))
    off = services.link(subscription, "unsubscribe").replace("http://127.0.0.1:8000", "")
    assert client.get(off).status_code == 200  # shows the button; nothing changed yet
    assert Subscription.objects.get().is_active
    assert client.post(off).status_code == 200  # RFC 8058 one-click POST, no CSRF token
    assert not Subscription.objects.get().is_active
    with pytest.raises(NotFound):
        services.unsubscribe(services.token_for(subscription, "unsubscribe")[:-3] + "abc")
    with pytest.raises(NotFound):  # a confirm token cannot unsubscribe and vice versa
        services.unsubscribe(services.token_for(subscription, "confirm"))
    _publish_release(make_user, agency)
    assert services.fan_out() == 0


@pytest.mark.django_db
def test_bad_input_is_refused_beside_its_field_and_one_address_is_rate_limited(agency):
    with pytest.raises(ValidationFailed) as refused:
        services.subscribe(agency=agency, email="not-an-address", topics=["incidents.release"])
    assert refused.value.field == "email"
    with pytest.raises(ValidationFailed) as refused:
        services.subscribe(agency=agency, email="a@example.org", topics=["nothing.here"])
    assert refused.value.field == "topics"
    for n in range(5):
        services.subscribe(
            agency=agency, email=f"p{n}@example.org", topics=["incidents.release"], ip="198.51.100.1"
        )
    with pytest.raises(Throttled):
        services.subscribe(
            agency=agency, email="p9@example.org", topics=["incidents.release"], ip="198.51.100.1"
        )


@pytest.mark.django_db
def test_staff_choose_email_sms_or_a_daily_digest_and_urgent_ones_skip_the_digest(make_user):
    person = make_user(Role.DRAFTER, email="chen@example.org")
    with pytest.raises(ValidationFailed) as refused:
        services.save_preference(actor=person, by_email=True, by_sms=True, mobile="12345")
    assert refused.value.field == "mobile"
    services.save_preference(actor=person, by_email=True, by_sms=True, mobile="138 0013 8000")
    services.notify_staff(person, kind="t", key="k1", subject="分派给您的申请")
    assert set(OutboxMessage.objects.values_list("channel", "recipient")) == {
        ("email", "chen@example.org"),
        ("sms", "13800138000"),
    }
    OutboxMessage.objects.all().delete()
    services.save_preference(actor=person, by_email=True, by_sms=False, daily_digest=True)
    services.notify_staff(person, kind="t", key="k2", subject="即将到期")
    services.notify_staff(person, kind="t", key="k2", subject="即将到期")  # same key: once
    services.notify_staff(person, kind="t", key="k3", subject="舆情将超时", urgent=True)
    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["舆情将超时"]
    assert DigestEntry.objects.count() == 1
    assert services.send_digests(timezone.now()) == 1
    digest = OutboxMessage.objects.get(kind="staff.digest")
    assert "即将到期" in digest.body and "1 项" in digest.subject
    assert services.send_digests(timezone.now() + timedelta(days=1)) == 0


def _publish_release(make_user, agency, title="关于网传问题的说明"):
    from gongkai.incidents import services as incidents
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    spokes = make_user(Role.SPOKESPERSON)
    leader = make_user(Role.APPROVER)
    incident = incidents.register_incident(
        actor=spokes,
        title="舆情",
        source="weibo",
        first_seen_at=timezone.now() - timedelta(hours=1),
        summary="概要",
        severity="general",
        severity_reason="理由",
    )
    release = incidents.draft_release(actor=spokes, incident=incident, title=title, body="正文。")
    publishing.submit(actor=spokes, workflow=workflow_for(release))
    publishing.urgent_approve(actor=leader, workflow=workflow_for(release), reason="紧急")
    return release
