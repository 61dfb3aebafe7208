"""Cached pages answered by the front nginx without Python (issue 19 item 2, ADR 0052), with Debian's
nginx started by the test in front of Django's live server on a free port, from the configuration
`gongkai edge_nginx` prints. A second nginx on the same files has no gunicorn behind it at all: what it
answers with 200 came from a file. A withdrawal stops nginx serving the page at once, an embargoed
release's page is not kept past its minute by nginx's own clock and is served after it, elder mode and
the normal page never mix, and nothing a signed-in staff user or citizen sees is ever written."""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone, translation

from gongkai.core import edgecache

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(NGINX), reason="nginx is not installed (Debian package nginx)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, process: subprocess.Popen) -> bool:
    """True once `process` (our nginx) listens on `port`; False if it exited first (the port was taken
    between `_free_port` and nginx's bind, by another xdist worker's server, say)."""
    for _ in range(200):
        if process.poll() is not None:
            return False
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                time.sleep(0.05)  # a bind that fails after another process answered is seen here
                return process.poll() is None
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on {port}")


def _refusing_port() -> socket.socket:
    """A port bound and never listened on: connections to it are refused for as long as the socket is
    held, so no other process can take it and answer in place of a stopped gunicorn."""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    return held


class Front:
    """One nginx, from `edgecache.nginx_conf`, in front of `upstream`."""

    def __init__(self, base: Path, work: Path, upstream: str):
        work.mkdir()
        work.chmod(0o777)
        conf = work / "nginx.conf"
        for _ in range(5):  # another process may take the free port before nginx binds it
            self.port = _free_port()
            conf.write_text(
                edgecache.nginx_conf(
                    base, listen=f"127.0.0.1:{self.port}", upstreams=[upstream], work=work, daemon=False
                )
            )
            self.process = subprocess.Popen(
                [NGINX, "-c", str(conf), "-p", str(work)], start_new_session=True, stderr=subprocess.PIPE
            )
            if _wait(self.port, self.process):
                break
            self.process.wait(timeout=10)
        else:
            raise RuntimeError("nginx could not bind a free port five times")
        self.url = f"http://127.0.0.1:{self.port}"

    def get(self, path: str, **kwargs) -> requests.Response:
        return requests.get(self.url + path, timeout=30, **kwargs)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def edge(settings, live_server):
    folder = Path(tempfile.mkdtemp(prefix="gongkai-edge-"))
    folder.chmod(0o755)  # nginx's workers read the pages
    settings.GONGKAI_PAGE_CACHE = True
    settings.GONGKAI_EDGE_CACHE_DIR = str(folder / "pages")
    cache.clear()
    upstream = live_server.url.removeprefix("http://")
    front = Front(folder / "pages", folder / "front", upstream)
    # The same files with nothing behind them: gunicorn stopped, as far as this nginx knows.
    refused = _refusing_port()
    alone = Front(folder / "pages", folder / "alone", f"127.0.0.1:{refused.getsockname()[1]}")
    front.alone = alone
    yield front
    front.stop()
    alone.stop()
    refused.close()
    cache.clear()
    shutil.rmtree(folder, ignore_errors=True)


def _served(front: Front, path: str, **kwargs) -> requests.Response:
    """Asks until the page is answered from a file (the first request renders and writes it)."""
    first = front.get(path, **kwargs)
    assert first.status_code == 200, (path, first.status_code)
    assert first.headers.get("X-Page-Cache") == "miss", (path, dict(first.headers))
    second = front.get(path, **kwargs)
    assert second.headers.get("X-Page-Cache") == edgecache.EDGE_MARK, (path, second.headers)
    return second


@pytest.fixture
def public_item(drafter, reviewer, approver):
    from gongkai.catalogue import services
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    item = services.create_item(
        actor=drafter, title="2025年统计公报（前端缓存）", body="<p>全年情况。</p>", category="result"
    )
    workflow = workflow_for(item.revisions.get())
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    publishing.approve(actor=approver, workflow=workflow)
    item.refresh_from_db()
    return item


def test_a_cached_page_is_answered_by_nginx_with_gunicorn_out_of_the_way(edge, agency):
    rendered = edge.get("/xxgk/")
    assert rendered.headers["X-Page-Cache"] == "miss"
    from_file = edge.get("/xxgk/")
    assert from_file.headers["X-Page-Cache"] == edgecache.EDGE_MARK
    assert from_file.content == rendered.content
    # Django's own headers, added by nginx (security headers, language, Vary), and a validator.
    for name in edgecache.edge_headers("zh-hans"):
        if name == "content-security-policy":  # the same directives, in another order
            assert sorted(from_file.headers[name].split("; ")) == sorted(rendered.headers[name].split("; "))
        else:
            assert from_file.headers[name] == rendered.headers[name], name
    assert from_file.headers["Cache-Control"] == "public, no-cache" and from_file.headers["ETag"]
    assert edge.get("/xxgk/", headers={"If-None-Match": from_file.headers["ETag"]}).status_code == 304
    assert requests.head(edge.url + "/xxgk/", timeout=30).headers["X-Page-Cache"] == edgecache.EDGE_MARK
    # The nginx with no gunicorn behind it serves the same page from the file; anything else fails.
    alone = edge.alone.get("/xxgk/")
    assert alone.status_code == 200 and alone.content == rendered.content
    assert edge.alone.get("/xxgk/catalogue/").status_code == 502
    # A form carries a token bound to its visitor: never a file; a POST always reaches Django.
    assert edge.get("/hdjl/ly/write/").headers.get("X-Page-Cache") is None
    assert edge.alone.get("/hdjl/ly/write/").status_code == 502
    assert requests.post(edge.alone.url + "/xxgk/", timeout=30).status_code == 502


def test_a_withdrawal_stops_nginx_serving_the_page_at_once(edge, public_item, office_user):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    path = f"/xxgk/items/{public_item.slug}/"
    assert "2025年统计公报（前端缓存）" in _served(edge, path).text
    assert "2025年统计公报（前端缓存）" in _served(edge, "/xxgk/catalogue/").text

    publishing.withdraw(
        actor=office_user, workflow=workflow_for(public_item.current_revision), reason="内容需要核实"
    )
    assert edge.alone.get(path).status_code == 502  # no file is reachable any more
    response = edge.get(path)
    assert response.status_code == 410 and "内容需要核实" in response.text
    assert response.headers.get("X-Page-Cache") != edgecache.EDGE_MARK
    listing = edge.get("/xxgk/catalogue/")
    assert listing.headers["X-Page-Cache"] == "miss" and "2025年统计公报（前端缓存）" not in listing.text
    again = edge.get("/xxgk/catalogue/")
    assert again.headers["X-Page-Cache"] == edgecache.EDGE_MARK
    assert "2025年统计公报（前端缓存）" not in again.text


def test_an_embargoed_release_is_not_served_by_nginx_past_its_minute_and_is_after_it(
    edge, agency, drafter, reviewer, approver
):
    from gongkai.opendata import services
    from gongkai.opendata.tests.conftest import BASE_CELLS, small_dataset
    from gongkai.publishing import services as publishing

    minute = timezone.now() + timedelta(seconds=25)
    release = services.create_release(
        actor=drafter,
        title="2026年住户收入（前端缓存）",
        scheduled_at=minute,
        confirmed=True,
        press_release="住户收入前端缓存测试公报正文。",
        department=drafter.department,
    )
    services.write_parsed([small_dataset(BASE_CELLS)], actor=drafter, release=release)
    workflow = publishing.start_workflow(actor=drafter, obj=release)
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    publishing.approve(actor=approver, workflow=workflow, publish_at=minute)

    before = _served(edge, "/sjfb/bulletins/")
    assert "住户收入前端缓存测试公报正文" not in before.text
    assert edge.get(f"/sjfb/releases/{release.pk}/").status_code == 404
    # nginx's clock decides: no link reaches the 10-second bucket that holds the minute.
    links = Path(django_settings.GONGKAI_EDGE_CACHE_DIR) / "t"
    buckets = [int(name) for name in os.listdir(links)]
    assert buckets and all((b + 1) * edgecache.BUCKET_SECONDS <= minute.timestamp() for b in buckets)

    while timezone.now() <= minute:  # the minute itself, on the real clock nginx reads
        time.sleep(0.5)
    after = edge.get("/sjfb/bulletins/")
    assert after.headers.get("X-Page-Cache") == "miss", dict(after.headers)
    assert "2026年住户收入（前端缓存）" in after.text
    assert "2026年住户收入（前端缓存）" in _served_again(edge, "/sjfb/bulletins/").text
    assert edge.get(f"/sjfb/releases/{release.pk}/").status_code == 200


def _served_again(front: Front, path: str) -> requests.Response:
    response = front.get(path)
    assert response.headers.get("X-Page-Cache") == edgecache.EDGE_MARK
    return response


ELDER = '<html lang="zh-CN" class="elder">'


def test_elder_mode_and_the_normal_page_never_mix(edge, agency):
    normal = _served(edge, "/xxgk/")
    elder = _served(edge, "/xxgk/", cookies={"gk_elder": "1"})
    assert ELDER in elder.text and ELDER not in normal.text
    assert ELDER not in edge.get("/xxgk/").text
    assert ELDER in edge.alone.get("/xxgk/", cookies={"gk_elder": "1"}).text
    # An English page is its own file too; a language cookie always goes to Django.
    english = _served(edge, "/xxgk/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert english.headers["Content-Language"] == "en"
    assert edge.get("/xxgk/").headers["Content-Language"] == "zh-hans"
    assert edge.alone.get("/xxgk/", cookies={"django_language": "en"}).status_code == 502


def test_a_signed_in_staff_users_or_citizens_page_never_goes_into_it(edge, agency, office_user, client):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from gongkai.citizens import services as citizens
    from gongkai.citizens.session import SESSION_KEY as CITIZEN_KEY
    from gongkai.outbox.models import OutboxMessage

    engine = import_module(django_settings.SESSION_ENGINE)
    staff = engine.SessionStore()
    staff[SESSION_KEY] = str(office_user.pk)
    staff[BACKEND_SESSION_KEY] = django_settings.AUTHENTICATION_BACKENDS[0]
    staff[HASH_SESSION_KEY] = office_user.get_session_auth_hash()
    staff.create()
    citizens.send_code(identifier="li.edge@example.com")
    code = re.search(r"验证码：(\d{6})", OutboxMessage.objects.get(kind="citizen.code").body).group(1)
    citizen = citizens.verify_code(identifier="li.edge@example.com", code=code)
    signed_in = engine.SessionStore()
    signed_in[CITIZEN_KEY] = citizen.pk
    signed_in.create()

    for session in (staff, signed_in):
        for path in ("/xxgk/", "/my/", "/xxgk/catalogue/"):
            for _ in range(2):
                response = edge.get(path, cookies={"sessionid": session.session_key}, allow_redirects=False)
                assert response.headers.get("X-Page-Cache") is None, path
    assert "li.edge@example.com" in edge.get("/my/", cookies={"sessionid": signed_in.session_key}).text
    _served(edge, "/xxgk/")
    written = [p for p in Path(django_settings.GONGKAI_EDGE_CACHE_DIR).rglob("*") if p.is_file()]
    assert written and not any(
        b"li.edge@example.com" in p.read_bytes() or office_user.username.encode() in p.read_bytes()
        for p in written
    )
    assert edge.alone.get("/my/").status_code == 502  # /my/ was never written for anyone


@pytest.mark.parametrize(
    "header",
    [
        "",
        "zh-CN,zh;q=0.9",
        "zh",
        "zh-Hans-CN, en;q=0.5",
        "en",
        "en-US,en;q=0.9,zh-CN;q=0.8",
        "en-GB",
        "zh-CN;q=0.5, en",
        "en;q=0.1, zh-CN",
        "fr-FR, en;q=0.5",
        "zh-TW",
        "en, @@@",
        "*",
        "zh-CN, fr;q=1.0",
    ],
)
def test_nginx_picks_a_language_only_where_django_picks_the_same(settings, header):
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE=header)
    chosen = edgecache.nginx_language(header) if header else settings.LANGUAGE_CODE
    if chosen is not None:
        assert chosen == translation.get_language_from_request(request), header
