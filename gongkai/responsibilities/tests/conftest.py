import io
from datetime import date

import pytest

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

ROW = {
    "code": "QL-CF-001",
    "name": "对提供不真实统计资料的处罚",
    "power_type": "penalty",
    "content": "对作为统计调查对象的企业事业单位提供不真实、不完整统计资料的行为给予处罚。",
    "acting_body": "福州市统计局",
    "basis": "《中华人民共和国统计法》第四十四条",
    "duties": "立案、调查、审查、决定、送达、执行",
    "accountability": "不履行或不正确履行职责的，依法追究责任。",
    "process": "立案→调查取证→告知→决定→送达",
}


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
def first_version(office_user, agency, publish):
    from gongkai.responsibilities import services

    rows = [
        ROW,
        {
            **ROW,
            "code": "QL-JC-001",
            "name": "统计执法检查",
            "power_type": "inspection",
            "basis": "《中华人民共和国统计法》第三十五条",
        },
    ]
    version = services.start_adjustment(
        actor=office_user, agency=agency, change_note="首次公布", effective_on=date(2026, 1, 1), rows=rows
    )
    publish(version, author=office_user)
    return version


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
