"""Whole-flow files written after the release minute (issue 19 item 3): never before it (统计法实施条例
Art. 28), served with an ETag while current, stale as soon as a newer version is public."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.core import jobs, tasks
from gongkai.core.models import BackgroundTask
from gongkai.opendata import flowfiles, outputs
from gongkai.opendata.models import Dataset, FlowFile
from gongkai.opendata.query import build_cube

from .conftest import BASE_CELLS, small_dataset

pytestmark = pytest.mark.django_db

WHOLE = {
    "csv": "/sjfb/data/test-income/download.csv",
    "api-csv": "/api/v1/data/datasets/test-income/data?format=csv",
    "jsonstat": "/api/v1/data/datasets/test-income/data?format=jsonstat",
    "xlsx": "/sjfb/data/test-income/download.xlsx",
    "sdmx": "/sdmx/2.1/data/test-income/all",
}


@pytest.fixture
def embargoed(agency, publish_release):
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    release, _ = publish_release([small_dataset(BASE_CELLS)], at=at, title="禁发期测试发布")
    return release, at


def _run_worker(now):
    """What `gongkai worker` does in one round: the job queues, the task writes."""
    queued = flowfiles.flow_files_job(now)
    with mock.patch("django.utils.timezone.now", return_value=now):
        tasks.run_queued(limit=50)
    return queued


def test_sdmx_writer_is_registered():
    assert flowfiles.formats() == ["csv", "jsonstat", "sdmx", "xlsx"]
    assert "opendata.flow_files" in [j.name for j in jobs.registered()]


def test_nothing_is_written_or_served_before_the_minute(client, embargoed):
    _, at = embargoed
    before = at - timedelta(minutes=1)
    assert _run_worker(before) == 0
    assert not FlowFile.objects.exists()
    assert not BackgroundTask.objects.filter(kind=flowfiles.TASK).exists()
    # Even the task itself, run by hand before the minute, writes nothing.
    dataset = Dataset.objects.get(code="test-income")
    assert flowfiles.write_files(dataset, now=before) == []
    assert not FlowFile.objects.exists()
    with mock.patch("django.utils.timezone.now", return_value=before):
        assert {client.get(p).status_code for p in WHOLE.values()} == {404}


def test_written_after_the_minute_and_served_with_etag(client, embargoed):
    _, at = embargoed
    after = at + timedelta(minutes=1)
    assert _run_worker(after) == 1
    task = BackgroundTask.objects.get(kind=flowfiles.TASK)
    assert task.state == BackgroundTask.State.DONE, task.error
    files = {f.fmt: f for f in FlowFile.objects.all()}
    assert sorted(files) == ["csv", "jsonstat", "sdmx", "xlsx"]
    assert all(default_storage.exists(f.path) for f in files.values())
    # A second round finds everything current and queues nothing.
    assert _run_worker(after + timedelta(minutes=1)) == 0

    with mock.patch("django.utils.timezone.now", return_value=after):
        response = client.get(WHOLE["csv"])
        assert response.status_code == 200
        assert response.streaming and response["ETag"] == files["csv"].etag
        body = b"".join(response.streaming_content)
        assert "人均可支配收入" in body.decode("utf-8-sig")
        assert response["Content-Disposition"] == 'attachment; filename="test-income.csv"'
        assert response["Cache-Control"].startswith("public")
        # The client that has it gets 304.
        again = client.get(WHOLE["csv"], HTTP_IF_NONE_MATCH=files["csv"].etag)
        assert again.status_code == 304
        for name, fmt in (("api-csv", "csv"), ("jsonstat", "jsonstat"), ("sdmx", "sdmx"), ("xlsx", "xlsx")):
            served = client.get(WHOLE[name])
            assert served.status_code == 200 and served["ETag"] == files[fmt].etag, name
        assert b"StructureSpecificData" in b"".join(client.get(WHOLE["sdmx"]).streaming_content)
        # A filtered request is built as before, never from the file.
        filtered = client.get("/api/v1/data/datasets/test-income/data?format=csv&AREA=350102")
        assert not filtered.has_header("ETag")
        sdmx_key = client.get("/sdmx/2.1/data/test-income/INC.350102")
        assert not sdmx_key.has_header("ETag")


def test_the_file_holds_the_same_rows_as_the_streamed_download(client, embargoed):
    _, at = embargoed
    after = at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=after):
        built = client.get(WHOLE["api-csv"]).content
    _run_worker(after)
    with mock.patch("django.utils.timezone.now", return_value=after):
        stored = b"".join(client.get(WHOLE["api-csv"]).streaming_content)
    # Identical but for the download time in the footer.
    assert built.splitlines()[:-1] == stored.splitlines()[:-1]


def test_a_newer_version_makes_the_old_file_stale(client, embargoed, publish_release):
    _, at = embargoed
    _run_worker(at + timedelta(minutes=1))
    old = FlowFile.objects.get(fmt="csv")
    revised = [(i, a, p, (v + 1000 if v and i == "INC" else v), r) for i, a, p, v, r in BASE_CELLS]
    second_at = at + timedelta(hours=1)
    publish_release([small_dataset(revised)], at=second_at, title="修订发布")
    # Before the revision's minute the old file is still the current one.
    with mock.patch("django.utils.timezone.now", return_value=second_at - timedelta(minutes=1)):
        assert client.get(WHOLE["csv"])["ETag"] == old.etag
    # From the minute on, the old file is stale: the download is built (with the revision) ...
    with mock.patch("django.utils.timezone.now", return_value=second_at):
        fresh = client.get(WHOLE["csv"])
        assert not fresh.has_header("ETag")
        assert "63000" in fresh.content.decode("utf-8-sig")
    # ... until the worker writes the new files and removes the old ones.
    assert _run_worker(second_at + timedelta(minutes=1)) == 1
    assert not FlowFile.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(old.path)
    new = FlowFile.objects.get(fmt="csv")
    with mock.patch("django.utils.timezone.now", return_value=second_at + timedelta(minutes=1)):
        served = client.get(WHOLE["csv"])
        assert served["ETag"] == new.etag != old.etag
        assert "63000" in b"".join(served.streaming_content).decode("utf-8-sig")


def test_xlsx_is_left_out_beyond_excels_rows(embargoed, monkeypatch):
    _, at = embargoed
    monkeypatch.setattr(flowfiles, "XLSX_MAX_ROWS", 5)
    _run_worker(at + timedelta(minutes=1))
    assert sorted(FlowFile.objects.values_list("fmt", flat=True)) == ["csv", "jsonstat", "sdmx"]
    # Complete without it: the next round queues nothing.
    assert _run_worker(at + timedelta(minutes=2)) == 0


def test_xlsx_file_opens_with_the_rows(embargoed):
    import io

    from openpyxl import load_workbook

    _, at = embargoed
    _run_worker(at + timedelta(minutes=1))
    stored = FlowFile.objects.get(fmt="xlsx")
    with default_storage.open(stored.path, "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()), read_only=True)["数据"]
        rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "住户收入（测试）"
    dataset = Dataset.objects.get(code="test-income")
    cube = build_cube(dataset, versions=list(dataset.versions.all()))
    assert list(rows[1]) == outputs.flat_header(cube)
    assert len([r for r in rows[2:] if r and r[0] in ("INC", "EXP")]) == len(list(outputs.flat_rows(cube)))


def test_a_flow_above_the_streaming_limit_fails_once_and_is_not_queued_again(embargoed, settings):
    _, at = embargoed
    settings.GONGKAI_DATA_MAX_CELLS = 2
    settings.GONGKAI_DATA_MAX_STREAM_CELLS = 3
    assert _run_worker(at + timedelta(minutes=1)) == 1
    task = BackgroundTask.objects.get(kind=flowfiles.TASK)
    assert task.state == BackgroundTask.State.FAILED and "整库下载上限" in task.error
    assert not FlowFile.objects.exists()
    assert _run_worker(at + timedelta(minutes=2)) == 0


def test_files_of_a_flow_no_longer_public_are_removed(embargoed):
    from gongkai.opendata.models import Release

    release, at = embargoed
    _run_worker(at + timedelta(minutes=1))
    paths = list(FlowFile.objects.values_list("path", flat=True))
    assert len(paths) == 4
    Release.objects.filter(pk=release.pk).update(state=Release.State.CANCELLED)
    assert _run_worker(at + timedelta(minutes=2)) == 0
    assert not FlowFile.objects.exists()
    assert not any(default_storage.exists(p) for p in paths)
