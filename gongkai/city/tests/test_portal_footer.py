"""The city portal's footer shows the city's own identifiers (网站标识码, ICP备案号, 公安备案号), set by
the platform administrator — never those of the agency at the root — and nothing while they are empty."""

import pytest

from gongkai.accounts.roles import Role
from gongkai.city import services
from gongkai.city.models import PortalSettings
from gongkai.core.errors import PermissionDenied
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_admin(make_user):
    user = make_user(Role.ADMINISTRATOR, username="platform")
    user.is_superuser = True
    user.save()
    return user


def test_empty_footer_shows_no_identifier_and_never_the_root_agencys(client, two_sites):
    page = client.get("/city/").text
    footer = page[page.index('<footer class="site-footer">') :]
    assert "网站标识码" not in footer and "ICP" not in footer and "公网安备" not in footer
    assert "3501000000" not in footer and "闽ICP备00000000号" not in footer  # the root agency's own
    assert "我为政府网站找错" not in footer  # it is addressed by the 网站标识码


def test_platform_administrator_sets_the_city_footer(client, two_sites, platform_admin):
    services.update_portal_settings(
        actor=platform_admin,
        host_organisation="福州市人民政府办公厅",
        website_code="3501000001",
        icp_number="闽ICP备12345678号",
        police_record_number="闽公网安备 35010202000001号",
    )
    for path in ("/city/", "/city/agencies/"):
        footer = client.get(path).text.split('<footer class="site-footer">')[1]
        assert "主办单位：福州市人民政府办公厅" in footer
        assert "网站标识码：3501000001" in footer
        assert "闽ICP备12345678号" in footer
        assert "webSearch?code=35010202000001" in footer
        assert "site_code=3501000001" in footer
    assert AuditEvent.objects.filter(verb="agency.portal_settings_updated").count() == 1
    # an agency's site keeps its own
    assert "网站标识码：3501000000" in client.get("/xxgk/catalogue/").text


def test_only_the_platform_administrator_may_set_it(client, two_sites, make_user, platform_admin):
    administrator = make_user(Role.ADMINISTRATOR, username="agency-admin")
    with pytest.raises(PermissionDenied):
        services.update_portal_settings(actor=administrator, website_code="3501000001")
    assert not PortalSettings.objects.exists()
    client.force_login(administrator)
    assert client.get("/office/platform/portal/").status_code == 403
    client.force_login(platform_admin)
    assert client.get("/office/platform/portal/").status_code == 200
    response = client.post("/office/platform/portal/", {"website_code": "3501000009", "icp_number": ""})
    assert response.status_code == 302
    assert PortalSettings.objects.get().website_code == "3501000009"
