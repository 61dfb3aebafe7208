"""Fixtures shared by every app's tests."""

import os
import shutil
from pathlib import Path

import pytest

from gongkai.accounts.factories import AgencyFactory, DepartmentFactory, SiteSettingsFactory, UserFactory
from gongkai.accounts.roles import Role
from tests import schedule
from tests.databases import DemoDatabase, migrate_once, migrated_name, shared_demo_name

pytest_plugins = ["tests.watchdog"]  # a hang in C code ends with every thread's stack

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "test-artifacts"


@pytest.fixture
def agency(db):
    agency = AgencyFactory(code="fzstats", name="福州市统计局", organisation_code="350100TJJ")
    SiteSettingsFactory(
        agency=agency,
        site_name="福州市统计局政务公开平台",
        host_organisation="福州市统计局",
        phone="0591-00000000",
        website_code="3501000000",
        icp_number="闽ICP备00000000号",
        police_record_number="闽公网安备 35010000000000号",
        error_report_url="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3501000000",
    )
    return agency


@pytest.fixture
def other_agency(db):
    """A second agency: staff of one must never see or change the other's records."""
    other = AgencyFactory(code="fzfgw", name="福州市发展和改革委员会", organisation_code="350100FGW")
    SiteSettingsFactory(agency=other)
    return other


@pytest.fixture
def department(agency):
    return DepartmentFactory(agency=agency, name="综合处", code="general")


@pytest.fixture
def make_user(agency):
    def make(*roles: Role, agency=agency, department=None, **kwargs):
        if department is None:
            department = DepartmentFactory(agency=agency)
        return UserFactory(agency=agency, department=department, roles=list(roles), **kwargs)

    return make


# The demo's people, one per role, for tests of every app (usernames as in the demo).
@pytest.fixture
def drafter(make_user, department):
    return make_user(Role.DRAFTER, department=department, username="chengban", full_name="陈明")


@pytest.fixture
def office_user(make_user, department):
    return make_user(Role.OPENNESS_OFFICE, department=department, username="gongkaiban", full_name="林晓")


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.CONFIDENTIALITY_REVIEWER, username="baomi", full_name="黄静")


@pytest.fixture
def approver(make_user):
    return make_user(Role.APPROVER, username="lingdao", full_name="王建国")


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMINISTRATOR, username="admin1", full_name="管理员甲")


@pytest.fixture
def staff_client(client):
    """`staff_client(user)` returns the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# --- browser -------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = f"浏览器测试需要 Debian 的 chromium（{CHROMIUM}）：apt-get install chromium"
        if os.environ.get("GONGKAI_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip("SKIPPED LOUDLY — " + message)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base_url = live_server.url
    yield pg
    context.close()


def screenshot(page, name: str) -> Path:
    """Saves a screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free port; Django's mail goes to it. Yields the sink."""
    from gongkai.outbox.testing import start_smtp

    controller, sink = start_smtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = False
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def webhook_receiver():
    """A real local HTTP receiver that verifies the outbox's webhook signatures."""
    from gongkai.outbox.testing import WebhookReceiver

    receiver = WebhookReceiver(secret="receiver-shared-secret-0123")
    yield receiver
    receiver.stop()


@pytest.fixture(autouse=True)
def _fresh_site_directory():
    """The agency-site memo (core.sites) must not outlive a test's rolled-back agencies."""
    from gongkai.core import sites

    sites.forget()
    yield
    sites.forget()


# --- the demo, loaded once per test run -------------------------------------------------------------
# Loading the demo takes most of a minute (two site inspections in Chromium, every app's demo); a
# dozen test modules read it. The first test process that asks for `demo` loads it, under a file lock
# shared by the pytest-xdist workers, and leaves it for the others: on SQLite a database file (each
# process restores it into an in-memory snapshot with SQLite's backup API), on PostgreSQL a database
# `<test database>_demo_shared` that each process copies into its own `<its test database>_demo`
# (CREATE DATABASE … TEMPLATE; a live-server test gets a throw-away copy of that). Each test still
# runs in its own transaction (or copy), so a test never sees what another changed, and every other
# test keeps its empty database.


def _run_dir(tmp_path_factory, worker_id: str) -> Path:
    """A directory every pytest-xdist worker of this run shares (the base of their temp dirs)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="session", autouse=True)
def _shared_migrations(tmp_path_factory, worker_id):
    """Puts `migrate_once` in place while pytest-django creates the test database (it calls
    `django.test.utils.setup_databases` when the first test on the database starts)."""
    from django.core import management
    from django.test import utils

    shared_dir = _run_dir(tmp_path_factory, worker_id)
    setup_databases = utils.setup_databases

    def setup(*args, **kwargs):
        call_command = management.call_command
        management.call_command = migrate_once(shared_dir, call_command)
        try:
            return setup_databases(*args, **kwargs)
        finally:
            management.call_command = call_command

    utils.setup_databases = setup
    yield
    utils.setup_databases = setup_databases


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker, tmp_path_factory, worker_id):
    database = DemoDatabase(_run_dir(tmp_path_factory, worker_id))
    built = False

    def get():
        nonlocal built
        if not built:
            with django_db_blocker.unblock():
                database.build()
            built = True
        return database

    yield get
    if built:
        with django_db_blocker.unblock():
            database.drop()


def pytest_sessionfinish(session):
    """The controller (or the only process) drops the run's shared PostgreSQL databases (the migrated
    empty one and the demo), once every worker has finished with them."""
    if hasattr(session.config, "workerinput"):
        return
    from django.conf import settings

    if not settings.configured or "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return
    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    try:
        test_database = connection.creation._get_test_db_name()
        with psycopg.connect(**params, autocommit=True) as admin:
            for name in (shared_demo_name(test_database), migrated_name(test_database)):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error:  # no server: nothing to drop
        pass


@pytest.fixture
def demo(request, _demo_database, django_db_blocker, settings, tmp_path):
    """The real demo (福州市统计局 and the other agencies of the city), as `load_demo()` leaves it:
    {"agency", "users" (by username), "logins"}. Ask for `demo` before `db`: it puts the demo in place
    and then opens the test's transaction (or, for a live-server test, a copy of its own)."""
    from gongkai.search import interface

    database = _demo_database()
    throwaway = "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    with django_db_blocker.unblock():
        database.enter(throwaway)

    def put_away():
        interface.reset_backends()
        with django_db_blocker.unblock():
            database.leave(throwaway)

    # pytest tears down a test's fixtures in the reverse order of their setup *ending*: `db`, set up inside
    # this fixture, ends first, so this fixture's own teardown would run inside the test's transaction
    # (the copy back refused, the flush rolled back with the test: the demo's rows met by the next test of
    # this process — session 6's order dependency). A finalizer of the test registered before the
    # transaction opens runs after it has rolled back (or its copy has been flushed), and also when the
    # setup fails below.
    request.node.addfinalizer(put_away)
    search = tmp_path / "search"
    shutil.copytree(database.search_dir, search)
    settings.GONGKAI_SEARCH_DIR = str(search)
    interface.reset_backends()
    request.getfixturevalue("transactional_db" if throwaway else "db")
    return database.objects()


def pytest_collection_modifyitems(config, items):
    """pytest-django creates the test database only when a collected test names `db`: a test on `demo`
    (which opens its transaction itself, after putting the demo in place) is named as one, at the end of
    its fixtures so that `demo` still comes first. Under pytest-xdist the slow modules lead each
    worker's share (tests/schedule.py)."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is not None and "demo" in names and "db" not in names:
            names.append("db")
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    items[:] = schedule.ordered(items, workers)
