"""Helpers shared by the browser tests of every app (Playwright pages on pytest-django's live server)."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "Secret-pass-2026"  # the password UserFactory gives every test user


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Signs in at /office/login/ through the form, as a member of staff would."""
    page.context.clear_cookies()
    page.goto(page.base_url + "/office/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/office/**")


def shot(page, name: str) -> Path:
    """A full-page screenshot under test-artifacts/, for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
