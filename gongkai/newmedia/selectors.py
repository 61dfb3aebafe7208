from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.accounts.guard import scoped

from .models import STALE_AFTER_DAYS, Account, Post


def accounts_for(user) -> QuerySet[Account]:
    return scoped(user, Account.objects.select_related("department", "endpoint"), department_field=None)


def posts_for(user) -> QuerySet[Post]:
    return scoped(user, Post.objects.prefetch_related("accounts"), department_field=None)


def stale_q(now: datetime | None = None) -> Q:
    """Active accounts not updated for two weeks (never updated counts from the opening date)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=STALE_AFTER_DAYS)
    return Q(status=Account.Status.ACTIVE) & (
        Q(last_post_at__lt=cutoff) | Q(last_post_at__isnull=True, opened_on__lt=timezone.localdate(cutoff))
    )


def is_stale(account: Account, now: datetime | None = None) -> bool:
    return Account.objects.filter(pk=account.pk).filter(stale_q(now)).exists()


def stale_accounts(agency, now: datetime | None = None) -> QuerySet[Account]:
    return Account.objects.filter(agency=agency).filter(stale_q(now))


def public_accounts(agency) -> QuerySet[Account]:
    return Account.objects.filter(agency=agency, status=Account.Status.ACTIVE)
