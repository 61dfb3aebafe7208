"""A public form's unbound markup kept per generation (`{% formmemo %}`, ADR 0061), and the table cells
written by `td_cells` (issue 19 item 1): with the page cache on but not serving (every page rendered),
the CSRF token is new on every request, a form posted with errors shows its errors and the values typed
and never leaves them in the next visitor's form, and an agency added appears in the city's select."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template

from gongkai.core import pagecache
from gongkai.core.models import Agency

pytestmark = pytest.mark.django_db(transaction=True)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def rendering_every_time(settings):
    settings.GONGKAI_PAGE_CACHE = True
    settings.GONGKAI_PAGE_CACHE_SERVE = False
    cache.clear()
    pagecache._memo.clear()
    yield
    cache.clear()
    pagecache._memo.clear()


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    tokens = TOKEN.findall(body)
    return body, tokens


def test_the_form_is_kept_but_the_token_is_new_and_a_posted_form_is_rendered_in_full(agency):
    from django.test import Client

    first, second = Client(), Client()
    body1, tokens1 = page(first, "/ysqgk/")
    body2, tokens2 = page(second, "/ysqgk/")  # the form's markup from the memo
    assert tokens1 and tokens2 and tokens1 != tokens2
    assert TOKEN.sub("", body1) == TOKEN.sub("", body2)
    assert 'class="errorlist"' not in body2

    posted = first.post("/ysqgk/", {"applicant_name": "张三<b>", "agency": "999999"})
    text = posted.content.decode()
    assert posted.status_code == 400
    assert 'class="errorlist"' in text and 'value="张三&lt;b&gt;"' in text

    body3, _ = page(second, "/ysqgk/")  # the next visitor: neither the errors nor the typed name
    assert 'class="errorlist"' not in body3 and "张三" not in body3
    assert TOKEN.sub("", body3) == TOKEN.sub("", body1)


def test_the_initial_agency_and_a_new_agency_are_in_the_city_select(agency):
    from django.test import Client

    client = Client()
    plain, _ = page(client, "/ysqgk/")
    chosen, _ = page(client, f"/ysqgk/?agency={agency.code}")
    option = f'<option value="{agency.pk}" selected>'
    assert option not in plain and option in chosen
    assert option not in page(client, "/ysqgk/")[0]  # the unchosen form is its own entry

    Agency.objects.create(code="fzwj", name="福州市卫生健康委员会", is_active=True)  # a committed write
    assert "福州市卫生健康委员会" in page(client, "/ysqgk/")[0]


def test_td_cells_writes_what_the_template_loop_wrote():
    values = [0, 1234, None, "<b>", 7, ""]
    loop = Template("{% for v in values %}<td>{{ v }}</td>{% endfor %}")
    cells = Template("{% load gongkai_web %}{{ values|td_cells }}")
    assert cells.render(Context({"values": values})) == loop.render(Context({"values": values}))

    missing_loop = Template(
        '{% for v in values %}<td>{% if v is None %}<span class="ar-missing">未填写</span>'
        "{% else %}{{ v }}{% endif %}</td>{% endfor %}"
    )
    missing = Template('{% load gongkai_web %}{{ values|td_cells:"missing" }}')
    assert missing.render(Context({"values": values})) == missing_loop.render(Context({"values": values}))

    pairs = [(v, f"c{i}") for i, v in enumerate(values)]
    zero_loop = Template(
        "{% for v, col in pairs %}<td>{% if v %}{{ v }}{% else %}0{% endif %}</td>{% endfor %}"
    )
    zero = Template('{% load gongkai_web %}{{ pairs|td_cells:"zero" }}')
    assert zero.render(Context({"pairs": pairs})) == zero_loop.render(Context({"pairs": pairs}))
    assert "&lt;b&gt;" in zero.render(Context({"pairs": pairs}))


def test_item_rows_writes_what_the_template_loop_wrote(settings):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    items = [
        ("2025年<统计>公报", "/xxgk/items/a/?x=1&y=2", date(2026, 11, 8)),
        ("无日期", "/zcjd/1/", None),
        (
            "跨日的时刻",
            "/b/",
            datetime(2026, 11, 30, 17, 30, tzinfo=ZoneInfo("UTC")),
        ),  # 12-01 in Asia/Shanghai
    ]
    loop = Template(
        '{% for label, url, on in items %}<li><a href="{{ url }}">{{ label }}</a>{% if on %}'
        '<span class="item-date">{{ on|date:"Y-m-d" }}</span>{% endif %}</li>{% endfor %}'
    )
    rows = Template("{% load gongkai_web %}{{ items|item_rows }}")
    written = rows.render(Context({"items": items}))
    assert written == loop.render(Context({"items": items}))
    assert "&lt;统计&gt;" in written and "&amp;y=2" in written and "2026-12-01" in written
