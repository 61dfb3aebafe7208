"""Behind a trusted reverse proxy each visitor has its own application limit and audit address."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.core.middleware import RequestContextMiddleware, TrustedProxyMiddleware
from gongkai.core.proxies import parse_networks

PROXIES = parse_networks("10.0.0.1")


@pytest.mark.django_db
def test_behind_a_proxy_each_visitor_has_its_own_rate_limit_and_audit_address(settings, client, agency):
    """Through the whole stack: the FOI application form's per-address limit counts visitors, not
    the proxy, and the audit trail records the visitor."""
    from django.core.cache import cache

    from gongkai.core.context import current_ip
    from gongkai.foi_requests.views.portal import APPLY_LIMIT, rate_limited

    settings.GONGKAI_TRUSTED_PROXIES = PROXIES
    cache.clear()
    factory = RequestFactory()
    seen = []

    def view(request):
        seen.append((rate_limited(request), current_ip.get()))
        return HttpResponse()

    stack = TrustedProxyMiddleware(RequestContextMiddleware(view))
    for _ in range(APPLY_LIMIT):
        stack(factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"))
    stack(factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"))
    stack(factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6"))
    assert [limited for limited, _ in seen] == [False] * APPLY_LIMIT + [True, False]
    assert seen[-1][1] == "203.0.113.6"  # what gongkai.core.audit.record stores as the event's address
