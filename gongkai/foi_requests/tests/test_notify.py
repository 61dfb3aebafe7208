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
    answer_mail = to_applicant[-1]
    assert (
        f"/xxgk/ysqgk/track/{request.tracking_number}/{request.token}/"
        in answer_mail.get_body(("plain",)).get_content()
    )
    (attachment,) = list(answer_mail.iter_attachments())
    assert attachment.get_filename() == f"答复书-{request.tracking_number}.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(attachment.get_content())).paragraphs)
    assert "现将2025年福州市规模以上工业企业名录提供给您" in text
    # The applicant's mobile number gets the same steps as SMS (no gateway configured here: given up, shown).
    assert OutboxMessage.objects.filter(channel="sms", recipient="13800000000").count() == 3


@pytest.mark.django_db
def test_no_contact_no_message_and_an_internal_note_never_reaches_the_applicant(agency, office):
    request = services.submit_application(agency=agency, data=application(email="", phone="0591-87654321"))
    services.confirm_receipt(actor=office, foi_request=request)
    assert OutboxMessage.objects.count() == 0
