"""Every step of a request reaches the applicant at the contact they gave (issue 15, item 5).

Called by `services.recording._event` inside the transaction that records the step, so that the message exists
exactly when the step does (the outbox delivers it). E-mail carries the letter or notice as a Word file;
a mobile number gets a short SMS with the link to the case.
"""

import re

from django.conf import settings
from django.urls import reverse

from gongkai.outbox.models import Channel
from gongkai.outbox.services import enqueue

from . import letters

# event kind -> what the applicant is told (the subject line)
SUBJECTS = {
    "submitted": "已收到您的政府信息公开申请",
    "confirm_receipt": "您的政府信息公开申请已受理",
    "request_supplement": "请补正您的政府信息公开申请",
    "receive_supplement": "已收到您的补正材料",
    "supplement_lapsed": "您的申请因逾期未补正已终止",
    "extend": "您的申请答复期限已延长",
    "fee_notice": "政府信息公开信息处理费收费通知",
    "fee_paid": "已确认您缴纳的信息处理费",
    "fee_lapsed": "您的申请因逾期未缴费已终止",
    "answer": "您的政府信息公开申请已作出答复",
    "withdraw": "您的政府信息公开申请已撤回",
}
MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _base() -> str:
    return getattr(settings, "GONGKAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def case_link(foi_request, token: str = "") -> str:
    """The applicant's secret link, known only while the request is being created (the raw token is
    never stored, ADR 0032); later messages point to the tracking form instead, where the applicant
    enters the number and the query code from the first message."""
    if token:
        return _base() + reverse("foi:track", args=[foi_request.tracking_number, token])
    return _base() + reverse("foi:track_form")


def _attachment(foi_request, event) -> list[tuple[str, bytes, str]]:
    if event.kind == "answer":
        return [(f"答复书-{foi_request.tracking_number}.docx", letters.letter_docx(foi_request), DOCX)]
    if event.kind in letters.NOTICES:
        notice = letters.notice_for(foi_request, event.pk)
        if notice:
            return [
                (f"{notice['title']}-{foi_request.tracking_number}.docx", letters.notice_docx(notice), DOCX)
            ]
    return []


def notify_applicant(foi_request, event) -> None:
    subject = SUBJECTS.get(event.kind)
    if subject is None or not event.is_public:
        return
    # Only the first message carries the secret link: the raw token exists only at creation.
    token = getattr(foi_request, "link_token", "") if event.kind == "submitted" else ""
    link = case_link(foi_request, token)
    secret = bool(token)
    step = event.public_note or event.get_kind_display()
    agency = foi_request.agency.name
    if secret:
        where = (
            f"办理进度、告知书和答复书请见：\n{link}\n\n此链接即您查询申请的凭据，请妥善保存，不要转发他人。"
        )
    else:
        where = (
            f"办理进度、告知书和答复书请用提交申请时收到的查询链接查看，或在 {link} 输入申请编号和查询码。"
        )
    if foi_request.email:
        body = (
            f"{foi_request.applicant_name}：\n\n"
            f"您的政府信息公开申请（申请编号 {foi_request.tracking_number}）有新的进展：{step}\n\n"
            f"{where}\n\n"
            f"{agency}"
        )
        enqueue(
            channel=Channel.EMAIL,
            kind=f"foi.{event.kind}",
            dedupe_key=f"foi-event:{event.pk}:email",
            recipient=foi_request.email,
            subject=f"{subject}（{foi_request.tracking_number}）",
            body=body,
            agency=foi_request.agency,
            source=event,
            attachments=_attachment(foi_request, event),
            holds_secret=secret,
        )
    phone = re.sub(r"[\s-]", "", foi_request.phone or "")
    if MOBILE.match(phone):
        enqueue(
            channel=Channel.SMS,
            kind=f"foi.{event.kind}",
            dedupe_key=f"foi-event:{event.pk}:sms",
            recipient=phone,
            body=f"【{agency}】您的政府信息公开申请{foi_request.tracking_number}：{subject}。详情：{link}",
            agency=foi_request.agency,
            source=event,
            holds_secret=secret,
        )


def notify_assignment(foi_request, handler) -> None:
    """The handler named on assignment hears of it (by their notification settings)."""
    from gongkai.notifications.services import notify_staff

    if handler is None:
        return
    notify_staff(
        handler,
        kind="foi.assigned",
        key=f"foi-assign:{foi_request.pk}:{handler.pk}:{foi_request.answer_due_on}",
        subject=f"分派给您的政府信息公开申请 {foi_request.tracking_number}（答复期限 {foi_request.answer_due_on or '待确认'}）",
        body=f"申请内容：{foi_request.description[:200]}",
    )


def notify_reminder(reminder) -> None:
    """A request near or past its answer date: the handler, else the department's 承办人 (urgent when overdue)."""
    from gongkai.accounts.roles import Role
    from gongkai.notifications.services import notify_staff

    if reminder.handler is not None:
        people = [reminder.handler]
    elif reminder.department is not None:
        people = list(
            reminder.department.staff.filter(is_active=True, role_assignments__role=Role.DRAFTER).distinct()
        )
    else:
        people = []
    for person in people:
        notify_staff(
            person,
            kind=f"foi.{reminder.kind}",
            key=f"foi-reminder:{reminder.pk}:{person.pk}",
            subject=reminder.message,
            urgent=reminder.kind == "overdue",
        )
