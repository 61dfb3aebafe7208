"""Fixtures shared by every app's tests."""

import os
import shutil
from pathlib import Path

import pytest

from gongkai.accounts.factories import AgencyFactory, DepartmentFactory, SiteSettingsFactory, UserFactory
from gongkai.accounts.roles import Role

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
