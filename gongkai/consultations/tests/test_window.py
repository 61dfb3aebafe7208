"""Moving a consultation's comment window from the office: change note required, Art. 15 still applies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.consultations.models import Consultation
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db
FMT = "%Y-%m-%dT%H:%M"


def _url(c):
    return f"/office/consultations/{c.pk}/window/"


def _post(client, c, *, days, note="应社会各界要求延长征求意见时间。"):
    opens = timezone.localtime(c.opens_at)
    return client.post(
        _url(c),
        {
            "opens_at": opens.strftime(FMT),
            "closes_at": (opens + timedelta(days=days)).strftime(FMT),
            "note": note,
        },
    )


def test_the_detail_page_links_to_the_form(staff_client, open_consultation, drafter):
    html = staff_client(drafter).get(f"/office/consultations/{open_consultation.pk}/").content.decode()
    assert f'href="{_url(open_consultation)}">调整征求意见时间</a>' in html


def test_extending_the_window_moves_the_report_date_and_records_the_note(
    staff_client, open_consultation, drafter
):
    client = staff_client(drafter)
    form = client.get(_url(open_consultation))
    assert form.status_code == 200
    assert timezone.localtime(open_consultation.closes_at).strftime(FMT) in form.content.decode()
    old_due = open_consultation.report_due_on
    response = _post(client, open_consultation, days=40)
    assert (
        response.status_code == 302
        and response["Location"] == f"/office/consultations/{open_consultation.pk}/"
    )
    c = Consultation.objects.get(pk=open_consultation.pk)
    assert c.closes_at - c.opens_at == timedelta(days=40)
    assert c.report_due_on > old_due
    event = c.events.get(verb="window_moved")
    assert event.note.endswith("：应社会各界要求延长征求意见时间。") and event.actor == drafter
    audit = AuditEvent.objects.get(verb="consultation.window_moved")
    assert audit.after["note"] == "应社会各界要求延长征求意见时间。"


def test_shorter_than_30_days_for_a_major_decision_is_refused_beside_the_field(
    staff_client, open_consultation, drafter
):
    before = Consultation.objects.values("opens_at", "closes_at").get(pk=open_consultation.pk)
    response = _post(staff_client(drafter), open_consultation, days=10, note="缩短")
    html = response.content.decode()
    assert response.status_code == 422
    assert (
        'id="id_closes_at_error"' in html and "一般不少于30日（《重大行政决策程序暂行条例》第十五条）" in html
    )
    assert ">\n缩短</textarea>" in html  # what was typed is kept
    assert Consultation.objects.values("opens_at", "closes_at").get(pk=open_consultation.pk) == before
    assert not AuditEvent.objects.filter(verb="consultation.window_moved").exists()


def test_the_change_note_is_required(staff_client, open_consultation, drafter):
    response = _post(staff_client(drafter), open_consultation, days=40, note="   ")
    assert response.status_code == 422
    assert 'id="id_note_error"' in response.content.decode()
    assert not open_consultation.events.filter(verb="window_moved").exists()


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.APPROVER])
def test_roles_without_edit_get_403_and_nothing_changes(staff_client, open_consultation, make_user, role):
    client = staff_client(make_user(role))
    before = Consultation.objects.values("opens_at", "closes_at").get(pk=open_consultation.pk)
    assert client.get(_url(open_consultation)).status_code == 403
    assert _post(client, open_consultation, days=40).status_code == 403
    assert Consultation.objects.values("opens_at", "closes_at").get(pk=open_consultation.pk) == before


def test_other_agency_gets_404(staff_client, open_consultation, make_user, other_agency):
    client = staff_client(make_user(Role.OPENNESS_OFFICE, agency=other_agency))
    assert _post(client, open_consultation, days=40).status_code == 404
