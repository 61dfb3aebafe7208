"""Issue 12 items 6 and 7 in the browser: the upload preview lists new codes (new series), and a large
upload shows the background task's progress page; screenshots at 390 px and 1366 px."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from tests.browser.helpers import shot, sign_in

from .conftest import BASE_CELLS, small_dataset

CSV = "indicator,indicator_name,area,area_name,period,value\nINC,,350112,长乐区,2024,51000\nNEWJOB,城镇新增就业人数,350102,,2024,1.2\n"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_upload_preview_shows_new_codes_then_background_task(
    page, agency, make_user, publish_release, tmp_path, monkeypatch
):
    from gongkai.core import tasks as core_tasks
    from gongkai.opendata import tasks

    publish_release([small_dataset(BASE_CELLS)], at=timezone.now() - timedelta(hours=1))
    make_user(Role.OPENNESS_OFFICE, username="gongkaiban")
    monkeypatch.setattr(tasks, "LARGE_IMPORT_CELLS", 1)
    source = tmp_path / "new.csv"
    source.write_text(CSV, encoding="utf-8")
    sign_in(page, "gongkaiban")
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base_url + "/office/data/datasets/test-income/upload/")
        page.set_input_files("#u-file", str(source))
        page.get_by_role("button", name="校验并预览").click()
        rows = page.locator("#new-codes tbody tr")
        assert rows.count() == 2
        assert rows.nth(1).locator("td").all_inner_texts()[1:] == ["350112", "长乐区"]
        shot(page, f"opendata-upload-new-codes-{width}")
    page.get_by_role("button", name="确认写入").click()
    page.wait_for_url("**/office/data/tasks/**")
    assert page.locator("#task-state").inner_text() == "排队中"
    shot(page, "opendata-upload-task-queued-1366")
    core_tasks.run_queued()
    page.reload()
    assert page.locator("#task-state").inner_text() == "已完成"
    page.set_viewport_size({"width": 390, "height": 900})
    shot(page, "opendata-upload-task-done-390")
