"""Must show (issue 11.17): the 正文 editor in a real browser — type, make a heading, a list and a table,
save, and the public page shows the sanitised HTML; the openness office can switch to the HTML source;
without JavaScript the textarea still works."""

import pytest

from gongkai.accounts.roles import Role
from gongkai.catalogue.models import ItemRevision
from tests.browser.helpers import shot, sign_in

TITLE = "2026年统计调查工作安排"


def _new_item_form(page):
    page.goto(page.base_url + "/office/catalogue/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_category", "execution")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_drafter_types_a_heading_a_list_and_a_table_and_the_public_sees_clean_html(
    page, agency, department, make_user, publish
):
    drafter = make_user(Role.DRAFTER, department=department, username="chengban", full_name="陈明")
    sign_in(page, "chengban")
    _new_item_form(page)
    assert page.locator("#id_body").is_hidden()  # the editor replaces the textarea
    assert page.get_by_role("button", name="HTML 源代码").count() == 0  # raw HTML: the openness office only

    area = page.locator(".body-editor-area")
    area.click()
    page.keyboard.type("工作安排")
    page.get_by_role("button", name="二级标题").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="正文段落").click()
    page.keyboard.type("各有关单位：")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="项目列表").click()
    page.keyboard.type("按月报送报表")
    page.keyboard.press("Enter")
    page.keyboard.type("按季开展抽查")
    answers = iter(["2", "2"])
    page.on("dialog", lambda dialog: dialog.accept(next(answers)))
    page.get_by_role("button", name="插入表格").click()
    page.keyboard.type("指标")
    assert area.locator("h2").inner_text() == "工作安排"
    assert area.locator("ul li").count() == 2
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "body-editor-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    shot(page, "body-editor-1366")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_selector("text=已新建草稿")

    revision = ItemRevision.objects.get(title=TITLE)
    assert revision.body == (
        "<h2>工作安排</h2><p>各有关单位：</p><ul><li>按月报送报表</li><li>按季开展抽查</li></ul>"
        '<table><thead><tr><th scope="col">指标</th><th scope="col"></th></tr></thead>'
        "<tbody><tr><td></td><td></td></tr><tr><td></td><td></td></tr></tbody></table>"
    )

    publish(revision, author=drafter)
    page.context.clear_cookies()
    page.goto(page.base_url + f"/xxgk/items/{revision.item.index_number.replace('/', '-')}/")
    body = page.locator(".info-body")
    assert body.locator("h2").inner_text() == "工作安排"
    assert body.locator("ul li").all_inner_texts() == ["按月报送报表", "按季开展抽查"]
    assert body.locator("table th").first.inner_text() == "指标"
    shot(page, "body-editor-published")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_openness_office_edits_the_html_source_and_the_server_still_sanitises_it(
    page, agency, department, make_user
):
    make_user(Role.OPENNESS_OFFICE, department=department, username="gongkaiban", full_name="林晓")
    sign_in(page, "gongkaiban")
    _new_item_form(page)
    source = page.get_by_role("button", name="HTML 源代码")
    source.click()
    assert source.get_attribute("aria-pressed") == "true"
    assert page.locator("#id_body").is_visible()
    page.fill(
        "#id_body",
        '<h3>附表</h3><p onclick="x()">说明<script>alert(1)</script></p><img src="https://tracker.example/a.png" alt="外链">',
    )
    shot(page, "body-editor-source-1366")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_selector("text=已新建草稿")
    assert ItemRevision.objects.get(title=TITLE).body == "<h3>附表</h3><p>说明</p>"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_textarea_is_the_editor(browser, live_server, agency, department, make_user):
    make_user(Role.DRAFTER, department=department, username="chengban", full_name="陈明")
    context = browser.new_context(
        locale="zh-CN", java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.base_url = live_server.url
    try:
        sign_in(page, "chengban")
        _new_item_form(page)
        assert page.locator("#id_body").is_visible()
        page.fill("#id_body", "<h2>标题</h2><ul><li>一</li></ul><style>p{}</style>")
        page.get_by_role("button", name="保存草稿").click()
        page.wait_for_selector("text=已新建草稿")
        assert ItemRevision.objects.get(title=TITLE).body == "<h2>标题</h2><ul><li>一</li></ul>"
    finally:
        context.close()
