"""Each role can do what it should with the catalogue and nothing else; a denied action changes nothing."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.roles import Role
from gongkai.catalogue import services
from gongkai.catalogue.models import CatalogueNode, InformationItem, ItemRevision
from gongkai.core.errors import PermissionDenied
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db

CAN_CREATE = {Role.DRAFTER, Role.OPENNESS_OFFICE}
CAN_MANAGE = {Role.OPENNESS_OFFICE}


def _state():
    return (
        InformationItem.objects.count(),
        ItemRevision.objects.count(),
        CatalogueNode.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("role", list(Role))
def test_create_item_by_role(role, make_user, department):
    user = make_user(role, department=department)
    before = _state()
    if role in CAN_CREATE:
        assert services.create_item(actor=user, title="标题").index_number
    else:
        with pytest.raises(PermissionDenied):
            services.create_item(actor=user, title="标题")
        assert _state() == before


@pytest.mark.parametrize("role", list(Role))
def test_manage_catalogue_nodes_by_role(role, make_user):
    user = make_user(role)
    before = _state()
    if role in CAN_MANAGE:
        assert services.save_catalogue_node(actor=user, name="统计公报", code="b").depth == 1
    else:
        with pytest.raises(PermissionDenied):
            services.save_catalogue_node(actor=user, name="统计公报", code="b")
        assert _state() == before


@pytest.mark.parametrize("role", list(Role))
def test_office_pages_by_role(role, make_user, staff_client, department):
    user = make_user(role, department=department)
    client = staff_client(user)
    assert client.get(reverse("catalogue_office:items")).status_code == 200
    assert client.get(reverse("catalogue_office:deadlines")).status_code == 200
    assert client.get(reverse("catalogue_office:nodes")).status_code == 200
    assert client.get(reverse("catalogue_office:item_new")).status_code == (
        200 if role in CAN_CREATE else 403
    )
    assert client.get(reverse("catalogue_office:node_new")).status_code == (
        200 if role in CAN_MANAGE else 403
    )


def test_every_office_url_refuses_anonymous_users(client, make_item):
    item = make_item()
    revision = item.revisions.get()
    urls = [
        reverse("catalogue_office:items"),
        reverse("catalogue_office:item_new"),
        reverse("catalogue_office:item", args=[item.pk]),
        reverse("catalogue_office:correct", args=[item.pk]),
        reverse("catalogue_office:revision_edit", args=[revision.pk]),
        reverse("catalogue_office:revision_preview", args=[revision.pk]),
        reverse("catalogue_office:deadlines"),
        reverse("catalogue_office:nodes"),
        reverse("catalogue_office:node_new"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/office/login/" in response["Location"], url


def test_staff_of_another_agency_see_and_change_nothing(make_item, make_user, other_agency, staff_client):
    item = make_item()
    revision = item.revisions.get()
    outsider = make_user(
        Role.OPENNESS_OFFICE, agency=other_agency, department=DepartmentFactory(agency=other_agency)
    )
    client = staff_client(outsider)
    assert client.get(reverse("catalogue_office:item", args=[item.pk])).status_code == 404
    assert client.get(reverse("catalogue_office:revision_preview", args=[revision.pk])).status_code == 404
    assert (
        item.index_number not in client.get(reverse("catalogue_office:items") + "?scope=all").content.decode()
    )
    before = _state()
    with pytest.raises(PermissionDenied):
        services.update_draft(actor=outsider, revision=revision, title="改")
    assert _state() == before


def test_drafter_edits_through_the_office_form(make_item, drafter, staff_client):
    revision = make_item().revisions.get()
    client = staff_client(drafter)
    data = {
        "title": "",
        "issuer": "福州市统计局",
        "formed_on": "2026-01-05",
        "category": "result",
        "validity": "in_force",
        "disclosure_mode": "proactive",
    }
    response = client.post(reverse("catalogue_office:revision_edit", args=[revision.pk]), data)
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    data["title"] = "改过的标题"
    response = client.post(reverse("catalogue_office:revision_edit", args=[revision.pk]), data)
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.title == "改过的标题"


def test_preview_renders_the_public_template_with_a_banner(make_item, drafter, staff_client):
    revision = make_item().revisions.get()
    response = staff_client(drafter).get(reverse("catalogue_office:revision_preview", args=[revision.pk]))
    html = response.content.decode()
    assert (
        response.status_code == 200 and "预览" in html and "公众看不到本页" in html and revision.title in html
    )
    assert response["X-Robots-Tag"] == "noindex"
