"""The city portal's latest 政策解读 (issue 18 item 11): public ones only, of the agencies asked for, in
a fixed number of queries whatever the number of agencies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.interpretations.selectors import latest_public_interpretations, public_interpretations

pytestmark = pytest.mark.django_db


def test_latest_interpretations_are_public_only(
    agency, other_agency, make_policy, make_interpretation, drafter, publish, django_assert_num_queries
):
    policy = make_policy()
    shown = make_interpretation(policy, title="已公开的解读")
    publish(shown, author=drafter)
    publish(policy.revisions.get(), author=drafter)
    make_interpretation(policy, title="草稿解读")
    publish(
        make_interpretation(policy, title="定时解读"),
        author=drafter,
        publish_at=timezone.now() + timedelta(days=1),
    )
    unpublished_policy = make_policy(
        title="尚未公开的政策", needs_interpretation=False, document_number="榕统〔2026〕6号"
    )
    publish(make_interpretation(unpublished_policy, title="政策未公开的解读"), author=drafter)

    with django_assert_num_queries(2):
        found = latest_public_interpretations([agency.pk, other_agency.pk], limit=10)
    assert [i.title for i in found] == ["已公开的解读"]
    assert latest_public_interpretations([other_agency.pk], limit=10) == []


def test_a_scheduled_interpretation_shows_from_its_minute(
    agency, make_policy, make_interpretation, drafter, publish
):
    from gongkai.publishing.models import Workflow

    policy = make_policy()
    publish(make_interpretation(policy, title="先公开的解读"), author=drafter)
    publish(policy.revisions.get(), author=drafter)
    later = make_interpretation(policy, title="定时公开的解读")
    workflow = publish(later, author=drafter, publish_at=timezone.now() + timedelta(hours=1))
    assert [i.title for i in latest_public_interpretations([agency.pk], limit=10)] == ["先公开的解读"]
    Workflow.objects.filter(pk=workflow.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    found = latest_public_interpretations([agency.pk], limit=10)
    assert {i.title for i in found} == {"定时公开的解读", "先公开的解读"}
    assert found == list(public_interpretations(agency).order_by("-public_at", "-id"))
