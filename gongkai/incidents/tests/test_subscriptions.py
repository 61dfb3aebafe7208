"""Citizens subscribed to 热点回应 hear of each new release once (notifications fan-out, issue 15)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import NotFound
from gongkai.notifications import services
from gongkai.notifications.models import Subscription
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
