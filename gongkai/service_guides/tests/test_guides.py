"""办事指南: mandatory elements block submission (naming the element), versions, rating and 纠错."""

import pytest

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for
from gongkai.service_guides import selectors, services
from gongkai.service_guides.models import ErrorReport, GuideVersion

pytestmark = pytest.mark.django_db

ELEMENTS = {
    "basis": "《中华人民共和国统计法》第二十四条",
    "conditions": "公民、法人和其他组织均可申请查询已公布的统计资料。",
    "process": "提出申请\n窗口受理\n查询提供",
    "statutory_days": 20,
    "promised_days": 5,
    "fee_free": True,
    "location": "福州市统计局统计资料查询窗口",
    "hours": "工作日 8:30-12:00，14:30-17:30",
    "phone": "0591-00000000",
    "complaint": "12345 政务服务便民热线",
    "delivery": "现场领取或电子邮件",
}


@pytest.fixture
def publish(reviewer, approver):
    def run(obj, *, author):
        workflow = workflow_for(obj)
        publishing.submit(actor=author, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow)
        obj.refresh_from_db()

    return run


@pytest.fixture
def guide(office_user, agency):
    version = services.create_guide(
        actor=office_user, agency=agency, code="TJ-001", name="统计资料查询", **ELEMENTS
    )
    services.save_material(actor=office_user, version=version, name="查询申请表", form="原件", copies=1)
    return version


def test_guide_missing_an_element_cannot_be_submitted_and_the_element_is_named(office_user, agency):
    version = services.create_guide(
        actor=office_user,
        agency=agency,
        code="TJ-002",
        name="统计违法举报受理",
        **{**ELEMENTS, "complaint": ""},
    )
    with pytest.raises(ValidationFailed) as caught:
        publishing.submit(actor=office_user, workflow=workflow_for(version))
    assert caught.value.message == "办事指南缺少必备要素：申请材料、投诉渠道。请补充后再提交。"
    assert workflow_for(version).state == "draft"


def test_charged_guide_needs_standard_and_basis(guide, office_user):
    services.update_guide(actor=office_user, version=guide, fee_free=False, fee_standard="每页 0.5 元")
    with pytest.raises(ValidationFailed, match="收费标准及依据"):
        publishing.submit(actor=office_user, workflow=workflow_for(guide))


def test_promise_cannot_exceed_the_statutory_limit(guide, office_user):
    with pytest.raises(ValidationFailed, match="承诺时限不能超过法定时限"):
        services.update_guide(actor=office_user, version=guide, promised_days=30)
    assert GuideVersion.objects.get(pk=guide.pk).promised_days == 5


def test_published_guide_is_revised_as_a_new_version_with_the_changes(guide, office_user, publish, client):
    publish(guide, author=office_user)
    with pytest.raises(InvalidTransition, match="修订"):
        services.update_guide(actor=office_user, version=guide, promised_days=3)
    v2 = services.start_revision(actor=office_user, item=guide.item, change_note="承诺时限缩短为 3 个工作日")
    assert v2.materials.count() == 1
    services.update_guide(actor=office_user, version=v2, promised_days=3)
    publish(v2, author=office_user)
    guide.refresh_from_db()
    assert (guide.status, v2.status) == ("superseded", "published")
    assert selectors.version_changes(guide, v2) == [("承诺时限", "5", "3")]
    html = client.get("/bsfw/bszn/TJ-001/").content.decode()
    assert "3 个工作日" in html and "第 1 版" in html
    assert client.get("/bsfw/bszn/TJ-001/v1/").status_code == 200
    assert "统计资料查询" in client.get("/bsfw/bszn/").content.decode()


def test_rating_and_error_report_routed_to_the_owning_department(
    guide, office_user, publish, client, drafter, make_user
):
    from gongkai.accounts.roles import Role

    publish(guide, author=office_user)
    assert client.post(f"/bsfw/bszn/g/{guide.pk}/rate/", {"score": "4"}).status_code == 302
    assert selectors.rating_summary(guide) == {"count": 1, "average": 4.0}
    client.post(f"/bsfw/bszn/g/{guide.pk}/report/", {"body": "咨询电话已变更为 0591-11111111", "contact": ""})
    report = ErrorReport.objects.get()
    assert report.department == guide.item.department
    assert list(selectors.open_error_reports(drafter)) == [report]  # drafter of the same 处室
    other = make_user(Role.DRAFTER)
    assert list(selectors.open_error_reports(other)) == []  # another 处室 does not see it
    services.handle_error_report(actor=drafter, report=report, reply="已更新指南")
    assert not selectors.open_error_reports(drafter).exists()


def test_rating_out_of_range_is_refused(guide, office_user, publish):
    publish(guide, author=office_user)
    with pytest.raises(ValidationFailed):
        services.rate(version=guide, score=9)
    assert not guide.ratings.exists()


def test_api_guide_rating_and_error_report(guide, office_user, publish, client):
    publish(guide, author=office_user)
    body = client.get("/api/v1/service-guides/TJ-001").json()
    assert body["name"] == "统计资料查询" and body["materials"][0]["name"] == "查询申请表"
    assert body["process_steps"] == ["提出申请", "窗口受理", "查询提供"]
    assert (
        client.post(
            "/api/v1/service-guides/TJ-001/ratings", {"score": 6}, content_type="application/json"
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/api/v1/service-guides/TJ-001/error-reports",
            {"body": "电话有误"},
            content_type="application/json",
        ).status_code
        == 201
    )
    assert client.get("/api/v1/service-guides/NOPE").status_code == 404


def test_blank_form_uploaded_and_downloaded_by_the_public(
    guide, office_user, publish, client, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    material = guide.materials.get()
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["统计资料查询申请表", "申请人", "查询内容"])
    out = io.BytesIO()
    book.save(out)
    pdf = out.getvalue()
    services.set_material_file(
        actor=office_user, material=material, which="blank_form", filename="查询申请表.xlsx", data=pdf
    )
    publish(guide, author=office_user)
    response = client.get(f"/bsfw/bszn/m/{material.pk}/blank_form/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    assert client.get(f"/bsfw/bszn/m/{material.pk}/sample/").status_code == 404


def test_masking_replaces_what_the_scan_detects():
    from gongkai.confidentiality.scanner import mask_personal_data

    text = "身份证 11010519491231002X，手机 13912345678，编号 12345。"
    assert mask_personal_data(text)[0] == "身份证 110105********002X，手机 139****5678，编号 12345。"
