"""Records a self-inspection reviews, made the way the platform makes them (services), except the FOI
requests, whose whole handling is not the subject here: they are written closed, with their outcome."""

import hashlib
import secrets

from django.utils import timezone

from gongkai.catalogue import services as catalogue_services
from gongkai.confidentiality.services import save_negative_list_entry
from gongkai.foi_requests.models import FoiRequest
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

_counter = iter(range(1, 10_000))


def foi_request(agency, description, *, applicant="甲", outcome="", closed_on=None, submitted_at=None):
    n = next(_counter)
    closed = bool(outcome)
    return FoiRequest.objects.create(
        agency=agency,
        tracking_number=f"YSQ{n:05d}",
        token_hash=hashlib.sha256(secrets.token_hex(16).encode()).hexdigest(),
        channel="online",
        applicant_type="natural_person",
        applicant_name=f"申请人{applicant}",
        id_type="resident_id",
        id_number_masked="3501**********0011",
        id_number_digest=hashlib.sha256(applicant.encode()).hexdigest(),
        phone="13800000000",
        description=description,
        delivery_form="electronic",
        delivery_channel="email",
        status="closed" if closed else "in_progress",
        outcome=outcome,
        submitted_at=submitted_at or timezone.now(),
        closed_on=(closed_on or timezone.localdate()) if closed else None,
    )


def withheld_item(actor, title, *, mode="withheld", reason="涉及第三方商业秘密"):
    item = catalogue_services.create_item(
        actor=actor,
        title=title,
        disclosure_mode=mode,
        withheld_reason=reason if mode == "withheld" else "",
    )
    return item.revisions.get(number=1)


def negative_entry(
    actor, matter="统计调查对象名录", terms="调查对象名录", basis="《统计法》第三十九条；条例第十四条"
):
    return save_negative_list_entry(
        actor=actor, agency=actor.agency, matter=matter, legal_basis=basis, terms=terms
    )


def blocked_by_negative_list(actor, title="2025年规模以上工业企业调查对象名录"):
    """A proactive draft that hit a negative-list term at submission and was returned, never published."""
    item = catalogue_services.create_item(actor=actor, title=title, body="<p>附：调查对象名录</p>")
    revision = item.revisions.get(number=1)
    publishing.submit(actor=actor, workflow=workflow_for(revision))
    return revision


def publish_through_workflow(revision, *, author, reviewer, approver):
    """保密审查 → 领导审批 → 发布, each step by its own person (four eyes)."""
    workflow = workflow_for(revision)
    publishing.submit(actor=author, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow_for(revision))
    publishing.approve(actor=approver, workflow=workflow_for(revision))
    return workflow_for(revision)
