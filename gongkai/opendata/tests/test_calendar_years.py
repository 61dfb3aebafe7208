"""Issue 11 item 25: the 发布日程 answers 404 for years outside the calendar instead of crashing, and its
year links stop at the years that have releases."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.opendata import selectors
from gongkai.opendata.models import Release

from .conftest import BASE_CELLS, small_dataset

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("year", ["1", "0", "10000", "99999999999999999999", "1948", "3000"])
def test_years_outside_the_calendar_answer_404_not_500(client, agency, year):
    response = client.get(f"/sjfb/calendar/?year={year}")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.parametrize("year", ["abc", "-1", "", "2026.5"])
def test_a_year_that_is_not_a_number_shows_the_current_year(client, agency, year):
    assert client.get(f"/sjfb/calendar/?year={year}").status_code == 200


def test_year_links_stop_at_years_with_releases(client, agency, publish_release):
    publish_release(
        [small_dataset(BASE_CELLS)], at=datetime(2025, 3, 20, 9, 30, tzinfo=SHANGHAI), title="2月数据"
    )
    # 2024-12-31 20:00 UTC is 2025-01-01 04:00 in Fuzhou: a 2025 release
    Release.objects.filter(title="2月数据").update(
        scheduled_at=datetime(2024, 12, 31, 20, 0, tzinfo=ZoneInfo("UTC"))
    )
    publish_release(
        [small_dataset(BASE_CELLS, code="test-income-2")],
        at=datetime(2023, 4, 18, 9, 30, tzinfo=SHANGHAI),
        title="一季度数据",
    )
    assert selectors.calendar_years(agency) == [2023, 2025]
    html = client.get("/sjfb/calendar/?year=2025").content.decode()
    nav = html.split('class="year-nav"')[1].split("</nav>")[0]
    assert '<a href="?year=2023">2023年</a>' in nav and 'aria-current="page">2025年</a>' in nav
    assert "2024年" not in nav and "2026年" not in nav
    empty = client.get("/sjfb/calendar/?year=2024")
    assert empty.status_code == 200 and "2024年尚未公布发布日程。" in empty.content.decode()
