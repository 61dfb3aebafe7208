import io

import pytest

from gongkai.catalogue import services as catalogue
from gongkai.interpretations import services
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for


def png_bytes() -> bytes:
    """A real 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"\x00\xff\xff\xff"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def make_policy(drafter):
    def make(title="福州市统计局统计调查项目管理办法", needs_interpretation=True, **fields):
        fields.setdefault("body", "<p>为规范部门统计调查项目管理，制定本办法。</p>")
        fields.setdefault("document_number", "榕统〔2026〕5号")
        return catalogue.create_item(
            actor=drafter, title=title, needs_interpretation=needs_interpretation, **fields
        )

    return make


@pytest.fixture
def to_approval(reviewer):
    """Submit and pass review: the workflow waits for the approver."""

    def run(obj, *, author):
        workflow = workflow_for(obj)
        publishing.submit(actor=author, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        return workflow

    return run


@pytest.fixture
def publish(to_approval, approver):
    def run(obj, *, author, publish_at=None):
        workflow = to_approval(obj, author=author)
        publishing.approve(actor=approver, workflow=workflow, publish_at=publish_at)
        obj.refresh_from_db()
        workflow.refresh_from_db()
        return workflow

    return run


@pytest.fixture
def make_interpretation(drafter):
    def make(policy, form="text", title="《福州市统计局统计调查项目管理办法》政策解读", actor=None, **fields):
        if form == "text":
            fields.setdefault("body", "<p>一、制定背景。二、主要内容。</p>")
        if form == "qa":
            fields.setdefault("qa_pairs", [("哪些调查需要审批？", "部门统计调查项目须经审批或备案。")])
        return services.create_interpretation(
            actor=actor or drafter, policy=policy, form=form, title=title, **fields
        )

    return make


__all__ = ["io", "png_bytes", "MP4"]
