from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed
from gongkai.incidents import selectors as incident_selectors
from gongkai.incidents import services as incidents
from gongkai.press import selectors, services
from gongkai.press.models import MediaRequest
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for


@pytest.fixture
def people(make_user):
    return {
        "fayanren": make_user(Role.SPOKESPERSON, username="fayanren"),
        "baomi": make_user(Role.CONFIDENTIALITY_REVIEWER, username="baomi"),
        "lingdao": make_user(Role.APPROVER, username="lingdao"),
    }


def _conference(people, *, starts_at, incident=None, registration_open=True):
    return services.save_conference(
        actor=people["fayanren"],
        title="数据造假传言新闻发布会",
        topic="回应网传数据造假。",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        location="发布厅",
        speakers="郑华（新闻发言人）",
        registration_open=registration_open,
        incident=incident,
    )


def _publish(conference, people):
    workflow = workflow_for(conference)
    publishing.submit(actor=people["fayanren"], workflow=workflow)
    publishing.pass_review(actor=people["baomi"], workflow=workflow)
    publishing.approve(actor=people["lingdao"], workflow=workflow)
    conference.refresh_from_db()


@pytest.mark.django_db
def test_a_conference_held_on_an_incident_meets_its_24_hour_clock_of_guobanfa_2016_80(people):
    incident = incidents.register_incident(
        actor=people["fayanren"],
        title="网传数据造假",
        source="weibo",
        first_seen_at=timezone.now() - timedelta(hours=20),
        summary="概要",
        severity="major",
        severity_reason="理由",
    )
    conference = _conference(people, starts_at=timezone.now() - timedelta(hours=1), incident=incident)
    with pytest.raises(InvalidTransition):
        services.mark_held(actor=people["fayanren"], conference=conference)  # notice not yet published
    _publish(conference, people)
    services.mark_held(actor=people["fayanren"], conference=conference)
    incident.refresh_from_db()
    assert incident.press_conference_at == conference.starts_at
    conference_clock = incident_selectors.clock_states(incident)[1]
    assert conference_clock.clock.label == "举行新闻发布会" and conference_clock.state == "met"


@pytest.mark.django_db
def test_live_entries_start_at_the_start_and_the_notice_is_frozen_once_submitted(people):
    conference = _conference(people, starts_at=timezone.now() + timedelta(hours=2))
    publishing.submit(actor=people["fayanren"], workflow=workflow_for(conference))
    with pytest.raises(Conflict):
        services.save_conference(
            actor=people["fayanren"],
            conference=conference,
            title="改名",
            topic="t",
            location="l",
            speakers="s",
            starts_at=conference.starts_at,
            ends_at=conference.ends_at,
        )
    publishing.pass_review(actor=people["baomi"], workflow=workflow_for(conference))
    publishing.approve(actor=people["lingdao"], workflow=workflow_for(conference))
    with pytest.raises(InvalidTransition):
        services.add_entry(
            actor=people["fayanren"], conference=conference, kind="statement", speaker="郑华", text="开始"
        )
    entry = services.add_entry(
        actor=people["fayanren"],
        conference=conference,
        kind="statement",
        speaker="郑华",
        text="开始",
        now=conference.starts_at + timedelta(minutes=1),
    )
    assert entry.conference == conference


@pytest.mark.django_db
def test_media_register_only_for_a_published_upcoming_conference(people, agency, client):
    conference = _conference(people, starts_at=timezone.now() + timedelta(days=1))
    with pytest.raises(InvalidTransition):
        services.register_media(conference=conference, outlet="福州日报", reporter="李", phone="1")
    assert client.get(f"/xwfb/fbh/{conference.pk}/").status_code == 404  # not yet published
    _publish(conference, people)
    response = client.post(
        f"/xwfb/fbh/{conference.pk}/",
        {"outlet": "福州日报", "reporter": "李记者", "phone": "0591-1", "press_card": ""},
    )
    assert response.status_code == 302 and conference.registrations.count() == 1
    assert conference in selectors.public_conferences(agency)


@pytest.mark.django_db
def test_media_requests_get_a_working_day_deadline_and_a_decline_needs_a_reason(people, agency, client):
    response = client.post(
        "/xwfb/mtcf/",
        {
            "outlet": "福州电视台",
            "reporter": "王",
            "phone": "0591-2",
            "topic": "经济普查",
            "detail": "采访提纲",
        },
    )
    assert response.status_code == 200 and "答复" in response.content.decode()
    request = MediaRequest.objects.get()
    from gongkai.workdays.selectors import add_working_days

    assert request.due_on == add_working_days(timezone.localdate(request.submitted_at), 5).due
    with pytest.raises(ValidationFailed):
        services.answer_media_request(
            actor=people["fayanren"], media_request=request, accept=False, answer=""
        )
    services.answer_media_request(
        actor=people["fayanren"], media_request=request, accept=False, answer="近期不安排专访"
    )
    with pytest.raises(InvalidTransition):
        services.answer_media_request(
            actor=people["fayanren"], media_request=request, accept=True, answer="again"
        )


@pytest.mark.django_db
def test_demo_conference_has_its_transcript_and_is_linked_to_a_data_release(agency, people, make_user):
    from gongkai.press.demo import load_press
    from gongkai.press.models import Conference

    load_press(agency=agency, users={**people, "chengban": make_user(Role.DRAFTER)})
    load_press(agency=agency, users={**people, "chengban": make_user(Role.DRAFTER)})
    held = Conference.objects.get(held_at__isnull=False)
    assert held.entries.count() == 5 and held.published_at < held.starts_at
    assert Conference.objects.count() == 2 and MediaRequest.objects.filter(status="pending").count() == 1
