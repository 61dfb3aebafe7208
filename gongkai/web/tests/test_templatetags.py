from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from gongkai.web.sections import section_by_slug
from gongkai.web.templatetags.gongkai_web import breadcrumb_trail, cn_date, digits, error_report_url


def test_cn_date_writes_dates_as_in_running_text():
    assert cn_date(date(2026, 11, 8)) == "2026年11月8日"
    # 2026-11-27 20:00 UTC is already the 28th in Beijing
    assert cn_date(datetime(2026, 11, 27, 20, 0, tzinfo=ZoneInfo("UTC"))) == "2026年11月28日"
    assert cn_date(None) == ""


def test_digits_keeps_only_digits():
    assert digits("闽公网安备 35010002000123号") == "35010002000123"


def test_error_report_url_falls_back_to_the_national_service():
    site = SimpleNamespace(error_report_url="", website_code="3501000000")
    assert error_report_url(site) == "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3501000000"
    assert (
        error_report_url(SimpleNamespace(error_report_url="https://x.example/", website_code="1"))
        == "https://x.example/"
    )
    assert error_report_url(SimpleNamespace(error_report_url="", website_code="")) == ""
    assert error_report_url(None) == ""


def _context(path, breadcrumb=None, in_office=False):
    from gongkai.web.sections import section_for_path

    return {
        "request": SimpleNamespace(path=path),
        "breadcrumb": breadcrumb,
        "in_office": in_office,
        "portal_section": None if in_office else section_for_path(path),
    }


def test_breadcrumb_adds_the_section_of_the_path():
    xxgk = section_by_slug("xxgk")
    assert breadcrumb_trail(_context("/xxgk/")) == [("政府信息公开", None)]
    assert breadcrumb_trail(_context("/xxgk/guide/", [("政府信息公开指南", None)])) == [
        ("政府信息公开", xxgk.path),
        ("政府信息公开指南", None),
    ]
    # a view that already names the section is not doubled
    assert breadcrumb_trail(_context("/xxgk/guide/", [("政府信息公开", "/xxgk/"), ("指南", None)])) == [
        ("政府信息公开", "/xxgk/"),
        ("指南", None),
    ]
    assert breadcrumb_trail(_context("/")) == []
    assert breadcrumb_trail(_context("/office/x/", [("处室", None)], in_office=True)) == [("处室", None)]


def test_truncatechars_is_djangos():
    from django.template import Context, Template
    from django.template.defaultfilters import truncatechars as django_truncatechars
    from django.utils.safestring import mark_safe

    template = Template("{{ text|truncatechars:5 }}|{{ safe|truncatechars:5 }}|{{ text|truncatechars:'x' }}")
    for text in (
        "短",
        "政府信息公开目录",
        "<b>加粗的文字</b>",
        "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301",
        "",
        "12345",
    ):
        for _ in range(2):  # the second time from the table
            rendered = template.render(Context({"text": text, "safe": mark_safe(text)}))
            expected = Template("{{ a }}|{{ b }}|{{ text }}").render(
                Context(
                    {
                        "a": django_truncatechars(text, 5),
                        "b": mark_safe(django_truncatechars(mark_safe(text), 5)),
                        "text": text,
                    }
                )
            )
            assert rendered == expected


def test_date_is_djangos(settings):
    from datetime import UTC, date, datetime

    from django.template import Context, Template
    from django.template.defaultfilters import date as django_date
    from django.utils import timezone, translation

    moment = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)
    values = [moment, timezone.make_naive(moment), date(2026, 1, 2), None, "", "不是日期"]
    template = Template('{{ v|date:"Y-m-d" }}|{{ v|date }}|{{ v|date:"Y年n月j日 D" }}')
    for zone in ("Asia/Shanghai", "UTC"):
        for language in ("zh-hans", "en"):
            with timezone.override(zone), translation.override(language):
                for value in values:
                    for _ in range(2):  # the second time from the table
                        local = (
                            timezone.localtime(value)
                            if isinstance(value, datetime) and timezone.is_aware(value)
                            else value
                        )
                        expected = "|".join(
                            str(django_date(local, f)) for f in ("Y-m-d", None, "Y年n月j日 D")
                        )
                        assert template.render(Context({"v": value})) == expected
