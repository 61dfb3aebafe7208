import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import ValidationFailed
from gongkai.core.ratelimit import Throttled
from gongkai.notifications import services
from gongkai.notifications.models import DigestEntry
from gongkai.outbox.models import OutboxMessage


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


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
