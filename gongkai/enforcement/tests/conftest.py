from datetime import date

import pytest

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for
from gongkai.workdays import package_data
from gongkai.workdays.calculator import WorkCalendar

VALID_ID = "11010519491231002X"  # the checksum-valid example of GB 11643
VALID_USCC = "91350100M000100Y43"


@pytest.fixture(scope="session")
def cal():
    """The announced schedules 2004-2026 as a value."""
    s = package_data.schedules()
    return WorkCalendar(
        holidays=frozenset(d for y in s.values() for d in y["holidays"]),
        makeup_days=frozenset(d for y in s.values() for d in y["makeup_days"]),
        announced_years=frozenset(s),
        names={d: n for y in s.values() for part in y.values() for d, n in part.items()},
    )


@pytest.fixture
def publish(reviewer, approver):
    def run(obj, *, author):
        workflow = workflow_for(obj)
        publishing.submit(actor=author, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow)
        obj.refresh_from_db()
        return workflow

    return run


@pytest.fixture
def make_decision(office_user, agency):
    from gongkai.enforcement import services

    def make(**overrides):
        values = {
            "kind": "penalty",
            "document_number": "榕统罚〔2026〕1号",
            "title": "某公司提供不真实统计资料案",
            "party_type": "organisation",
            "party_name": "福州某某贸易有限公司",
            "party_id_number": "",
            "facts": "该公司在2025年统计年报中虚报营业收入。",
            "basis": "《中华人民共和国统计法》第四十四条",
            "outcome": "警告，并处罚款人民币五万元。",
            "decided_on": date(2026, 11, 2),
        }
        values.update(overrides)
        return services.create_decision(actor=office_user, agency=agency, **values)

    return make
