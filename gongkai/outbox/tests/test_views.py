import pytest

from gongkai.accounts.roles import Role
from gongkai.outbox import services
from gongkai.outbox.models import Channel, OutboxMessage, Status, WebhookEndpoint


@pytest.mark.django_db
def test_the_monitor_shows_failures_and_the_office_can_send_again(staff_client, make_user, agency):
    message = services.enqueue(
        channel=Channel.SMS, kind="t", dedupe_key="v1", recipient="13800138000", agency=agency
    )
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.DEAD, last_error="网关不可达")
    office = staff_client(make_user(Role.OPENNESS_OFFICE))
    html = office.get("/office/outbox/?status=dead").content.decode()
    assert "13800138000" in html and "网关不可达" in html
    assert office.post(f"/office/outbox/{message.pk}/retry/").status_code == 302
    message.refresh_from_db()
    assert message.status == Status.PENDING
    drafter = staff_client(make_user(Role.DRAFTER))
    assert drafter.get("/office/outbox/").status_code == 403


@pytest.mark.django_db
def test_endpoint_form_refuses_a_short_secret_beside_the_field(staff_client, make_user):
    office = staff_client(make_user(Role.ADMINISTRATOR))
    response = office.post(
        "/office/outbox/endpoints/new/", {"name": "新媒体", "url": "https://example.org/h", "secret": "short"}
    )
    assert response.status_code == 200 and "16" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()
    office.post(
        "/office/outbox/endpoints/new/",
        {"name": "新媒体", "url": "https://example.org/h", "secret": "s" * 20, "is_active": "on"},
    )
    assert WebhookEndpoint.objects.get().name == "新媒体"
