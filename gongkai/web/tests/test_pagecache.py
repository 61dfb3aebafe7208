"""The page cache (issue 19 item 2, ADR 0043): pages come from the shared cache only while they are
what the database would give — a withdrawn item is never served from it, an embargoed release's pages
are not kept past its minute and show it after, a settings change shows at once — and nothing bound to
a visitor (a CSRF token, a session, a messages cookie) is ever stored."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from gongkai.accounts.services import update_site_settings
from gongkai.core import pagecache

# on_commit must really run: the generation ends when the write commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    settings.GONGKAI_PAGE_CACHE_PROXY_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


def get(client, path):
    response = client.get(path)
    return response, response.content.decode()


@pytest.fixture
def public_item(drafter, reviewer, approver):
    from gongkai.catalogue import services
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    item = services.create_item(
        actor=drafter, title="2025年统计公报（缓存）", body="<p>全年情况。</p>", category="result"
    )
    workflow = workflow_for(item.revisions.get())
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    publishing.approve(actor=approver, workflow=workflow)
    item.refresh_from_db()
    return item


def test_a_public_page_is_served_from_the_cache_with_validators(client, agency):
    first = client.get("/xxgk/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    second = client.get("/xxgk/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "public" in second["Cache-Control"]
    not_modified = client.get("/xxgk/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert not_modified.status_code == 304
    head = client.head("/xxgk/")
    assert head["X-Page-Cache"] == "hit" and head.content == b""


def test_display_mode_and_host_are_part_of_the_key(client, agency):
    client.get("/xxgk/")
    elder = Client()
    elder.cookies["gk_elder"] = "1"
    response = elder.get("/xxgk/")
    assert response["X-Page-Cache"] == "miss" and 'class="elder' in response.content.decode()
    assert elder.get("/xxgk/")["X-Page-Cache"] == "hit"
    assert client.get("/xxgk/", HTTP_HOST="other.example")["X-Page-Cache"] == "miss"


def test_a_withdrawn_item_is_never_served_from_the_cache(client, public_item, office_user):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    path = f"/xxgk/items/{public_item.slug}/"
    client.get(path)
    client.get("/xxgk/catalogue/")
    response, html = get(client, path)
    assert response["X-Page-Cache"] == "hit" and "2025年统计公报（缓存）" in html
    assert "2025年统计公报（缓存）" in get(client, "/xxgk/catalogue/")[1]

    publishing.withdraw(
        actor=office_user, workflow=workflow_for(public_item.current_revision), reason="内容需要核实"
    )
    response, html = get(client, path)
    assert response.status_code == 410 and "内容需要核实" in html
    assert response.get("X-Page-Cache") != "hit"
    response, html = get(client, "/xxgk/catalogue/")
    assert response["X-Page-Cache"] == "miss" and "2025年统计公报（缓存）" not in html


def test_a_write_that_rolls_back_keeps_the_cache(client, public_item):
    from django.db import transaction

    from gongkai.catalogue.models import InformationItem

    client.get("/xxgk/catalogue/")
    with pytest.raises(RuntimeError), transaction.atomic():
        InformationItem.objects.filter(pk=public_item.pk).update(slug="rolled-back")
        raise RuntimeError
    assert client.get("/xxgk/catalogue/")["X-Page-Cache"] == "hit"
    # A queryset update outside any service invalidates too (the write is seen at the database).
    InformationItem.objects.filter(pk=public_item.pk).update(slug=public_item.slug)
    assert client.get("/xxgk/catalogue/")["X-Page-Cache"] == "miss"


def test_an_embargoed_release_is_not_cached_past_its_minute_and_shows_after_it(
    client, agency, drafter, reviewer, approver
):
    from gongkai.opendata import services
    from gongkai.opendata.tests.conftest import BASE_CELLS, small_dataset
    from gongkai.publishing import services as publishing

    minute = (timezone.now() + timedelta(minutes=30)).replace(second=0, microsecond=0)
    release = services.create_release(
        actor=drafter,
        title="2026年住户收入（缓存测试）",
        scheduled_at=minute,
        confirmed=True,
        press_release="住户收入缓存测试公报正文。",
        department=drafter.department,
    )
    services.write_parsed([small_dataset(BASE_CELLS)], actor=drafter, release=release)
    workflow = publishing.start_workflow(actor=drafter, obj=release)
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    publishing.approve(actor=approver, workflow=workflow, publish_at=minute)

    before = client.get("/sjfb/bulletins/")
    assert "住户收入缓存测试公报正文" not in before.content.decode()
    hit = client.get("/sjfb/bulletins/")
    assert hit["X-Page-Cache"] == "hit"
    # Neither this cache nor one in front may keep the page past the minute.
    seconds_left = (minute - timezone.now()).total_seconds()
    s_maxage = int(hit["Cache-Control"].split("s-maxage=")[1])
    assert 0 < s_maxage <= seconds_left
    key = pagecache.page_key(_request("/sjfb/bulletins/"))
    assert cache.get(key) is not None
    assert client.get(f"/sjfb/releases/{release.pk}/").status_code == 404

    later = minute + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        after = client.get("/sjfb/bulletins/")
        assert after["X-Page-Cache"] == "miss"
        assert "2026年住户收入（缓存测试）" in after.content.decode()
        assert client.get("/sjfb/bulletins/")["X-Page-Cache"] == "hit"
        assert client.get(f"/sjfb/releases/{release.pk}/").status_code == 200


def _request(path):
    from django.test import RequestFactory

    return RequestFactory().get(path)


def test_a_settings_change_shows_at_once(client, agency, admin_user):
    assert "福州市统计局政务公开平台" in get(client, "/")[1]
    assert client.get("/")["X-Page-Cache"] == "hit"
    update_site_settings(actor=admin_user, agency=agency, site_name="福州统计开放门户")
    response, html = get(client, "/")
    assert response["X-Page-Cache"] == "miss" and "福州统计开放门户" in html


def test_nothing_bound_to_a_visitor_is_stored(client, agency):
    # A form with a CSRF token is rendered for each visitor.
    form = client.get("/hdjl/ly/write/")
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    assert "X-Page-Cache" not in form
    assert "X-Page-Cache" not in client.get("/hdjl/ly/write/")
    # A visitor with a session (staff signed in) or a pending message never gets a cached page.
    client.get("/xxgk/")
    for cookie in ("sessionid", "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "x"
        assert "X-Page-Cache" not in visitor.get("/xxgk/")
    assert "X-Page-Cache" not in client.get("/xxgk/", HTTP_AUTHORIZATION="Bearer abc")
    assert client.get("/office/login/").get("X-Page-Cache") is None


def test_audit_and_session_writes_do_not_end_the_generation(client, agency):
    from gongkai.core import audit

    client.get("/xxgk/")
    audit.record(actor=None, verb="site_settings.updated", obj=agency, agency=agency)
    assert client.get("/xxgk/")["X-Page-Cache"] == "hit"


def test_a_page_stored_by_another_release_is_not_served_after_an_upgrade(client, agency):
    from gongkai.core import release

    assert client.get("/xxgk/")["X-Page-Cache"] == "miss"
    assert client.get("/xxgk/")["X-Page-Cache"] == "hit"
    # The upgraded process: other code, templates or static names; no write to public content.
    with mock.patch.object(release, "fingerprint", return_value="next-release"):
        assert client.get("/xxgk/")["X-Page-Cache"] == "miss"
        assert client.get("/xxgk/")["X-Page-Cache"] == "hit"


def test_the_release_fingerprint_follows_code_and_templates_not_tests(tmp_path):
    from gongkai.core import release

    (tmp_path / "templates").mkdir()
    (tmp_path / "tests").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>一</p>")
    (tmp_path / "tests" / "test_x.py").write_text("x = 1")
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text('{"paths": {"site.css": "site.1.css"}}')
    first = release.digest([tmp_path], manifest)
    (tmp_path / "tests" / "test_x.py").write_text("x = 2")
    assert release.digest([tmp_path], manifest) == first  # tests are no part of a release
    page.write_text("<p>二</p>")
    second = release.digest([tmp_path], manifest)
    assert second != first
    manifest.write_text('{"paths": {"site.css": "site.2.css"}}')  # collectstatic after a CSS change
    assert release.digest([tmp_path], manifest) != second
