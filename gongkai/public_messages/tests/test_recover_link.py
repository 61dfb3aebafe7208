"""Issue 11 item 28: publishing a message needs a tick (个人信息保护法 Art. 14: consent is explicit, never
a default), and a lost tracking link is recovered with the 留言编号 and the contact given, without
telling anyone whether a number exists, and with a rate limit."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.ratelimit import Throttled
from gongkai.public_messages import services
from gongkai.public_messages.forms import MessageForm
from gongkai.public_messages.models import LinkRecoveryAttempt, MessageEvent

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def message(agency):
    m, token = services.submit_message(
        agency=agency,
        category="consultation",
        subject="统计年鉴下载",
        body="请问2025年统计年鉴在哪里下载？",
        contact="138 0000 1234",
        ip="10.9.0.1",
        now=NOW,
    )
    return m, token


def test_the_consent_box_is_unticked_by_default(client, agency):
    assert MessageForm().fields["wants_publication"].initial is False
    page = client.get(reverse("public_messages:write")).content.decode()
    box = (
        page.split('name="wants_publication"')[0].rsplit("<input", 1)[1]
        + page.split('name="wants_publication"')[1].split(">", 1)[0]
    )
    assert "checked" not in box


def test_a_message_without_the_tick_is_not_for_publication(client, agency):
    form = {"category": "suggestion", "subject": "建议", "body": "建议在统计数据库中增加季度数据。"}
    response = client.post(reverse("public_messages:write"), form, REMOTE_ADDR="10.9.0.2")
    assert response.status_code == 302
    from gongkai.public_messages.models import Message

    assert Message.objects.get().wants_publication is False


def test_number_and_contact_give_a_new_link_and_the_old_one_stops(client, agency, message):
    m, old_token = message
    # the contact as typed differently: full-width digits, hyphens
    renewed, token = services.recover_tracking_link(
        agency=agency, number=m.number.lower(), contact="１３８-0000-1234", ip="10.9.1.1", now=NOW
    )
    assert renewed.pk == m.pk and token != old_token
    assert client.get(reverse("public_messages:track", args=[m.number, token])).status_code == 200
    assert client.get(reverse("public_messages:track", args=[m.number, old_token])).status_code == 404
    assert MessageEvent.objects.filter(message=m, verb="link_reissued").count() == 1
    assert AuditEvent.objects.filter(verb="message.link_reissued", object_id=str(m.pk)).count() == 1
    assert LinkRecoveryAttempt.objects.get().succeeded is True


@pytest.mark.parametrize(
    ("number", "contact"),
    [("LY202611030001", "13800001235"), ("LY209901010001", "13800001234")],
    ids=["wrong-contact", "no-such-number"],
)
def test_a_wrong_contact_and_an_unknown_number_get_the_same_answer(agency, message, number, contact):
    m, _ = message
    number = m.number if number.startswith("LY2026") else number
    with pytest.raises(NotFound) as refused:
        services.recover_tracking_link(agency=agency, number=number, contact=contact, ip="10.9.1.2", now=NOW)
    assert refused.value.message == services.RECOVERY_REFUSED


def test_a_message_without_contact_cannot_be_recovered(agency):
    m, _ = services.submit_message(
        agency=agency,
        category="consultation",
        subject="无联系方式",
        body="请问统计公报几月发布？",
        ip="10.9.0.3",
    )
    with pytest.raises(NotFound):
        services.recover_tracking_link(agency=agency, number=m.number, contact="13800001234", ip="10.9.1.3")
    # the empty contact is refused as input before any lookup
    with pytest.raises(ValidationFailed):
        services.recover_tracking_link(agency=agency, number=m.number, contact=" ", ip="10.9.1.3")


def test_attempts_are_limited_per_number_whatever_the_address(agency, message):
    m, _ = message
    for i in range(5):
        with pytest.raises(NotFound):
            services.recover_tracking_link(
                agency=agency, number=m.number, contact=f"1390000000{i}", ip=f"10.9.2.{i}", now=NOW
            )
    with pytest.raises(Throttled):  # even the right contact, from a new address, waits
        services.recover_tracking_link(
            agency=agency, number=m.number, contact="13800001234", ip="10.9.3.1", now=NOW
        )
    later = NOW + timedelta(days=1, minutes=1)
    assert (
        services.recover_tracking_link(
            agency=agency, number=m.number, contact="13800001234", ip="10.9.3.1", now=later
        )[0].pk
        == m.pk
    )


def test_attempts_are_limited_per_address(agency, message):
    for i in range(5):
        with pytest.raises(NotFound):
            services.recover_tracking_link(
                agency=agency, number=f"LY2099010100{i:02d}", contact="x", ip="10.9.4.1", now=NOW
            )
    with pytest.raises(Throttled):
        services.recover_tracking_link(
            agency=agency, number="LY209901019999", contact="x", ip="10.9.4.1", now=NOW
        )


def test_the_recovery_page_redirects_to_the_case_or_says_why_not(client, agency, message):
    m, _ = message
    url = reverse("public_messages:recover")
    page = client.get(url)
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex, nofollow"
    refused = client.post(url, {"number": m.number, "contact": "13900000000"}, REMOTE_ADDR="10.9.5.1")
    assert refused.status_code == 404
    body = refused.content.decode()
    assert services.RECOVERY_REFUSED in body and 'value="13900000000"' in body  # kept what was typed
    assert m.subject not in body  # nothing of the case leaks
    found = client.post(url, {"number": m.number, "contact": "13800001234"}, REMOTE_ADDR="10.9.5.1")
    assert found.status_code == 302 and found["Location"].startswith(f"/hdjl/ly/{m.number}/")
    assert "统计年鉴下载" in client.get(found["Location"]).content.decode()
    empty = client.post(url, {"number": "", "contact": ""}, REMOTE_ADDR="10.9.5.1")
    assert empty.status_code == 400 and "has-error" in empty.content.decode()
