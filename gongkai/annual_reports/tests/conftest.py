from decimal import Decimal

import pytest

from gongkai.annual_reports import services
from gongkai.publishing import services as publishing

COMPLETE = {
    "overview": "2025年，本局认真贯彻《条例》，推进政务公开。",
    "problems": "数据解读还不够通俗。",
    "other_matters": "本年度未收取信息处理费。",
    "rules_issued": 0,
    "rules_repealed": 0,
    "rules_in_force": 0,
    "licensing_decisions": 0,
    "penalty_decisions": 3,
    "coercion_decisions": 0,
    "fees_amount": Decimal("0"),
}


@pytest.fixture
def supervisor(make_user):
    from gongkai.accounts.roles import Role

    return make_user(Role.SUPERVISOR, username="jiandu", full_name="刘洋")


@pytest.fixture
def make_report(office_user):
    def make(year=2025, complete=True, **fields):
        values = {**(COMPLETE if complete else {}), **fields}
        return services.create_report(actor=office_user, year=year, **values)

    return make


@pytest.fixture
def publish(office_user, reviewer, approver):
    """Submit, pass review and approve: the report is published and its tables frozen."""

    def run(report):
        workflow = services.submit_report(actor=office_user, report=report)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow)
        report.refresh_from_db()
        return report

    return run
