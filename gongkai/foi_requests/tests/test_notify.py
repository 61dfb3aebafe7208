"""Every step reaches the applicant (issue 15, item 5): recorded → outbox → a real SMTP server."""

import io

import pytest
from docx import Document

from gongkai.foi_requests import services
from gongkai.outbox.models import OutboxMessage
from gongkai.outbox.services import deliver_due

from .conftest import application


@pytest.fixture
def office(office_user):
    return office_user


@pytest.mark.django_db
def test_an_answer_reaches_the_applicant_by_email_with_the_letter_attached(agency, office, smtp_server):
    request = services.submit_application(agency=agency, data=application())
    services.confirm_receipt(actor=office, foi_request=request)
    services.answer(
        actor=office,
        foi_request=request,
        outcome="disclosed",
        text="现将2025年福州市规模以上工业企业名录提供给您。",
        letter_number="榕统依复〔2026〕9号",
    )
    deliver_due()
    assert set(OutboxMessage.objects.filter(channel="email").values_list("status", flat=True)) == {"sent"}
    to_applicant = [m for m in smtp_server.messages if m["To"] == "zhang@example.com"]
    subjects = [str(m["Subject"]).strip() for m in to_applicant]
    assert subjects == [
        f"已收到您的政府信息公开申请（{request.tracking_number}）",
        f"您的政府信息公开申请已受理（{request.tracking_number}）",
        f"您的政府信息公开申请已作出答复（{request.tracking_number}）",
    ]
    # The first message carries the secret link (the raw token exists only at creation, ADR 0032);
    # later ones name the number and the tracking form, never the token.
    link = f"/xxgk/ysqgk/track/{request.tracking_number}/{request.link_token}/"
    assert link in to_applicant[0].get_body(("plain",)).get_content()
    answer_mail = to_applicant[-1]
    answer_text = answer_mail.get_body(("plain",)).get_content()
    assert request.link_token not in answer_text
    assert "/xxgk/ysqgk/track/" in answer_text and request.tracking_number in answer_text
    # Delivered, the stored copy of the first e-mail no longer holds the token.
    first = OutboxMessage.objects.get(channel="email", kind="foi.submitted")
    assert request.link_token not in first.body and not first.holds_secret
    (attachment,) = list(answer_mail.iter_attachments())
    assert attachment.get_filename() == f"答复书-{request.tracking_number}.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(attachment.get_content())).paragraphs)
    assert "现将2025年福州市规模以上工业企业名录提供给您" in text
    # The applicant's mobile number gets the same steps as SMS (no gateway configured here: given up, shown).
    assert OutboxMessage.objects.filter(channel="sms", recipient="13800000000").count() == 3


@pytest.mark.django_db
def test_staff_never_see_the_secret_link_of_a_waiting_message(agency, office, client):
    request = services.submit_application(agency=agency, data=application())
    message = OutboxMessage.objects.get(channel="email", kind="foi.submitted")
    assert message.holds_secret and request.link_token in message.body  # needed to deliver it
    client.force_login(office)
    page = client.get(f"/office/outbox/{message.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and request.link_token not in text and "查询链接已隐去" in text


@pytest.mark.django_db
def test_no_contact_no_message_and_an_internal_note_never_reaches_the_applicant(agency, office):
    request = services.submit_application(agency=agency, data=application(email="", phone="0591-87654321"))
    services.confirm_receipt(actor=office, foi_request=request)
    assert OutboxMessage.objects.count() == 0
