"""Issue 12 item 10 (统计法实施条例 Art. 28): the public 开放目录 does not show a dataset — name, frequency,
formats — before its first release minute (as CKAN, DCAT and SDMX already do), and data responses carry
Cache-Control that never lets a shared cache keep them past an embargo minute."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from gongkai.opendata.models import DataResource, OpenType

from .conftest import BASE_CELLS, small_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_release(agency, publish_release):
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    release, _ = publish_release([small_dataset(BASE_CELLS, code="new-survey")], at=at, title="新调查首发")
    DataResource.objects.filter(code="new-survey").update(update_frequency="每年", formats="CSV、绝密格式")
    DataResource.objects.create(
        agency=agency,
        code="catalogue-only",
        title="仅目录条目",
        open_type=OpenType.NOT_OPEN,
        not_open_reason="涉及个人信息",
    )
    return at


def test_catalogue_hides_the_dataset_until_its_first_release_minute(client, first_release):
    at = first_release
    with mock.patch("django.utils.timezone.now", return_value=at - timedelta(minutes=1)):
        before = client.get("/sjfb/catalogue/").content.decode()
        apply_before = client.get("/sjfb/catalogue/new-survey/apply/").status_code
    assert "住户收入（测试）" not in before and "new-survey" not in before and "绝密格式" not in before
    assert "仅目录条目" in before  # an entry without a dataset is always listed
    assert apply_before == 404
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(minutes=1)):
        after = client.get("/sjfb/catalogue/").content.decode()
    assert "住户收入（测试）" in after and "绝密格式" in after


def _max_age(response) -> int:
    value = response["Cache-Control"]
    assert value.startswith("public") or value.startswith("no-cache"), value
    return int(value.split("s-maxage=")[1]) if "s-maxage=" in value else 0


@pytest.mark.parametrize(
    "path",
    [
        "/sjfb/data/",
        "/sjfb/catalogue/",
        "/api/v1/data/datasets",
        "/api/v1/data/releases",
        "/api/3/action/package_list",
    ],
)
def test_data_responses_are_never_cached_past_the_embargo_minute(client, first_release, path):
    at = first_release
    with mock.patch("django.utils.timezone.now", return_value=at - timedelta(seconds=20)):
        close = client.get(path)
    with mock.patch("django.utils.timezone.now", return_value=at - timedelta(hours=1)):
        far = client.get(path)
    assert close.status_code == 200 and far.status_code == 200
    assert _max_age(close) == 20  # expires exactly at the release minute
    assert _max_age(far) == 60  # DATA_MAX_AGE when no minute is near


def test_token_requests_and_errors_are_private(client, first_release):
    assert (
        client.get("/api/v1/data/datasets", HTTP_AUTHORIZATION="Bearer x")["Cache-Control"]
        == "private, no-store"
    )
    assert client.get("/api/v1/data/datasets/nope")["Cache-Control"] == "private, no-store"
