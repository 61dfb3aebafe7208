from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from .conftest import BASE_CELLS, small_dataset

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_build_table_draw_chart_download_xlsx(page, agency, publish_release, tmp_path):
    publish_release([small_dataset(BASE_CELLS)], at=timezone.now() - timedelta(hours=1))
    page.goto(page.base_url + "/sjfb/data/test-income/")
    page.get_by_label("鼓楼区").check()
    page.get_by_label("台江区").check()
    page.get_by_label("2023年").check()
    page.get_by_label("2024年").check()
    page.select_option("#chart", "bar")
    page.get_by_role("button", name="生成表格").click()
    page.wait_for_selector("#chart-box[data-chart=bar][data-drawn=true] canvas")
    rows = page.locator("#data-table tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td").all_inner_texts() == ["60,000", "62,000"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "opendata-table-builder.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#download-xlsx")
    target = tmp_path / "table.xlsx"
    info.value.save_as(target)
    sheet = load_workbook(target)["数据"]
    values = [row[6] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "INC"]
    assert values == [60000, 62000, "—", None]
