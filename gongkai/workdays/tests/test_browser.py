from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_computes_a_deadline_in_the_calculator(page, make_user):
    make_user("drafter", username="chengban")
    page.goto(page.base_url + "/office/login/")
    page.fill("#id_username", "chengban")
    page.fill("#id_password", "Secret-pass-2026")
    page.keyboard.press("Enter")
    page.wait_for_url("**/office/")
    page.goto(page.base_url + "/office/workdays/calculator/")
    page.fill("#id_start", "2026-09-19")
    page.fill("#id_days", "20")
    page.get_by_role("button", name="计算").click()
    assert page.locator("#due-date").inner_text() == "2026-10-22"
    ledger = page.get_by_role("table", name="期间内影响计算的日期")
    assert ledger.get_by_role("row").count() == 1 + 6 + 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workdays-calculator.png"), full_page=True)
    page.goto(page.base_url + "/office/workdays/2026/")
    assert page.get_by_role("table", name="2026年10月").is_visible()
    page.screenshot(path=str(ARTIFACTS / "workdays-year-2026.png"), full_page=True)
