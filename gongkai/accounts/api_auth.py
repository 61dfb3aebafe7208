"""Bearer-token authentication of the /api/v1/ staff endpoints: `auth=TokenAuth()` on a route or router.

A token (`ApiToken`, issued on 我的 API 令牌) is looked up by its SHA-256; a revoked token or an inactive
user answers 401. The request then acts as the token's user, and the endpoint's service decides what
that user may do (ADR 0010, ADR 0033)."""

from django.utils import timezone
from ninja.security import HttpBearer

from gongkai.core import secret_links

from .models import ApiToken


def user_for_token(token: str):
    """The active user a live API token belongs to, or None (never raises on any input)."""
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.filter(key_hash=secret_links.hash_token(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
