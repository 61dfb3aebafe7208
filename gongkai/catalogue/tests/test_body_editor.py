"""The 正文 editor's server side (issue 11.17): the form offers the structured editor (raw HTML source
only to the openness office) and whatever is posted is sanitised to the stored allow-list."""

import pytest

from gongkai.catalogue.models import ItemRevision
from gongkai.catalogue.sanitize import clean_body


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (
            '<p><img src="/media/catalogue/chart.png" alt="增长图"></p>',
            '<p><img src="/media/catalogue/chart.png" alt="增长图"></p>',
        ),
        ('<p><img src="https://tracker.example/p.png" alt="外链"></p>', "<p></p>"),
        ('<p><img src="//tracker.example/p.png" alt="外链"></p>', "<p></p>"),
        ('<img src="data:image/png;base64,AAAA" alt="内嵌">', ""),
        ('<img src="/a.png" alt="x" onerror="steal()" width="9999">', '<img src="/a.png" alt="x">'),
        (
            '<table><thead><tr><th scope="col">指标</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
            '<table><thead><tr><th scope="col">指标</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
        ),
        (
            '<h2 style="color:red">标题</h2><ul><li class="x">一</li></ul>',
            "<h2>标题</h2><ul><li>一</li></ul>",
        ),
        ('<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'),
    ],
)
def test_the_body_is_sanitised_to_the_allow_list_with_same_site_images(raw, stored):
    assert clean_body(raw) == stored


def test_a_drafter_gets_the_editor_without_the_html_source(staff_client, drafter):
    html = staff_client(drafter).get("/office/catalogue/new/").content.decode()
    assert '<textarea name="body" cols="40" rows="16" data-rich-editor' in html
    assert "data-raw-html" not in html
    assert 'src="/static/catalogue/body-editor.js"' in html
    assert 'href="/static/catalogue/body-editor.css"' in html


def test_the_openness_office_gets_the_html_source(staff_client, office_user):
    html = staff_client(office_user).get("/office/catalogue/new/").content.decode()
    assert '<textarea name="body" cols="40" rows="16" data-rich-editor="" data-raw-html=""' in html


def test_editing_a_draft_offers_the_editor_and_stores_the_sanitised_body(staff_client, drafter, make_item):
    item = make_item()
    revision = item.revisions.get()
    client = staff_client(drafter)
    assert (
        "data-rich-editor" in client.get(f"/office/catalogue/revisions/{revision.pk}/edit/").content.decode()
    )
    form = {
        "title": revision.title,
        "issuer": "福州市统计局",
        "formed_on": "2026-12-01",
        "category": "result",
        "validity": "in_force",
        "disclosure_mode": "proactive",
        "body": '<h2>说明</h2><script>alert(1)</script><p onclick="x()">正文</p><img src="https://x.example/t.png" alt="t">',
    }
    response = client.post(f"/office/catalogue/revisions/{revision.pk}/edit/", form)
    assert response.status_code == 302, response.content.decode()[:800]
    assert ItemRevision.objects.get(pk=revision.pk).body == "<h2>说明</h2><p>正文</p>"
