"""Management and service openness in the site search: published, masked, gone when withdrawn or expired."""

from datetime import date

import pytest

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for
from gongkai.search import interface

from .conftest import VALID_ID, VALID_USCC

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


def test_decision_searchable_masked_and_removed_on_withdrawal(make_decision, office_user, publish):
    d = make_decision(
        title="钟离春迟报统计资料案",
        party_type="individual",
        party_name="钟离春",
        party_id_number=VALID_ID,
        facts="钟离春迟报统计资料。",
    )
    assert _found("迟报统计资料案") == []
    publish(d, author=office_user)
    assert _found("迟报统计资料案") == [("enforcement_decision", "行政处罚决定：钟**迟报统计资料案")]
    assert _found("钟离春") == []
    publishing.withdraw(actor=office_user, workflow=workflow_for(d), reason="撤销")
    assert _found("迟报统计资料案") == []


def test_listing_searchable_while_shown(office_user, agency):
    from gongkai.enforcement import services

    listing = services.register_listing(
        actor=office_user,
        agency=agency,
        enterprise_name="福州钟山实业有限公司",
        credit_code=VALID_USCC,
        decision_number="1",
        decided_on=date(2026, 11, 2),
        facts="虚报",
        basis="国统字〔2019〕33号",
    )
    services.publish_listing(actor=office_user, listing=listing)
    assert _found("钟山实业") == [("dishonesty_listing", "福州钟山实业有限公司")]
