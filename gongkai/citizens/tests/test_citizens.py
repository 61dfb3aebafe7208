"""Issue 18 item 5: optional sign-in with a one-time code (e-mail through the outbox, SMS through the
outbox's SMS gateway; hashed, expiring, throttled in the shared cache); one page of the citizen's
requests, messages, comments and subscriptions across agencies; never office access."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.citizens import services
from gongkai.citizens.models import Citizen, SignInCode
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.ratelimit import Throttled
from gongkai.foi_requests import services as foi_services
from gongkai.foi_requests.tests.conftest import application
from gongkai.outbox.models import OutboxMessage


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def sent_code(recipient: str) -> str:
    message = OutboxMessage.objects.filter(kind="citizen.code", recipient=recipient).latest("id")
    return re.search(r"验证码：(\d{6})", message.body).group(1)


def sign_in(client, identifier: str) -> None:
    assert client.post("/my/sign-in/", {"identifier": identifier}).status_code == 200
    kind, value = services.normalise(identifier)
    response = client.post("/my/sign-in/verify/", {"identifier": identifier, "code": sent_code(value)})
    assert response.status_code == 302 and response["Location"] == "/my/"


def test_email_code_goes_through_the_outbox_and_is_stored_only_hashed(db):
    row = services.send_code(identifier="Zhang@Example.com ")
    message = OutboxMessage.objects.get(kind="citizen.code")
    assert message.channel == "email" and message.recipient == "zhang@example.com"
    code = sent_code("zhang@example.com")
    assert code not in row.code_hash and "zhang" not in row.identifier_hash
    citizen = services.verify_code(identifier="zhang@example.com", code=code)
    assert citizen.email == "zhang@example.com" and citizen.mobile is None
    with pytest.raises(ValidationFailed, match="已失效"):  # used once
        services.verify_code(identifier="zhang@example.com", code=code)
    assert AuditEvent.objects.filter(verb="citizen.signed_in").count() == 1


def test_mobile_code_goes_through_the_sms_gateway(db):
    services.send_code(identifier="138 0000 0000")
    message = OutboxMessage.objects.get(kind="citizen.code")
    assert message.channel == "sms" and message.recipient == "13800000000"


def test_codes_expire_and_allow_five_tries(db):
    now = timezone.now()
    services.send_code(identifier="a@example.com", now=now)
    code = sent_code("a@example.com")
    with pytest.raises(ValidationFailed, match="已失效"):
        services.verify_code(identifier="a@example.com", code=code, now=now + timedelta(minutes=11))
    cache.clear()
    services.send_code(identifier="b@example.com", now=now)
    code = sent_code("b@example.com")
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationFailed, match=f"还可再试 {left} 次"):
            services.verify_code(identifier="b@example.com", code=wrong, now=now)
    with pytest.raises(ValidationFailed, match="已失效"):
        services.verify_code(identifier="b@example.com", code=wrong, now=now)
    with pytest.raises(ValidationFailed, match="已失效"):  # even the right code, after five wrong ones
        services.verify_code(identifier="b@example.com", code=code, now=now)


def test_sending_is_throttled_in_the_shared_cache(db):
    for _ in range(3):
        services.send_code(identifier="c@example.com")
    with pytest.raises(Throttled):
        services.send_code(identifier="c@example.com")
    assert SignInCode.objects.count() == 3


def test_bad_identifier_is_refused_beside_the_field(client, db):
    response = client.post("/my/sign-in/", {"identifier": "not-an-address"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "请填写有效的电子邮箱或 11 位手机号码" in body and 'value="not-an-address"' in body


def test_one_page_shows_records_across_agencies_matched_by_verified_contact(
    client, agency, other_agency, office_user
):
    from gongkai.consultations.models import Comment, Consultation
    from gongkai.core import ratelimit
    from gongkai.notifications.models import Subscription
    from gongkai.public_messages.models import Message

    mine_a = foi_services.submit_application(
        agency=agency, data=application(email="li@example.com", description="甲机关的文件")
    )
    mine_b = foi_services.submit_application(
        agency=other_agency, data=application(email="LI@example.com", description="乙机关的文件")
    )
    foi_services.submit_application(
        agency=agency, data=application(email="other@example.com", description="别人的申请")
    )
    now = timezone.now()
    Message.objects.create(
        agency=other_agency,
        category="consult",
        subject="公交线路",
        body="…",
        contact="li@example.com",
        contact_hash=ratelimit.fingerprint("li@example.com", purpose="contact"),
        received_at=now,
        warn_on=now.date(),
        due_on=now.date(),
    )
    consultation = Consultation.objects.create(
        agency=agency,
        title="养犬管理办法（草案）",
        opens_at=now,
        closes_at=now + timedelta(days=30),
        created_by=office_user,
    )
    Comment.objects.create(
        consultation=consultation,
        body="建议放宽。",
        contact="li@example.com",
        contact_hash=ratelimit.fingerprint("li@example.com", purpose="contact"),
        submitted_at=now,
    )
    Subscription.objects.create(
        agency=other_agency, email="li@example.com", topic="catalogue.itemrevision", confirmed_at=now
    )
    # Without signing in, /my/ asks to sign in; the secret links keep working.
    assert client.get("/my/")["Location"] == "/my/sign-in/"
    assert client.get(f"/xxgk/ysqgk/track/{mine_a.tracking_number}/{mine_a.link_token}/").status_code == 200
    sign_in(client, "li@example.com")
    page = client.get("/my/").content.decode()
    assert (
        mine_a.tracking_number in page
        and mine_b.tracking_number in page
        and mine_b.link_token not in page  # only a hash is stored: the page cannot hold the secret link
        and agency.name in page
        and other_agency.name in page
    )
    assert "公交线路" in page and "养犬管理办法（草案）" in page and "退订" in page
    assert "别人的申请" not in page


def test_adding_a_mobile_to_the_account_shows_what_was_filed_with_it(client, agency):
    r = foi_services.submit_application(
        agency=agency, data=application(email="", phone="13911112222", delivery_channel="post")
    )
    sign_in(client, "wang@example.com")
    assert r.tracking_number not in client.get("/my/").content.decode()
    sign_in(client, "13911112222")
    citizen = Citizen.objects.get()
    assert citizen.email == "wang@example.com" and citizen.mobile == "13911112222"
    assert r.tracking_number in client.get("/my/").content.decode()


def test_a_citizen_session_never_grants_office_access(client, agency, office_user):
    sign_in(client, "zhao@example.com")
    for path in ("/office/", "/office/foi/", "/office/city/", "/office/city/notices/"):
        response = client.get(path)
        assert response.status_code == 302 and "/office/login/" in response["Location"], path
    assert client.get("/api/v1/requests").status_code == 401
    client.post("/my/sign-out/")
    assert client.get("/my/").status_code == 302
