"""Disclosed documents go through the confidentiality scan of the confidentiality app: the report is stored
against the document (with the agency's negative list), a high finding blocks the answer until a reviewer
releases it."""

import io

import docx
import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.accounts.roles import Role
from gongkai.confidentiality.models import NegativeListEntry, ScanReport
from gongkai.core.errors import ValidationFailed
from gongkai.foi_requests import services
from gongkai.foi_requests.models import RequestDocument

from .conftest import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gkb", full_name="林晓")


@pytest.fixture
def received(agency, office):
    r = services.submit_application(agency=agency, data=application())
    services.confirm_receipt(actor=office, foi_request=r)
    r.refresh_from_db()
    return r


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _reports(doc):
    return ScanReport.objects.filter(
        subject_type=ContentType.objects.get_for_model(RequestDocument), subject_id=str(doc.pk)
    )


def test_upload_stores_a_scan_report_and_a_marking_blocks_the_answer(agency, office, received, make_user):
    data = _docx("福州市规模以上工业企业名录", "秘密★1年", "第一页")
    doc = services.attach_document(actor=office, foi_request=received, filename="名录.docx", data=data)
    report = _reports(doc).get()
    assert (report.agency_id, report.stage, report.files_scanned, report.actor_id) == (
        agency.pk,
        ScanReport.Stage.SUBMISSION,
        1,
        office.pk,
    )
    assert [f.kind for f in report.findings.all()] == ["classification_marking"]
    doc.refresh_from_db()
    assert [f["kind"] for f in doc.findings] == ["classification_marking"] and doc.blocking is True
    with pytest.raises(ValidationFailed) as refused:
        services.answer(actor=office, foi_request=received, outcome="disclosed", text="现予公开。")
    assert "名录.docx" in str(refused.value)
    reviewer = make_user(Role.CONFIDENTIALITY_REVIEWER, username="bm", full_name="黄静")
    services.override_document_findings(actor=reviewer, document=doc, reason="系引用的示例文字，非密级标志")
    services.answer(actor=office, foi_request=received, outcome="disclosed", text="现予公开。")
    doc.refresh_from_db()
    assert doc.is_public is True


def test_the_agencys_negative_list_is_used(agency, office, received):
    NegativeListEntry.objects.create(
        agency=agency, matter="内部测算资料", terms="内部测算口径", legal_basis="条例第十六条"
    )
    doc = services.attach_document(
        actor=office, foi_request=received, filename="说明.docx", data=_docx("本表采用内部测算口径。")
    )
    assert "negative_term" in [f.kind for f in _reports(doc).get().findings.all()]


def test_a_clean_document_has_an_empty_report(office, received):
    doc = services.attach_document(
        actor=office, foi_request=received, filename="公开.docx", data=_docx("2025年福州市统计年鉴目录。")
    )
    assert _reports(doc).get().findings.count() == 0 and doc.findings == [] and doc.blocking is False
