"""No inline code in any rendered public page: the CSP (script-src/style-src 'self') would block it,
so a page that relied on it would be broken for every visitor."""

from html.parser import HTMLParser

import pytest

from .pages import PUBLIC_PAGES


class InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.html_lang = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "html":
            self.html_lang = names.get("lang")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            self._in_script = True
            if not names.get("src"):
                self.problems.append("<script> without src")
        for name, _value in attrs:
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action") and (_value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("inline script content")


@pytest.mark.django_db
@pytest.mark.parametrize("elder", [False, True], ids=["default", "elder"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_inline_script_or_style(client, agency, path, elder):
    if elder:
        client.cookies["gk_elder"] = "1"
    response = client.get(path)
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.problems == [], path
    assert finder.html_lang == "zh-CN"


@pytest.mark.django_db
def test_the_office_home_has_no_inline_script_or_style(staff_client, admin_user):
    response = staff_client(admin_user).get("/office/")
    assert response.status_code == 200
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.problems == []
