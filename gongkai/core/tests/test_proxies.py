"""The client's address behind trusted reverse proxies."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.core.middleware import TrustedProxyMiddleware
from gongkai.core.proxies import client_address, parse_networks

PROXIES = parse_networks("10.0.0.1, 172.16.0.0/12, ::1")


@pytest.mark.parametrize(
    "remote, xff, expected",
    [
        ("203.0.113.5", "1.2.3.4", "203.0.113.5"),  # not from a proxy: the header is the client's claim
        ("10.0.0.1", "203.0.113.5", "203.0.113.5"),  # one proxy
        ("10.0.0.1", "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged left part is never believed
        ("10.0.0.1", "203.0.113.5, 172.16.4.2", "203.0.113.5"),  # two proxies in a chain
        ("10.0.0.1", "172.16.0.9, 172.16.4.2", "172.16.0.9"),  # every hop trusted: the first one
        ("10.0.0.1", "", "10.0.0.1"),  # no header: the proxy
        ("10.0.0.1", "not-an-ip, 203.0.113.5", "10.0.0.1"),  # unreadable: nothing believed
        ("::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_client_address(remote, xff, expected):
    assert client_address(remote, xff, PROXIES) == expected


def test_no_trusted_proxies_ignores_the_header():
    assert client_address("10.0.0.1", "203.0.113.5", ()) == "10.0.0.1"


def test_a_bad_setting_names_the_entry():
    with pytest.raises(ValueError, match="'10.0.0.300'"):
        parse_networks("10.0.0.1, 10.0.0.300")


def test_middleware_sets_remote_addr_only_from_trusted_proxies(settings):
    settings.GONGKAI_TRUSTED_PROXIES = PROXIES
    seen = {}

    def view(request):
        seen.update(remote=request.META["REMOTE_ADDR"], proxy=request.META.get("GONGKAI_PROXY_ADDR"))
        return HttpResponse()

    middleware = TrustedProxyMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"))
    assert seen == {"remote": "203.0.113.5", "proxy": "10.0.0.1"}
    middleware(factory.get("/", REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR="203.0.113.5"))
    assert seen == {"remote": "198.51.100.2", "proxy": None}
