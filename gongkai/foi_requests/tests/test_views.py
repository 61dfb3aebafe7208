import pytest
from django.core.cache import cache

from gongkai.accounts.roles import Role
from gongkai.core import secret_links
from gongkai.foi_requests import services
from gongkai.foi_requests.models import FoiRequest

from .conftest import VALID_ID, application


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def form_data(**kw):
    data = application(**kw)
    return data


def test_landing_and_form_render(client, agency):
    assert "如对本答复不服" in client.get("/xxgk/ysqgk/").content.decode()
    page = client.get("/xxgk/ysqgk/apply/").content.decode()
    assert (
        'name="applicant_type"' in page
        and "商业企业" in page
        and "<script" not in page.split("<main")[1].split("</main>")[0]
    )


def test_bad_input_keeps_what_was_typed_and_shows_chinese_errors(client, agency):
    response = client.post(
        "/xxgk/ysqgk/apply/", form_data(id_number="110105194912310021", description="某文件", phone="")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "居民身份证号码不正确" in page and "此项为必填项。" in page
    assert 'value="110105194912310021"' in page and "某文件</textarea>" in page
    assert FoiRequest.objects.count() == 0


def test_apply_then_track_with_the_secret_link(client, agency):
    response = client.post("/xxgk/ysqgk/apply/", form_data())
    r = FoiRequest.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(
        f"/xxgk/ysqgk/done/{r.tracking_number}/"
    )
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert (
        r.token_hash == secret_links.hash_token(token) and token not in r.token_hash
    )  # only the hash is kept
    done = client.get(response["Location"])
    assert token in done.content.decode() and done["Referrer-Policy"] == "same-origin"
    assert done["Cache-Control"] == "private, no-store" and done["X-Robots-Tag"] == "noindex, nofollow"
    track = client.get(f"/xxgk/ysqgk/track/{r.tracking_number}/{token}/").content.decode()
    assert "待确认收到" in track and "第三十一条" in track and VALID_ID not in track


def test_wrong_token_is_404(client, agency):
    r = services.submit_application(agency=agency, data=application())
    other = services.submit_application(agency=agency, data=application())
    assert client.get(f"/xxgk/ysqgk/track/{r.tracking_number}/{other.link_token}/").status_code == 404
    assert client.get(f"/xxgk/ysqgk/track/{r.tracking_number}/x/").status_code == 404


def test_online_submissions_are_rate_limited(client, agency):
    for _ in range(5):
        assert client.post("/xxgk/ysqgk/apply/", form_data()).status_code == 302
    assert client.post("/xxgk/ysqgk/apply/", form_data()).status_code == 429
    assert FoiRequest.objects.count() == 5


def test_office_register_detail_and_actions(agency, make_user, staff_client):
    office = make_user(Role.OPENNESS_OFFICE)
    r = services.submit_application(agency=agency, data=application())
    client = staff_client(office)
    assert r.tracking_number in client.get("/office/foi/").content.decode()
    assert client.get("/office/foi/?format=csv").content.decode().startswith("\ufeff申请编号")
    assert (
        client.post(f"/office/foi/{r.pk}/act/confirm/", {"confirm-on": "", "confirm-note": ""}).status_code
        == 302
    )
    bad = client.post(f"/office/foi/{r.pk}/act/extend/", {"extend-days": "25", "extend-reason": ""})
    assert bad.status_code == 400 and "最多 20 个工作日" in bad.content.decode()
    ok = client.post(
        f"/office/foi/{r.pk}/act/answer/",
        {
            "answer-outcome": "does_not_exist",
            "answer-text": "经检索没有。",
            "answer-letter_number": "榕统依复〔2026〕3号",
        },
    )
    assert ok.status_code == 302
    page = client.get(f"/office/foi/{r.pk}/").content.decode()
    assert "第三十六条第（四）项" in page and "六个月" in page
    docx = client.get(f"/office/foi/{r.pk}/letter/?format=docx")
    assert docx.content[:2] == b"PK"
    assert client.get("/office/foi/statistics/?year=2026").status_code == 200


def test_drafter_cannot_extend_or_see_other_departments(agency, make_user, staff_client):
    office = make_user(Role.OPENNESS_OFFICE)
    r = services.submit_application(actor=office, agency=agency, data=application(), channel="in_person")
    drafter = make_user(Role.DRAFTER)
    client = staff_client(drafter)
    assert client.get(f"/office/foi/{r.pk}/").status_code == 404
    services.assign(actor=office, foi_request=r, department=drafter.department)
    assert client.get(f"/office/foi/{r.pk}/").status_code == 200
    assert (
        client.post(f"/office/foi/{r.pk}/act/extend/", {"extend-days": "5", "extend-reason": "x"}).status_code
        == 403
    )


def test_anonymous_is_sent_to_login(client, agency):
    assert client.get("/office/foi/").status_code == 302


def test_letter_template_only_variables(agency, make_user):
    from gongkai.core.errors import ValidationFailed

    office = make_user(Role.OPENNESS_OFFICE)
    with pytest.raises(ValidationFailed):
        services.save_letter_template(
            actor=office, agency=agency, kind="answer", title="t", body="{% debug %}"
        )
    with pytest.raises(ValidationFailed):
        services.save_letter_template(
            actor=office, agency=agency, kind="answer", title="t", body="{{ settings.SECRET_KEY }}"
        )
    services.save_letter_template(
        actor=office,
        agency=agency,
        kind="answer",
        title="答复",
        body="{{ applicant_name }}：您好。{{ remedies }}",
    )


def test_the_guide_labels_its_two_remedies(client, agency):
    """Issue 11 item 27: a general answer may go to review or to court; a refusal to disclose goes to
    review first (行政复议法 Art. 23 ¶1 (四))."""
    html = client.get("/xxgk/ysqgk/").content.decode()
    remedies = html.split("<h2>救济途径</h2>")[1].split("</section>")[0]
    general, withheld = remedies.split('<h3 id="remedies-withheld">')
    assert (
        '<h3 id="remedies-general">一般答复</h3>' in general
        and "六个月内依法向人民法院提起行政诉讼" in general
    )
    assert withheld.startswith("不予公开的答复（复议前置）</h3>")
    assert "第二十三条第一款第（四）项" in withheld and "应当先申请行政复议" in withheld
