"""A message's steps reach people (issue 15): the writer's answer by e-mail/SMS, the department on routing,
the openness office when it is overdue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.outbox.models import OutboxMessage
from gongkai.public_messages import services


def _submit(agency, contact):
    message, _ = services.submit_message(
        agency=agency,
        category="consultation",
        subject="统计公报何时发布",
        body="请问2026年统计公报什么时候发布？",
        name="市民",
        contact=contact,
        wants_publication=False,
        ip="203.0.113.20",
    )
    return message


@pytest.mark.django_db
def test_the_answer_reaches_the_writer_at_the_email_given_and_the_department_hears_of_the_routing(
    agency, make_user, department
):
    office = make_user(Role.OPENNESS_OFFICE)
    drafter = make_user(Role.DRAFTER, department=department, email="drafter@example.org")
    message = _submit(agency, "reader@example.org")
    services.assign(actor=office, message=message, department=department)
    assert OutboxMessage.objects.filter(recipient="drafter@example.org", kind="message.assigned").count() == 1
    services.reply(actor=drafter, message=message, text="2026年统计公报将于2027年3月发布。")
    (answer,) = OutboxMessage.objects.filter(recipient="reader@example.org")
    assert "已答复" in answer.subject and "2027年3月" in answer.body


@pytest.mark.django_db
def test_a_mobile_contact_gets_an_sms_and_an_overdue_message_is_escalated_to_the_office(
    agency, make_user, department
):
    office = make_user(Role.OPENNESS_OFFICE, email="office@example.org")
    message = _submit(agency, "138 0013 8000")
    services.assign(actor=office, message=message, department=department)
    services.reject(actor=office, message=message, reason="与本机关职责无关")
    assert OutboxMessage.objects.filter(channel="sms", recipient="13800138000").count() == 1
    _submit(agency, "")  # still open, and no contact: only the office hears when it is overdue
    services.check_deadlines(timezone.now() + timedelta(days=30))
    services.check_deadlines(timezone.now() + timedelta(days=31))  # once
    assert OutboxMessage.objects.filter(recipient="office@example.org", kind="message.escalated").count() == 1
