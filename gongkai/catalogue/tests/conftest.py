import io

import pytest
from stdnum.cn import ric

from gongkai.catalogue import services
from gongkai.catalogue.models import CatalogueNode


def valid_resident_id(first17: str = "11010119800101123") -> str:
    """An 18-digit 居民身份证号码 whose GB 11643 check digit is right."""
    number = first17 + ric.calc_check_digit(first17 + "0")  # stdnum expects a placeholder check digit
    assert ric.is_valid(number)
    return number


def make_docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def node(agency):
    return CatalogueNode.objects.create(agency=agency, name="统计公报", code="bulletins")


@pytest.fixture
def make_item(drafter):
    def make(actor=None, **fields):
        fields.setdefault("title", "2025年福州市国民经济和社会发展统计公报")
        fields.setdefault("body", "<p>全年全市地区生产总值（演示数据）。</p>")
        fields.setdefault("category", "result")
        return services.create_item(actor=actor or drafter, **fields)

    return make


@pytest.fixture
def publish(reviewer, approver):
    """Takes a draft revision through the real workflow: submit, pass review, approve."""
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    def run(revision, *, author, publish_at=None):
        workflow = workflow_for(revision)
        publishing.submit(actor=author, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow, publish_at=publish_at)
        revision.refresh_from_db()
        return revision

    return run


# The column tests' city, district and published items (issue 18 item 4).
from .column_fixtures import city, city_policy, district, publish_item  # noqa: E402, F401
