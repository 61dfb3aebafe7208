from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.incidents import services
from gongkai.incidents.models import Incident


@pytest.fixture
def incident(make_user):
    spokes = make_user(Role.SPOKESPERSON, username="fayanren")
    return services.register_incident(
        actor=spokes,
        title="网传统计数据造假",
        source="weibo",
        first_seen_at=timezone.now() - timedelta(hours=1),
        summary="概要",
        severity="general",
        severity_reason="理由",
    )


@pytest.mark.django_db
def test_register_form_keeps_what_was_typed_and_names_the_field_on_a_future_time(staff_client, make_user):
    client = staff_client(make_user(Role.SPOKESPERSON))
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/office/incidents/new/",
        {
            "title": "某舆情",
            "source": "weibo",
            "first_seen_at": future,
            "summary": "概要文字",
            "severity": "general",
            "severity_reason": "理由",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "发现时间不能晚于现在" in html and 'value="某舆情"' in html
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_console_detail_and_csv_for_staff_and_not_for_other_agencies(
    staff_client, make_user, incident, other_agency
):
    from gongkai.accounts.factories import DepartmentFactory

    client = staff_client(make_user(Role.DRAFTER))
    assert "网传统计数据造假" in client.get("/office/incidents/").content.decode()
    assert client.get(f"/office/incidents/{incident.pk}/").status_code == 200
    assert client.post(f"/office/incidents/{incident.pk}/close/", {"summary": "x"}).status_code == 403
    outsider = make_user(
        Role.OPENNESS_OFFICE, agency=other_agency, department=DepartmentFactory(agency=other_agency)
    )
    other = staff_client(outsider)
    assert other.get(f"/office/incidents/{incident.pk}/").status_code == 404
    assert "网传统计数据造假" not in other.get("/office/incidents/").content.decode()


@pytest.mark.django_db
def test_an_unpublished_release_is_not_on_the_public_page_or_the_api(client, make_user, incident):
    services.draft_release(actor=incident.created_by, incident=incident, title="草稿回应", body="草稿正文")
    assert "草稿回应" not in client.get("/xwfb/rdhy/").content.decode()
    assert client.get(f"/xwfb/rdhy/{incident.pk}/").status_code == 404
    assert client.get("/api/v1/incidents").json() == []
    response = client.get(f"/api/v1/incidents/{incident.pk}")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
