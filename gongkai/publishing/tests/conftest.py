"""A stand-in content type for the workflow's own tests: accounts.Department.

The workflow works with any model through its adapter; a Department has an agency, a name (title) and
is its own 处室, and its `duties` text is what the stand-in adapter hands to the scan. The real
adapters (catalogue.ItemRevision ...) are tested by their apps.
"""

import pytest

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.models import Department
from gongkai.accounts.roles import Role
from gongkai.confidentiality.scanner import Source
from gongkai.publishing import registry

VALID_ID = "11010519491231002X"  # the GB 11643 example number: valid check digit
BAD_CHECKSUM_ID = "110105194912310021"


class StandInAdapter(registry.PublishableAdapter):
    model = Department
    label = "测试内容"

    def __init__(self):
        self.calls = []
        self.refuse = None

    def scan_sources(self, obj):
        return [Source(label="正文", text=obj.duties)], []

    def check_publishable(self, obj, publish_at=None):
        if self.refuse:
            raise self.refuse

    def on_published(self, obj, *, actor, at):
        self.calls.append(("published", obj.pk, actor, at))

    def on_withdrawn(self, obj, *, actor, reason):
        self.calls.append(("withdrawn", obj.pk, actor, reason))

    def on_superseded(self, obj, *, actor):
        self.calls.append(("superseded", obj.pk, actor))

    def title(self, obj):
        return obj.name

    def department_of(self, obj):
        return obj

    def office_url(self, obj):
        return f"/office/accounts/departments/{obj.pk}/"


@pytest.fixture
def adapter():
    instance = StandInAdapter()
    registry.register(instance)
    yield instance
    registry.unregister(Department)


@pytest.fixture
def content(agency, adapter):
    """The content object: a 处室 whose duties text is scanned."""
    return DepartmentFactory(
        agency=agency, name="2024年统计公报", code="bulletin", duties="全市统计数据公开。"
    )


@pytest.fixture
def people(make_user, content):
    """One of each role; the drafter works in the content's 处室."""
    return {
        "drafter": make_user(Role.DRAFTER, department=content, username="drafter", full_name="承办人甲"),
        "reviewer": make_user(Role.CONFIDENTIALITY_REVIEWER, username="reviewer", full_name="审查员乙"),
        "approver": make_user(Role.APPROVER, username="approver", full_name="分管领导丙"),
        "office": make_user(Role.OPENNESS_OFFICE, username="office", full_name="公开办丁"),
        "supervisor": make_user(Role.SUPERVISOR, username="supervisor"),
        "admin": make_user(Role.ADMINISTRATOR, username="admin"),
        "spokesperson": make_user(Role.SPOKESPERSON, username="spokes"),
        "other_drafter": make_user(Role.DRAFTER, username="drafter2"),  # another 处室
    }
