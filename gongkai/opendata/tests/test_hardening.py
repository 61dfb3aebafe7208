"""Issue 12: the data API's rate limit keys on a verified owner (item 2) and an upload that adds a new
series works and shows its new codes before commit (item 7)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.opendata import access, services
from gongkai.opendata.models import (
    AccessApplication,
    Code,
    DataResource,
    Indicator,
    Observation,
    OpenType,
    Series,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/data/datasets"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """An empty cache, and the rate window's clock held in the middle of one minute."""
    cache.clear()
    with mock.patch.object(access, "time", mock.Mock(time=mock.Mock(return_value=1_800_000_030.0))):
        yield
    cache.clear()


def _approved_token(client, office_user, email="zhang@example.com") -> str:
    DataResource.objects.filter(code="test-income").update(open_type=OpenType.CONDITIONAL, conditions="研究")
    response = client.post(
        "/sjfb/catalogue/test-income/apply/",
        {"applicant_name": "张三", "email": email, "purpose": "学术研究", "accepted_terms": "on"},
    )
    token = response.context["token"]
    application = AccessApplication.objects.get(email=email)
    services.decide_application(actor=office_user, application=application, approve=True)
    return token


@pytest.fixture
def mid_minute(monkeypatch):
    """The rate window's clock held mid-minute: a minute boundary during a test must not reset the count."""
    from unittest import mock

    from gongkai.opendata import access

    monkeypatch.setattr(access, "time", mock.Mock(time=mock.Mock(return_value=1_800_000_030.0)))


def test_random_bearer_tokens_do_not_reset_the_limit(client, published, mid_minute):
    """A made-up token is not an identity: every request with a new random token still counts
    against the client address, so the fourth is 429 (problem JSON with Retry-After)."""
    with override_settings(GONGKAI_DATA_RATE_LIMIT=3):
        codes = [client.get(API, HTTP_AUTHORIZATION=f"Bearer random-{n}").status_code for n in range(4)]
        last = client.get(API, HTTP_AUTHORIZATION="Bearer yet-another")
    assert codes == [200, 200, 200, 429]
    assert last.status_code == 429 and 0 < int(last["Retry-After"]) <= 60
    assert last["Content-Type"] == "application/problem+json" and last.json()["status"] == 429


def test_verified_token_owner_has_own_budget_across_addresses(client, published, office_user, mid_minute):
    """The owner of an approved token is counted as one client whatever address they come from; the
    address's own budget is separate."""
    token = _approved_token(client, office_user)
    cache.clear()
    with override_settings(GONGKAI_DATA_RATE_LIMIT=2):
        by_owner = [
            client.get(API, HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR=f"10.0.0.{n}").status_code
            for n in range(3)
        ]
        anonymous = client.get(API, REMOTE_ADDR="10.0.0.1").status_code
    assert by_owner == [200, 200, 429]
    assert anonymous == 200


def _upload(client, body: str):
    upload = SimpleUploadedFile("new.csv", body.encode("utf-8"), content_type="text/csv")
    return client.post("/office/data/datasets/test-income/upload/", {"file": upload})


def test_upload_adding_new_area_and_indicator_creates_series(published, office_user, staff_client):
    """A new area (长乐区 350112) and a new indicator code make new series; the preview lists the new
    codes with their names, the commit creates them (was a KeyError 500)."""
    client = staff_client(office_user)
    response = _upload(
        client,
        "indicator,indicator_name,area,area_name,period,value\n"
        "INC,,350112,长乐区,2024,51000\n"
        "NEWJOB,城镇新增就业人数,350102,,2024,1.2\n",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["diff"].new_codes == [
        ("INDICATOR", response.context["diff"].new_codes[0][1], "NEWJOB", "城镇新增就业人数"),
        ("AREA", response.context["diff"].new_codes[1][1], "350112", "长乐区"),
    ]
    assert 'id="new-codes"' in html and "长乐区" in html and "城镇新增就业人数" in html
    assert not Code.objects.filter(code="350112").exists()  # the preview writes nothing
    response = client.post(
        "/office/data/datasets/test-income/upload/",
        {"confirm": "1", "upload_id": response.context["upload_id"], "note": "新增长乐区"},
    )
    assert response.status_code == 302
    assert Code.objects.get(code="350112").name == "长乐区"
    assert Indicator.objects.get(code="NEWJOB").name == "城镇新增就业人数"
    assert set(
        Series.objects.filter(key__in=["INC.350112", "NEWJOB.350102"]).values_list("key", flat=True)
    ) == {
        "INC.350112",
        "NEWJOB.350102",
    }
    assert Observation.objects.filter(series__key="INC.350112", period="2024").count() == 1


def test_upload_with_invalid_new_code_is_refused(published, office_user, staff_client):
    client = staff_client(office_user)
    response = _upload(client, "indicator,area,period,value\nINC,35 01<b>,2024,1\n")
    assert response.status_code == 422
    assert "代码“35 01&lt;b&gt;”无效" in response.content.decode()
    assert not DataResource.objects.filter(code="35 01").exists()


def test_upload_over_the_row_limit_is_refused_with_a_clear_message(
    published, office_user, staff_client, monkeypatch
):
    from gongkai.opendata.importers import long_format

    monkeypatch.setattr(long_format, "MAX_UPLOAD_ROWS", 1000)
    client = staff_client(office_user)
    body = "indicator,area,period,value\n" + "".join(
        f"INC,350102,{1000 + n % 999},{n}\n" for n in range(1001)
    )
    response = _upload(client, body)
    assert response.status_code == 422
    assert "文件超过 1,000 行的上限" in response.content.decode()


def test_xlsx_zip_bomb_and_macro_workbook_are_refused(published, office_user, staff_client):
    import io
    import zipfile

    def xlsx(**members):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<workbook/>")
            for name, data in members.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    client = staff_client(office_user)
    bomb = xlsx(**{"xl/worksheets/sheet1.xml": b"<row/>" * (10 * 1024 * 1024)})
    macro = xlsx(**{"xl/vbaProject.bin": b"VBA"})
    for data, name, expected in [(bomb, "data.xlsx", "压缩炸弹"), (macro, "data.csv", "宏")]:
        upload = SimpleUploadedFile(name, data)
        response = client.post("/office/data/datasets/test-income/upload/", {"file": upload})
        assert response.status_code == 422 and expected in response.content.decode(), name
    assert Observation.objects.count() == 5


def test_large_upload_is_written_by_the_worker_with_progress(
    published, office_user, staff_client, monkeypatch
):
    """Issue 12 item 6: a confirmed upload over LARGE_IMPORT_CELLS is queued as a background task — the
    request writes nothing — and `gongkai worker` (core.run_tasks) writes it, counting progress."""
    from gongkai.core import tasks as core_tasks
    from gongkai.core.models import BackgroundTask
    from gongkai.opendata import tasks

    monkeypatch.setattr(tasks, "LARGE_IMPORT_CELLS", 2)
    client = staff_client(office_user)
    preview = _upload(
        client, "indicator,area,period,value\nINC,350102,2030,1\nINC,350102,2031,2\nINC,350103,2031,3\n"
    )
    response = client.post(
        "/office/data/datasets/test-income/upload/",
        {"confirm": "1", "upload_id": preview.context["upload_id"], "note": "大批量"},
    )
    task = BackgroundTask.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/data/tasks/{task.pk}/"
    assert (task.state, task.total, task.done) == ("queued", 3, 0)
    assert Observation.objects.count() == 5  # nothing written inside the request
    page = client.get(response["Location"]).content.decode()
    assert "排队中" in page and 'http-equiv="refresh"' in page
    assert core_tasks.run_queued() == 1
    task.refresh_from_db()
    assert (task.state, task.done) == ("done", 3) and "新增 3" in task.result
    assert Observation.objects.count() == 8
    page = client.get(response["Location"]).content.decode()
    assert "已完成" in page and 'http-equiv="refresh"' not in page


def test_failing_background_upload_is_marked_failed(published, office_user, monkeypatch):
    from gongkai.core import tasks as core_tasks
    from gongkai.opendata import tasks
    from gongkai.opendata.models import Dataset

    task = tasks.queue_commit(
        actor=office_user,
        dataset=Dataset.objects.get(code="test-income"),
        filename="bad.csv",
        data=b"indicator,area,period,value\nINC,350102,2030,abc\n",
        note="",
        release=None,
        cells=1,
    )
    core_tasks.run_queued()
    task.refresh_from_db()
    assert task.state == "failed" and "导入失败" in task.error
    assert Observation.objects.count() == 5
