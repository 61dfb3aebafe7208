"""The office belongs to the platform, not to an agency's site (ADR 0037): /bm/<code>/office/… leads to
/office/…, so no office link carries a site's prefix (issue 18 leftover)."""

import pytest

from gongkai.accounts.factories import AgencyFactory


@pytest.mark.django_db
def test_office_under_an_agency_site_leads_to_the_platform_office(client, agency):
    AgencyFactory(code="gulou", name="福州市鼓楼区人民政府", organisation_code="350102GLQ")
    response = client.get("/bm/gulou/office/catalogue/?q=%E5%85%AC%E6%8A%A5")
    assert response.status_code == 302 and response["Location"] == "/office/catalogue/?q=%E5%85%AC%E6%8A%A5"
    assert client.get("/bm/gulou/xxgk/").status_code == 200  # the public site stays where it is
