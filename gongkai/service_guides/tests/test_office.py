"""Office screens of 办事指南: the version page names the missing elements; exports; materials; 纠错."""

import pytest

from gongkai.service_guides import services
from gongkai.service_guides.models import ServiceItem

pytestmark = pytest.mark.django_db


def test_new_guide_then_version_page_names_missing_elements(staff_client, office_user):
    client = staff_client(office_user)
    response = client.post(
        "/office/service-guides/new/",
        {"code": "TJ-9", "name": "统计资料查询", "fee_free": "on", "statutory_days": 20, "promised_days": 5},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert (
        "缺少必备要素（补齐后才能提交审查）：设定依据、受理条件、申请材料、办理流程、办理地点、办理时间、咨询电话、投诉渠道、结果送达"
        in html
    )
    version = ServiceItem.objects.get().versions.get()
    client.post(
        f"/office/service-guides/v/{version.pk}/materials/new/",
        {"name": "申请表", "form": "原件", "copies": 1},
    )
    assert version.materials.get().name == "申请表"
    for path in (
        "/office/service-guides/",
        "/office/service-guides/errors/",
        f"/office/service-guides/v/{version.pk}/edit/",
        "/office/service-guides/?format=csv",
        "/office/service-guides/?format=xlsx",
    ):
        assert client.get(path).status_code == 200, path


def test_promise_over_limit_is_shown_beside_the_field_keeping_input(staff_client, office_user, agency):
    version = services.create_guide(actor=office_user, agency=agency, code="TJ-8", name="举报受理")
    client = staff_client(office_user)
    html = client.post(
        f"/office/service-guides/v/{version.pk}/edit/",
        {"statutory_days": 10, "promised_days": 15, "basis": "统计法第十条"},
    ).content.decode()
    assert "承诺时限不能超过法定时限" in html and "统计法第十条" in html
