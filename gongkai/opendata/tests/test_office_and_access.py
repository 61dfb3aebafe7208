import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.accounts.roles import Role
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.opendata import services
from gongkai.opendata.models import AccessApplication, DataResource, Dataset, Observation, OpenType

pytestmark = pytest.mark.django_db

OFFICE_URLS = [
    "/office/data/",
    "/office/data/datasets/test-income/",
    "/office/data/datasets/test-income/upload/",
    "/office/data/releases/new/",
    "/office/data/applications/",
]


def test_anonymous_is_sent_to_login_everywhere(client, published):
    for url in OFFICE_URLS:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.SUPERVISOR, [200, 200, 403, 403, 403]),
        (Role.DRAFTER, [200, 200, 200, 200, 403]),
        (Role.OPENNESS_OFFICE, [200, 200, 200, 200, 200]),
    ],
)
def test_permission_sweep(published, make_user, staff_client, role, expected):
    client = staff_client(make_user(role))
    assert [client.get(url).status_code for url in OFFICE_URLS] == expected


def test_other_agency_staff_see_nothing(published, other_agency, make_user, staff_client):
    client = staff_client(make_user(Role.OPENNESS_OFFICE, agency=other_agency))
    assert client.get("/office/data/datasets/test-income/").status_code == 404


def test_upload_preview_then_commit(published, office_user, staff_client):
    client = staff_client(office_user)
    csv_bytes = "indicator,area,period,value,status\nINC,350102,2024,62000,\nINC,350102,2023,60100,修订\nINC,350103,2025,57000,初步\n"
    upload = SimpleUploadedFile("new.csv", csv_bytes.encode("utf-8-sig"), content_type="text/csv")
    response = client.post("/office/data/datasets/test-income/upload/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<strong id="count-new">1</strong>' in html and '<strong id="count-revised">1</strong>' in html
    assert '<strong id="count-unchanged">1</strong>' in html
    assert Observation.objects.count() == 5  # nothing written by the preview
    upload_id = response.context["upload_id"]
    response = client.post(
        "/office/data/datasets/test-income/upload/",
        {"confirm": "1", "upload_id": upload_id, "note": "年报修订"},
    )
    assert response.status_code == 302
    dataset = Dataset.objects.get(code="test-income")
    latest = dataset.versions.order_by("-number").first()
    assert latest.number == 2 and latest.note == "年报修订" and latest.release is None
    assert sorted(Observation.objects.filter(version=latest).values_list("period", "status")) == [
        ("2023", "R"),
        ("2025", "P"),
    ]


def test_upload_with_bad_line_writes_nothing(published, office_user, staff_client):
    client = staff_client(office_user)
    upload = SimpleUploadedFile("bad.csv", b"indicator,area,period,value\nINC,350102,2025,abc\n")
    response = client.post("/office/data/datasets/test-income/upload/", {"file": upload})
    assert response.status_code == 422
    assert "第 2 行“value”列" in response.content.decode()
    assert Observation.objects.count() == 5


def test_conditional_access_flow(published, client, office_user):
    resource = DataResource.objects.get(code="test-income")
    resource.open_type = OpenType.CONDITIONAL
    resource.conditions = "仅用于研究。"
    resource.save()
    api = "/api/v1/data/datasets/test-income/data"
    assert client.get(api).status_code == 403
    response = client.post(
        "/sjfb/catalogue/test-income/apply/",
        {
            "applicant_name": "张三",
            "email": "zhang@example.com",
            "purpose": "学术研究",
            "accepted_terms": "on",
        },
    )
    assert response.status_code == 200
    token = response.context["token"]
    application = AccessApplication.objects.get()
    assert application.state == "submitted" and application.token_hash != token
    assert client.get(api, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403  # not yet approved
    with pytest.raises(ValidationFailed):
        services.decide_application(actor=office_user, application=application, approve=False, reason="")
    services.decide_application(actor=office_user, application=application, approve=True)
    assert client.get(api, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert client.get(api, HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    verbs = set(
        AuditEvent.objects.filter(verb__startswith="opendata.application").values_list("verb", flat=True)
    )
    assert verbs == {"opendata.application_submitted", "opendata.application_approved"}
    assert AuditEvent.objects.filter(verb="opendata.conditional_access").count() == 1


def test_application_without_terms_keeps_what_was_typed(published, client):
    DataResource.objects.filter(code="test-income").update(open_type=OpenType.CONDITIONAL)
    response = client.post(
        "/sjfb/catalogue/test-income/apply/",
        {"applicant_name": "张三", "email": "zhang@example.com", "purpose": "学术研究"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "须阅读并接受使用条款。" in html and "学术研究" in html
    assert AccessApplication.objects.count() == 0


def test_not_open_needs_reason(agency, office_user):
    with pytest.raises(ValidationFailed):
        services.save_resource(actor=office_user, code="micro", title="微观数据", open_type=OpenType.NOT_OPEN)


def test_surveys_public_pages(agency, office_user, client):
    project = services.save_survey_project(
        actor=office_user,
        name="人口变动抽样调查",
        kind="filed",
        approval_number="闽统备〔2024〕1号",
        approving_authority="福建省统计局",
        organiser="福州市统计局",
        content="出生、死亡、迁移",
    )
    assert "人口变动抽样调查" in client.get("/sjfb/surveys/").content.decode()
    assert "出生、死亡、迁移" in client.get(f"/sjfb/surveys/{project.pk}/").content.decode()
