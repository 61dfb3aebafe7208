"""The router's decisions (ADR 0046), on either database: which reads may go to the replica."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.catalogue.models import InformationItem as Item
from gongkai.core import dbrouting
from gongkai.core.dbrouting import PrimaryReplicaRouter, ReadRoutingMiddleware, ReplicaFailoverMiddleware

rf = RequestFactory()


def test_only_anonymous_safe_public_requests_may_read_the_replica(settings):
    assert not dbrouting.should_pin(rf.get("/xxgk/"))
    assert dbrouting.should_pin(rf.post("/hdjl/ly/write/"))
    assert dbrouting.should_pin(rf.get("/office/"))
    with_session = rf.get("/xxgk/")
    with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert dbrouting.should_pin(with_session)
    just_wrote = rf.get("/hdjl/ly/LY1/token/")
    just_wrote.COOKIES[dbrouting.COOKIE] = str(int(time.time()) + 20)
    assert dbrouting.should_pin(just_wrote)
    long_ago = rf.get("/hdjl/ly/LY1/token/")
    long_ago.COOKIES[dbrouting.COOKIE] = str(int(time.time()) - 1)
    assert not dbrouting.should_pin(long_ago)
    forged = rf.get("/")
    forged.COOKIES[dbrouting.COOKIE] = "x"
    assert not dbrouting.should_pin(forged)


def _read_alias_during(request, monkeypatch, usable=True):
    monkeypatch.setattr(dbrouting, "replica_usable", lambda: usable)
    seen = {}

    def view(req):
        seen["alias"] = PrimaryReplicaRouter().db_for_read(Item)
        return HttpResponse("ok")

    ReadRoutingMiddleware(view)(request)
    return seen["alias"]


def test_the_router_follows_the_pin_and_the_replica_health(monkeypatch):
    assert _read_alias_during(rf.get("/xxgk/"), monkeypatch) == "replica"
    assert _read_alias_during(rf.get("/xxgk/"), monkeypatch, usable=False) == "default"
    assert _read_alias_during(rf.get("/office/"), monkeypatch) == "default"
    assert _read_alias_during(rf.post("/hdjl/ly/write/"), monkeypatch) == "default"
    # outside a request (jobs, commands, the shell) reads are pinned to the primary
    monkeypatch.setattr(dbrouting, "replica_usable", lambda: True)
    assert PrimaryReplicaRouter().db_for_read(Item) == "default"
    assert PrimaryReplicaRouter().db_for_write(Item) == "default"
    assert not PrimaryReplicaRouter().allow_migrate("replica", "publishing")


def test_a_write_sets_the_read_your_writes_cookie_only_with_a_replica(monkeypatch, settings):
    middleware = ReadRoutingMiddleware(lambda req: HttpResponse("ok"))
    assert dbrouting.COOKIE not in middleware(rf.post("/hdjl/ly/write/")).cookies
    monkeypatch.setattr(dbrouting, "replica_configured", lambda: True)
    cookie = middleware(rf.post("/hdjl/ly/write/")).cookies[dbrouting.COOKIE]
    assert float(cookie.value) > time.time() + settings.GONGKAI_READ_YOUR_WRITES_SECONDS - 5
    assert cookie["httponly"]
    assert dbrouting.COOKIE not in middleware(rf.get("/")).cookies


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_failed_replica_read_is_served_again_from_the_primary_for_safe_requests_only(monkeypatch, method):
    from django.db import OperationalError

    monkeypatch.setattr(dbrouting, "replica_usable", lambda: True)
    calls = []

    def view(req):
        alias = PrimaryReplicaRouter().db_for_read(Item)
        calls.append(alias)
        return HttpResponse(alias)

    failover = ReplicaFailoverMiddleware(view)

    def first(req):
        alias = PrimaryReplicaRouter().db_for_read(Item)
        calls.append(alias)
        response = failover.process_exception(req, OperationalError("replica gone"))
        return response or HttpResponse(status=500)

    response = ReadRoutingMiddleware(first)(getattr(rf, method)("/xxgk/"))
    if method == "get":
        assert calls == ["replica", "default"] and response.content == b"default"
    else:
        assert calls == ["default"] and response.status_code == 500
