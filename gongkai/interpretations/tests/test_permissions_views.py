"""Each role can do what it should with interpretations and nothing else; the office pages."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.roles import Role
from gongkai.core.errors import PermissionDenied
from gongkai.core.models import AuditEvent
from gongkai.interpretations import services
from gongkai.interpretations.models import Interpretation, Waiver

pytestmark = pytest.mark.django_db

CAN_CREATE = {Role.DRAFTER, Role.OPENNESS_OFFICE}
CAN_WAIVE = {Role.APPROVER}


def _state():
    return Interpretation.objects.count(), Waiver.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize("role", list(Role))
def test_create_interpretation_by_role(role, make_user, department, make_policy):
    policy = make_policy()
    user = make_user(role, department=department)
    before = _state()
    if role in CAN_CREATE:
        assert services.create_interpretation(actor=user, policy=policy, form="text", title="解读").pk
    else:
        with pytest.raises(PermissionDenied):
            services.create_interpretation(actor=user, policy=policy, form="text", title="解读")
        assert _state() == before


@pytest.mark.parametrize("role", list(Role))
def test_waive_by_role(role, make_user, department, make_policy):
    revision = make_policy().revisions.get()
    user = make_user(role, department=department)
    before = _state()
    if role in CAN_WAIVE:
        assert services.waive(actor=user, revision=revision, reason="理由").pk
    else:
        with pytest.raises(PermissionDenied):
            services.waive(actor=user, revision=revision, reason="理由")
        assert _state() == before


def test_who_drafts_interprets(make_user, make_policy):
    """A 承办人 of another 处室 may not write the interpretation of this policy."""
    outsider = make_user(Role.DRAFTER)
    policy = make_policy()
    before = _state()
    with pytest.raises(PermissionDenied, match="谁起草、谁解读"):
        services.create_interpretation(actor=outsider, policy=policy, form="text", title="解读")
    assert _state() == before


@pytest.mark.parametrize("role", list(Role))
def test_office_pages_by_role(role, make_user, staff_client, department, make_policy, make_interpretation):
    interpretation = make_interpretation(make_policy())
    client = staff_client(make_user(role, department=department))
    assert client.get(reverse("interpretations_office:list")).status_code == 200
    assert client.get(reverse("interpretations_office:coverage")).status_code == 200
    assert client.get(reverse("interpretations_office:detail", args=[interpretation.pk])).status_code == 200
    assert client.get(reverse("interpretations_office:new")).status_code == (
        200 if role in CAN_CREATE else 403
    )
    waive_url = reverse("interpretations_office:waive", args=[interpretation.policy.revisions.get().pk])
    assert client.get(waive_url).status_code == (200 if role in CAN_WAIVE else 403)


def test_staff_of_another_agency_see_nothing(
    make_user, other_agency, staff_client, make_policy, make_interpretation
):
    interpretation = make_interpretation(make_policy())
    outsider = make_user(
        Role.OPENNESS_OFFICE, agency=other_agency, department=DepartmentFactory(agency=other_agency)
    )
    client = staff_client(outsider)
    assert client.get(reverse("interpretations_office:detail", args=[interpretation.pk])).status_code == 404
    with pytest.raises(Exception):  # noqa: B017 - NotFound or PermissionDenied, never a write
        services.update_interpretation(actor=outsider, interpretation=interpretation, title="改")
    interpretation.refresh_from_db()
    assert interpretation.title != "改"


def test_drafter_creates_a_qa_interpretation_through_the_office(drafter, staff_client, make_policy):
    policy = make_policy()
    client = staff_client(drafter)
    form = client.get(reverse("interpretations_office:new") + f"?policy={policy.pk}").content.decode()
    assert "政策解读" in form
    response = client.post(
        reverse("interpretations_office:new"),
        {"policy": policy.pk, "form": "graphic", "title": "一图读懂", "image_alt": ""},
    )
    assert response.status_code == 200
    assert "图解必须填写文字说明" in response.content.decode()
    assert 'value="一图读懂"' in response.content.decode()  # what was typed is kept
    response = client.post(
        reverse("interpretations_office:new"), {"policy": policy.pk, "form": "qa", "title": "问答"}
    )
    interpretation = Interpretation.objects.get(title="问答")
    assert response.status_code == 302
    response = client.post(
        reverse("interpretations_office:qa", args=[interpretation.pk]),
        {
            "qa-TOTAL_FORMS": "2",
            "qa-INITIAL_FORMS": "0",
            "qa-MIN_NUM_FORMS": "0",
            "qa-MAX_NUM_FORMS": "100",
            "qa-0-question": "适用范围？",
            "qa-0-answer": "本市各部门。",
            "qa-1-question": "",
            "qa-1-answer": "",
        },
    )
    assert response.status_code == 302
    assert list(interpretation.qa_pairs.values_list("answer", flat=True)) == ["本市各部门。"]


def test_approver_records_a_waiver_through_the_office(approver, staff_client, make_policy):
    revision = make_policy(title="急需发布的文件").revisions.get()
    client = staff_client(approver)
    coverage = client.get(reverse("interpretations_office:coverage")).content.decode()
    assert "急需发布的文件" in coverage and "登记不同步解读" in coverage
    url = reverse("interpretations_office:waive", args=[revision.pk])
    assert client.post(url, {"reason": ""}).status_code == 200  # the form again, with its error
    assert Waiver.objects.count() == 0
    assert client.post(url, {"reason": "时间紧，解读随后发布"}).status_code == 302
    assert Waiver.objects.get().reason == "时间紧，解读随后发布"
