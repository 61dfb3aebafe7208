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
