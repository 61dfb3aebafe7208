"""Every write of 政务新媒体: register, change and close accounts; draft posts; send them once published."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.outbox.models import Channel
from gongkai.outbox.services import enqueue
from gongkai.workdays.selectors import legal_today

from .models import Account, AccountEvent, Platform, Post

FIELDS = (
    "platform",
    "name",
    "account_id",
    "department",
    "url",
    "registration_number",
    "opened_on",
    "endpoint",
)


def _clean(actor, data: dict) -> dict:
    if data.get("platform") not in Platform.values:
        raise ValidationFailed("请选择平台。", field="platform")
    for field, label in (("name", "账号名称"), ("account_id", "账号 ID")):
        data[field] = (data.get(field) or "").strip()
        if not data[field]:
            raise ValidationFailed(f"请填写{label}。", field=field)
    opened = data.get("opened_on")
    if opened is None:
        raise ValidationFailed("请填写开设日期。", field="opened_on")
    if opened > legal_today():
        raise ValidationFailed("开设日期不能晚于今天。", field="opened_on")
    department = data.get("department")
    if department is not None and department.agency_id != actor.agency_id:
        raise ValidationFailed("主办处室须为本机关处室。", field="department")
    endpoint = data.get("endpoint")
    if endpoint is not None and endpoint.agency_id != actor.agency_id:
        raise ValidationFailed("发布接口须为本机关配置的接口。", field="endpoint")
    return data


def save_account(*, actor, account: Account | None = None, qr_image=None, **data) -> Account:
    require(actor, "newmedia.manage", account, department_field=None)
    data = _clean(actor, {k: data.get(k) for k in FIELDS})
    with transaction.atomic():
        if account is None:
            account = Account(agency=actor.agency)
            verb, on = "opened", data["opened_on"]
        else:
            account = fetch_for(actor, Account, account.pk, lock=True, department_field=None)
            if account.status == Account.Status.CLOSED:
                raise InvalidTransition("账号已关停，不能修改。")
            verb, on = "changed", legal_today()
        for field, value in data.items():
            setattr(account, field, value)
        if qr_image is not None:
            account.qr_image = qr_image
        if (
            Account.objects.filter(
                agency=account.agency, platform=account.platform, account_id=account.account_id
            )
            .exclude(pk=account.pk)
            .exists()
        ):
            raise ValidationFailed("该平台上已登记此账号 ID。", field="account_id")
        account.save()
        AccountEvent.objects.create(
            account=account, verb=verb, on=on, actor=user_or_none(actor), note=account.name
        )
        audit.record(actor=actor, verb=f"newmedia.account_{verb}", obj=account, after={"name": account.name})
    return account


def close_account(*, actor, account: Account, on: date, reason: str) -> Account:
    """关停 with its date and reason (国办发〔2018〕123号: opening and closing are registered)."""
    require(actor, "newmedia.manage", account, department_field=None)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写关停原因。", field="reason")
    with transaction.atomic():
        locked = fetch_for(actor, Account, account.pk, lock=True, department_field=None)
        if locked.status == Account.Status.CLOSED:
            raise InvalidTransition("账号已关停。")
        if on is None or on < locked.opened_on or on > legal_today():
            raise ValidationFailed("关停日期须在开设日期之后且不晚于今天。", field="on")
        locked.status, locked.closed_on, locked.closing_reason = Account.Status.CLOSED, on, reason[:300]
        locked.save(update_fields=["status", "closed_on", "closing_reason"])
        AccountEvent.objects.create(
            account=locked, verb="closed", on=on, actor=user_or_none(actor), note=reason[:300]
        )
        audit.record(
            actor=actor, verb="newmedia.account_closed", obj=locked, after={"on": on, "reason": reason}
        )
    return locked


def record_update(*, actor, account: Account, at: datetime | None = None) -> Account:
    """The account was updated on its platform outside Gongkai (the office records the date)."""
    require(actor, "newmedia.manage", account, department_field=None)
    at = at or timezone.now()
    if at > timezone.now():
        raise ValidationFailed("更新时间不能晚于现在。", field="at")
    with transaction.atomic():
        locked = fetch_for(actor, Account, account.pk, lock=True, department_field=None)
        if locked.last_post_at is None or locked.last_post_at < at:
            locked.last_post_at = at
            locked.save(update_fields=["last_post_at"])
        audit.record(actor=actor, verb="newmedia.update_recorded", obj=locked, after={"at": at})
    return locked


def draft_post(
    *, actor, title: str, summary: str, link: str, accounts, image_url: str = "", source_workflow=None
) -> Post:
    """A post for the chosen active accounts, entering the publication workflow as a draft."""
    from gongkai.publishing.services import start_workflow

    require(actor, "newmedia.post")
    title, summary, link = (title or "").strip(), (summary or "").strip(), (link or "").strip()
    if not title:
        raise ValidationFailed("请填写标题。", field="title")
    if len(title) > 120:
        raise ValidationFailed("标题不能超过 120 字。", field="title")
    if not summary:
        raise ValidationFailed("请填写摘要。", field="summary")
    if not link.startswith(("http://", "https://")):
        raise ValidationFailed("原文链接须以 http:// 或 https:// 开头。", field="link")
    accounts = list(accounts)
    if not accounts:
        raise ValidationFailed("请至少选择一个发布账号。", field="accounts")
    if any(a.agency_id != actor.agency_id or a.status != Account.Status.ACTIVE for a in accounts):
        raise ValidationFailed("只能发布到本机关运营中的账号。", field="accounts")
    with transaction.atomic():
        post = Post.objects.create(
            agency=actor.agency,
            title=title,
            summary=summary[:300],
            link=link,
            image_url=(image_url or "").strip(),
            source_workflow=source_workflow,
            author=user_or_none(actor),
        )
        post.accounts.set(accounts)
        start_workflow(actor=actor, obj=post)
        audit.record(actor=actor, verb="newmedia.post_drafted", obj=post, after={"title": title})
    return post


def payload(post: Post, account: Account) -> dict:
    """The post in the shape the platforms take."""
    return {
        "platform": account.platform,
        "account_id": account.account_id,
        "account_name": account.name,
        "title": post.title,
        "summary": post.summary,
        "link": post.link,
        "image": post.image_url,
        "post_id": post.pk,
    }


def send_post(post: Post, *, actor, at: datetime) -> int:
    """Called by the publishing adapter inside the publishing transaction: one signed webhook per account
    with a publishing interface, written to the outbox in the same transaction (so exactly once)."""
    sent = 0
    for account in post.accounts.select_related("endpoint"):
        if account.endpoint is not None and account.endpoint.is_active:
            enqueue(
                channel=Channel.WEBHOOK,
                kind="newmedia.post",
                dedupe_key=f"newmedia-post:{post.pk}:{account.pk}",
                endpoint=account.endpoint,
                payload=payload(post, account),
                agency=post.agency,
                source=post,
            )
            sent += 1
        account.last_post_at = at
        account.save(update_fields=["last_post_at"])
        AccountEvent.objects.create(
            account=account,
            verb="posted",
            on=timezone.localdate(at),
            actor=user_or_none(actor or SYSTEM),
            note=post.title[:300],
        )
    post.sent_at = at
    post.save(update_fields=["sent_at"])
    return sent
