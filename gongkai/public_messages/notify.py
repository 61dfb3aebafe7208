"""Who hears of a message's steps (issue 15, item 5): the writer at the contact they gave (answer or
refusal), the department it is routed to, and the openness office when it is overdue."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from gongkai.accounts.roles import Role
from gongkai.accounts.selectors import staff_with_role
from gongkai.notifications.services import notify_staff
from gongkai.outbox.models import Channel
from gongkai.outbox.services import enqueue

MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")


def _email(contact: str) -> str:
    contact = (contact or "").strip()
    try:
        validate_email(contact)
    except ValidationError:
        return ""
    return contact


def notify_writer(message, *, step: str, text: str) -> None:
    """The answer (or the reason for not accepting) goes to the e-mail or mobile the writer gave."""
    label = f"您的留言（编号 {message.number}）{step}"
    email = _email(message.contact)
    if email:
        enqueue(
            channel=Channel.EMAIL,
            kind=f"message.{message.state}",
            dedupe_key=f"message:{message.pk}:{message.state}:email",
            recipient=email,
            subject=label,
            body=f"{message.name or '您好'}：\n\n{label}：\n\n{text}\n\n可用提交留言时保存的查询链接查看全文并评价。\n\n{message.agency.name}",
            agency=message.agency,
            source=message,
        )
    phone = re.sub(r"[\s-]", "", message.contact or "")
    if MOBILE.match(phone):
        enqueue(
            channel=Channel.SMS,
            kind=f"message.{message.state}",
            dedupe_key=f"message:{message.pk}:{message.state}:sms",
            recipient=phone,
            body=f"【{message.agency.name}】{label}，请用查询链接查看。",
            agency=message.agency,
            source=message,
        )


def notify_department(message) -> None:
    if message.department is None:
        return
    people = message.department.staff.filter(is_active=True, role_assignments__role=Role.DRAFTER).distinct()
    for person in people:
        notify_staff(
            person,
            kind="message.assigned",
            key=f"message-assign:{message.pk}:{message.department_id}:{person.pk}",
            subject=f"分派给本处室的留言 {message.number}：{message.subject}（答复期限 {message.due_on:%Y-%m-%d}）",
        )


def notify_deadline(message, *, escalated: bool) -> None:
    if escalated:
        people = list(staff_with_role(message.agency, Role.OPENNESS_OFFICE))
        subject = f"留言 {message.number} 已超过答复期限（{message.due_on:%Y-%m-%d}），请督办"
    else:
        people = list(message.department.staff.filter(is_active=True)) if message.department else []
        subject = f"留言 {message.number} 将于 {message.due_on:%Y-%m-%d} 到期，请及时答复"
    for person in people:
        notify_staff(
            person,
            kind="message.escalated" if escalated else "message.warned",
            key=f"message-deadline:{message.pk}:{'escalated' if escalated else 'warned'}:{person.pk}",
            subject=subject,
            urgent=escalated,
        )
