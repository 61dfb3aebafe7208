from datetime import date, datetime, timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.catalogue import deadlines, selectors, services
from gongkai.catalogue.models import Attachment, ItemRevision, RevisionStatus
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent

from .conftest import make_docx, make_pdf

pytestmark = pytest.mark.django_db


def test_create_item_makes_a_draft_revision_with_a_workflow_and_an_audit_event(make_item, drafter):
    from gongkai.publishing.selectors import workflow_for

    item = make_item()
    revision = item.revisions.get()
    assert (revision.number, revision.status, revision.issuer) == (1, RevisionStatus.DRAFT, "福州市统计局")
    assert revision.department == drafter.department
    assert workflow_for(revision).state == "draft"
    assert AuditEvent.objects.filter(verb="catalogue.item_created", object_id=str(item.pk)).count() == 1


def test_body_is_sanitised(make_item):
    item = make_item(
        body='<p onclick="x()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>'
        "<style>p{}</style><table><tr><td>1</td></tr></table>"
    )
    body = item.revisions.get().body
    assert "<script" not in body and "alert(1)" not in body and "onclick" not in body and "<style" not in body
    assert "javascript:" not in body
    assert "<p>正文</p>" in body and "<td>1</td>" in body


def test_withheld_information_needs_a_reason(make_item):
    with pytest.raises(ValidationFailed) as exc:
        make_item(disclosure_mode="withheld")
    assert exc.value.field == "withheld_reason"


def test_edit_draft_records_before_and_after(make_item, drafter):
    revision = make_item().revisions.get()
    services.update_draft(actor=drafter, revision=revision, title="新标题", summary="概述")
    revision.refresh_from_db()
    assert (revision.title, revision.summary) == ("新标题", "概述")
    event = AuditEvent.objects.get(verb="catalogue.revision_edited")
    assert event.before["title"] != "新标题" and event.after["title"] == "新标题"


def test_due_on_is_20_working_days_after_formed_on(make_item):
    # 2025-09-24 (Wed) + 20 working days crosses National Day (10-01..10-08, make-up 09-28 and 10-11).
    revision = make_item(formed_on=date(2025, 9, 24)).revisions.get()
    assert revision.due_on == deadlines.due_on_for(date(2025, 9, 24))
    assert revision.due_on == date(2025, 10, 28)  # counted by hand: 20th working day


def test_stricter_local_deadline_setting(settings, make_item):
    settings.GONGKAI_PUBLICATION_DEADLINE_DAYS = 10
    revision = make_item(formed_on=date(2025, 6, 2)).revisions.get()
    assert revision.due_on == date(2025, 6, 16)  # 10 working days, Monday 2 June → Monday 16 June


def test_a_looser_local_deadline_is_capped_at_the_statutory_20_days(settings):
    settings.GONGKAI_PUBLICATION_DEADLINE_DAYS = 30
    assert deadlines.publication_days() == 20


@pytest.mark.parametrize(
    ("due", "published", "late"),
    [
        (date(2025, 6, 16), date(2025, 6, 16), 0),
        (date(2025, 6, 16), date(2025, 6, 13), 0),
        (date(2025, 6, 16), date(2025, 6, 17), 1),
        (date(2025, 6, 13), date(2025, 6, 14), 1),  # Friday deadline, Saturday publication: still late
        (date(2025, 6, 13), date(2025, 6, 20), 5),
    ],
)
def test_lateness_in_working_days(due, published, late):
    assert deadlines.late_by_days(due, published) == late


# --- attachments ---------------------------------------------------------------------------------
def test_attachment_is_stored_under_a_generated_name_keeping_the_chinese_name(make_item, drafter):
    revision = make_item().revisions.get()
    data = make_docx("统计报表说明")
    attachment = services.add_attachment(
        actor=drafter, revision=revision, filename="2025年统计报表.docx", data=data
    )
    assert attachment.original_name == "2025年统计报表.docx"
    assert attachment.extension == "docx" and attachment.size == len(data)
    assert "统计报表" not in attachment.file.name and attachment.file.name.endswith(".docx")
    assert default_storage.open(attachment.file.name).read() == data


def test_a_docx_renamed_pdf_is_refused_by_its_content(make_item, drafter):
    revision = make_item().revisions.get()
    with pytest.raises(ValidationFailed) as exc:
        services.add_attachment(actor=drafter, revision=revision, filename="报表.pdf", data=make_docx("x"))
    assert "与文件内容" in exc.value.message
    assert Attachment.objects.count() == 0


def test_attachment_size_limit_from_settings(settings, make_item, drafter):
    settings.GONGKAI_MAX_ATTACHMENT_MB = 1
    revision = make_item().revisions.get()
    with pytest.raises(ValidationFailed, match="1 MB"):
        services.add_attachment(
            actor=drafter, revision=revision, filename="a.pdf", data=make_pdf() + b"0" * (1024 * 1024)
        )


def test_remove_attachment_while_draft(make_item, drafter):
    revision = make_item().revisions.get()
    attachment = services.add_attachment(actor=drafter, revision=revision, filename="a.pdf", data=make_pdf())
    services.remove_attachment(actor=drafter, attachment=attachment)
    assert not Attachment.objects.exists()


# --- publication, corrections --------------------------------------------------------------------
def test_publication_sets_current_revision_and_records_lateness(make_item, drafter, publish):
    formed = timezone.localdate() - timedelta(days=60)
    item = make_item(formed_on=formed)
    revision = publish(item.revisions.get(), author=drafter)
    item.refresh_from_db()
    assert revision.status == RevisionStatus.PUBLISHED and item.current_revision == revision
    assert revision.late_by_days == deadlines.late_by_days(revision.due_on, timezone.localdate())
    assert revision.late_by_days > 0
    assert item.first_published_at == revision.published_at


def test_published_content_is_not_editable_in_place(make_item, drafter, publish):
    revision = publish(make_item().revisions.get(), author=drafter)
    with pytest.raises(InvalidTransition, match="更正"):
        services.update_draft(actor=drafter, revision=revision, title="偷偷改")
    with pytest.raises(InvalidTransition):
        services.add_attachment(actor=drafter, revision=revision, filename="a.pdf", data=make_pdf())
    revision.refresh_from_db()
    assert revision.title != "偷偷改"


def test_a_submitted_draft_cannot_be_edited(make_item, drafter):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    revision = make_item().revisions.get()
    publishing.submit(actor=drafter, workflow=workflow_for(revision))
    with pytest.raises(InvalidTransition, match="退回"):
        services.update_draft(actor=drafter, revision=revision, title="改")


def test_correction_supersedes_and_history_stays_visible(make_item, drafter, publish, agency):
    from gongkai.publishing.selectors import workflow_for

    item = make_item()
    first = item.revisions.get()
    services.add_attachment(actor=drafter, revision=first, filename="公报.pdf", data=make_pdf())
    publish(first, author=drafter)
    with pytest.raises(ValidationFailed):
        services.start_correction(actor=drafter, item=item, change_note=" ")
    second = services.start_correction(actor=drafter, item=item, change_note="更正第三段的数据口径")
    assert (second.number, second.title, second.attachments.count()) == (2, first.title, 1)
    services.update_draft(
        actor=drafter, revision=second, title="更正后的标题", change_note="更正第三段的数据口径"
    )
    publish(second, author=drafter)
    first.refresh_from_db()
    item.refresh_from_db()
    assert first.status == RevisionStatus.SUPERSEDED
    assert workflow_for(first).state == "superseded"
    assert item.current_revision == second
    assert [r.number for r in selectors.public_history(item)] == [2, 1]
    assert selectors.public_revision_of(agency, item.slug).pk == second.pk


def test_only_one_pending_correction_at_a_time(make_item, drafter, publish):
    item = make_item()
    publish(item.revisions.get(), author=drafter)
    services.start_correction(actor=drafter, item=item, change_note="一")
    with pytest.raises(InvalidTransition):
        services.start_correction(actor=drafter, item=item, change_note="二")


def test_withdrawal_hides_the_item_and_keeps_the_reason(make_item, drafter, publish, agency, office_user):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    item = make_item()
    revision = publish(item.revisions.get(), author=drafter)
    publishing.withdraw(actor=office_user, workflow=workflow_for(revision), reason="数据有误，核实后重新发布")
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.WITHDRAWN
    assert selectors.public_revision_of(agency, item.slug) is None
    assert selectors.withdrawn_item(agency, item.slug).withdrawal_reason == "数据有误，核实后重新发布"


def test_non_proactive_information_cannot_be_published(make_item, drafter, publish):
    revision = make_item(disclosure_mode="on_request").revisions.get()
    with pytest.raises(ValidationFailed, match="主动公开"):
        publish(revision, author=drafter)
    assert ItemRevision.objects.get(pk=revision.pk).status == RevisionStatus.DRAFT


# --- deadlines lists -----------------------------------------------------------------------------
def test_due_soon_and_overdue_lists(make_item, office_user):
    today = timezone.localdate()
    overdue = make_item(actor=office_user, title="逾期", formed_on=today - timedelta(days=60))
    soon = make_item(actor=office_user, title="将到期")
    ItemRevision.objects.filter(item=soon).update(due_on=deadlines.add_working_days(today, 2))
    later = make_item(actor=office_user, title="还早")
    assert list(selectors.overdue(office_user).values_list("item", flat=True)) == [overdue.pk]
    assert list(selectors.due_soon(office_user).values_list("item", flat=True)) == [soon.pk]
    assert later.pk not in selectors.due_soon(office_user).values_list("item", flat=True)


def test_scheduled_revision_is_public_only_from_its_time(make_item, drafter, publish, agency):
    item = make_item()
    at = timezone.now() + timedelta(hours=2)
    publish(item.revisions.get(), author=drafter, publish_at=at)
    assert selectors.public_revision_of(agency, item.slug) is None
    later = selectors.public_revision_of(agency, item.slug, now=at + timedelta(minutes=1))
    assert later is not None and later.public_at == at


def test_drafter_of_another_department_cannot_edit(make_item, make_user):
    from gongkai.accounts.roles import Role

    revision = make_item().revisions.get()
    stranger = make_user(Role.DRAFTER)
    with pytest.raises(PermissionDenied):
        services.update_draft(actor=stranger, revision=revision, title="改")
    assert datetime  # imported for parametrised cases
