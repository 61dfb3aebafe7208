"""Power items and 办事指南 in the site search (two capabilities, so a cross-app test)."""

from datetime import date

import pytest

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for
from gongkai.search import interface

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path, caplog):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    yield
    interface.reset_backends()
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


def _found(text: str) -> list[tuple[str, str]]:
    results = interface.search(text)
    return [] if results.partial else sorted((h.type, h.title) for h in results.hits)


def test_power_items_and_guides_searchable(office_user, agency, reviewer, approver):
    from gongkai.responsibilities import services as lists
    from gongkai.service_guides import services as guides

    def publish(obj):
        wf = workflow_for(obj)
        publishing.submit(actor=office_user, workflow=wf)
        publishing.pass_review(actor=reviewer, workflow=wf)
        publishing.approve(actor=approver, workflow=wf)

    version = lists.start_adjustment(
        actor=office_user,
        agency=agency,
        change_note="首次",
        effective_on=date(2026, 1, 1),
        rows=[
            {
                "code": "A",
                "name": "统计调查项目审批",
                "power_type": "confirmation",
                "acting_body": "福州市统计局",
                "basis": "统计法第十五条",
            }
        ],
    )
    publish(version)
    assert _found("统计调查项目审批") == [("power_item", "统计调查项目审批")]
    v = guides.create_guide(
        actor=office_user,
        agency=agency,
        code="G1",
        name="统计资料查询",
        basis="统计法",
        conditions="均可",
        process="申请",
        statutory_days=20,
        promised_days=5,
        fee_free=True,
        location="窗口",
        hours="工作日",
        phone="0591",
        complaint="12345",
        delivery="当场",
    )
    guides.save_material(actor=office_user, version=v, name="申请表")
    publish(v)
    assert ("service_guide", "统计资料查询办事指南") in _found("统计资料查询")
