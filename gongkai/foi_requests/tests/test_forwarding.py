"""Issue 18 item 3: an agency that does not hold the information answers 不属于本机关负责公开 naming the
competent agency (条例 Art. 36(五)) and forwards a copy on the platform; the copy is a new request of
that agency with its own receipt date (Art. 31); each case links the other; office, API and audit."""

import hashlib
import json
from datetime import date

import pytest

from gongkai.accounts.roles import Role
from gongkai.catalogue.models import ApiToken
from gongkai.core import secret_links
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi_requests import selectors, services
from gongkai.foi_requests.models import FoiRequest

from .conftest import application

pytestmark = pytest.mark.usefixtures("no_backdate_limit")


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gkb-fwd")


@pytest.fixture
def other_office(make_user, other_agency):
    return make_user(Role.OPENNESS_OFFICE, agency=other_agency, username="gkb-other")


def received(agency, office):
    r = services.submit_application(
        agency=agency, data=application(description="2025年福州市财政预算执行情况")
    )
    confirmed = services.confirm_receipt(actor=office, foi_request=r)
    confirmed.link_token = r.link_token  # the applicant's secret, handed over once at submission
    return confirmed


def test_forwarding_answers_not_held_naming_the_agency_and_registers_a_new_request(
    agency, other_agency, office, other_office
):
    r = received(agency, office)
    copy = services.forward_request(actor=office, foi_request=r, to_agency=other_agency)
    r.refresh_from_db()
    assert r.status == "closed" and r.outcome == "not_this_agency"
    assert other_agency.name in r.answer_text and "第三十六条第（五）项" in r.answer_text
    assert copy.agency == other_agency and copy.forwarded_from == r
    assert copy.status == "submitted" and copy.channel == "forwarded" and copy.received_on is None
    assert copy.token_hash != r.token_hash and copy.description == r.description
    assert copy.id_number_masked == r.id_number_masked and copy.email == r.email
    # Its own receipt date: the competent agency confirms it (Art. 31(三)), its clock starts then.
    services.confirm_receipt(actor=other_office, foi_request=copy)
    copy.refresh_from_db()
    assert copy.received_on is not None and copy.answer_due_on is not None
    receipt = copy.events.get(kind="confirm_receipt")
    assert "第三十一条" in receipt.public_note and "转送" in receipt.public_note
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"foi_request.forwarded", "foi_request.forward_received"} <= verbs
    assert AuditEvent.objects.get(verb="foi_request.forward_received").agency == other_agency


def test_a_request_answered_not_held_can_be_forwarded_afterwards_once(agency, other_agency, office):
    r = received(agency, office)
    services.answer(
        actor=office, foi_request=r, outcome="not_this_agency", text=f"请向{other_agency.name}申请。"
    )
    copy = services.forward_request(actor=office, foi_request=r, to_agency=other_agency)
    assert copy.forwarded_from_id == r.pk
    with pytest.raises(InvalidTransition, match="已经转送"):
        services.forward_request(actor=office, foi_request=r, to_agency=other_agency)
    assert FoiRequest.objects.filter(agency=other_agency).count() == 1


def test_forwarding_is_refused_for_other_answers_own_agency_and_a_letter_not_naming_the_agency(
    agency, other_agency, office
):
    r = received(agency, office)
    with pytest.raises(ValidationFailed, match="不能转送给本机关"):
        services.forward_request(actor=office, foi_request=r, to_agency=agency)
    with pytest.raises(ValidationFailed, match="第三十六条第（五）项"):
        services.forward_request(actor=office, foi_request=r, to_agency=other_agency, text="不属于本机关。")
    services.answer(actor=office, foi_request=r, outcome="disclosed", text="现予公开。")
    with pytest.raises(InvalidTransition, match="只有答复"):
        services.forward_request(actor=office, foi_request=r, to_agency=other_agency)
    assert FoiRequest.objects.filter(agency=other_agency).count() == 0


def test_staff_of_another_agency_or_without_the_permission_cannot_forward(
    agency, other_agency, office, other_office, make_user
):
    r = received(agency, office)
    with pytest.raises(NotFound):
        services.forward_request(actor=other_office, foi_request=r, to_agency=other_agency)
    reviewer = make_user(Role.CONFIDENTIALITY_REVIEWER)
    with pytest.raises(PermissionDenied):
        services.forward_request(actor=reviewer, foi_request=r, to_agency=other_agency)
    r.refresh_from_db()
    assert r.status == "in_progress" and FoiRequest.objects.filter(agency=other_agency).count() == 0


def test_the_applicant_sees_both_cases_linked_and_both_letters(
    client, agency, other_agency, office, other_office
):
    r = received(agency, office)
    copy = services.forward_request(actor=office, foi_request=r, to_agency=other_agency)
    services.confirm_receipt(actor=other_office, foi_request=copy)
    services.answer(actor=other_office, foi_request=copy, outcome="disclosed", text="现予公开。")
    # The copy's secret is derived from the original's (ADR 0042): the applicant's one link opens both.
    copy_token = secret_links.derived_token(r.token_hash, "forward")
    first = client.get(f"/xxgk/ysqgk/track/{r.tracking_number}/{r.link_token}/").content.decode()
    assert f"/xxgk/ysqgk/track/{copy.tracking_number}/{copy_token}/" in first
    second = client.get(f"/xxgk/ysqgk/track/{copy.tracking_number}/{copy_token}/").content.decode()
    assert f"/xxgk/ysqgk/track/{r.tracking_number}/{copy_token}/" in second and agency.name in second
    for case, token in ((r, r.link_token), (copy, copy_token)):
        response = client.get(f"/xxgk/ysqgk/track/{case.tracking_number}/{token}/letter.docx")
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    # The copy is reached only with its secret.
    assert client.get(f"/xxgk/ysqgk/track/{copy.tracking_number}/{copy_token[:-2]}xx/").status_code == 404


def test_office_button_forwards_and_shows_the_new_number(client, agency, other_agency, office):
    r = received(agency, office)
    client.force_login(office)
    page = client.get(f"/office/foi/{r.pk}/").content.decode()
    assert 'id="action-forward"' in page and other_agency.name in page
    response = client.post(
        f"/office/foi/{r.pk}/act/forward/", {"forward-to_agency": other_agency.pk, "forward-text": ""}
    )
    assert response.status_code == 302
    copy = FoiRequest.objects.get(agency=other_agency)
    page = client.get(f"/office/foi/{r.pk}/").content.decode()
    assert copy.tracking_number in page and 'id="action-forward"' not in page
    # Staff of the first agency still cannot open the copy.
    assert client.get(f"/office/foi/{copy.pk}/").status_code == 404


def test_api_forward_endpoint(client, agency, other_agency, office):
    r = received(agency, office)
    raw = "gk_test_forward"
    ApiToken.objects.create(user=office, label="t", key_hash=hashlib.sha256(raw.encode()).hexdigest())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    bad = client.post(
        f"/api/v1/requests/{r.pk}/forward",
        json.dumps({"to_agency": "nope"}),
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422 and bad["Content-Type"].startswith("application/problem+json")
    ok = client.post(
        f"/api/v1/requests/{r.pk}/forward",
        json.dumps({"to_agency": other_agency.code}),
        content_type="application/json",
        **auth,
    )
    assert ok.status_code == 201, ok.content
    body = ok.json()
    assert body["request"]["outcome"] == "not_this_agency" and body["forwarded_agency"] == other_agency.code
    assert FoiRequest.objects.get(agency=other_agency).tracking_number == body["forwarded_tracking_number"]
    again = client.post(
        f"/api/v1/requests/{r.pk}/forward",
        json.dumps({"to_agency": other_agency.code}),
        content_type="application/json",
        **auth,
    )
    assert again.status_code == 409


def test_city_entry_files_with_the_chosen_agency_and_helps_find_it(client, agency, other_agency):
    from django.core.cache import cache

    cache.clear()
    page = client.get(f"/ysqgk/?agency={other_agency.code}").content.decode()
    assert other_agency.name in page and "不确定向哪个机关申请" in page
    data = {**application(), "agency": other_agency.pk}
    response = client.post("/ysqgk/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert FoiRequest.objects.get().agency == other_agency
    missing = client.post("/ysqgk/", {**application()})
    assert missing.status_code == 400 and "请选择受理申请的行政机关" in missing.content.decode()
    assert client.get("/ysqgk/which-agency/?q=%E9%A2%84%E7%AE%97").status_code == 200


def test_selectors_forwarded_copy(agency, other_agency, office):
    r = received(agency, office)
    assert selectors.forwarded_copy(r) is None
    copy = services.forward_request(actor=office, foi_request=r, to_agency=other_agency, on=date.today())
    assert selectors.forwarded_copy(r) == copy
