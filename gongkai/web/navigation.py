"""The main navigation of the public site and the role-dependent navigation of the office.

Capability apps add their sections here as they arrive (one line each).
"""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, reverse

from gongkai.accounts.permissions import has_perm, is_platform_admin


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


# (label, url name or path, permission for the office)
PORTAL_SECTIONS = [
    ("首页", "portal:home"),
    ("政府信息公开", "/xxgk/"),
    ("政策解读", "/zcjd/"),
    ("互动交流", "/hdjl/"),
    ("数据发布", "/sjfb/"),
    ("办事服务", "/bsfw/"),
    ("新闻发布", "/xwfb/"),
]

PLATFORM_ADMIN = "platform_admin"  # not a role's permission: accounts.permissions.is_platform_admin

OFFICE_SECTIONS = [
    ("我的工作", "office:home", "office.enter"),
    ("工作人员", "accounts_office:users", "accounts.view"),
    ("处室", "accounts_office:departments", "accounts.view"),
    ("网站设置", "accounts_office:site_settings", "site_settings.manage"),
    ("工作日历", "workdays_office:years", "workdays.view"),
    ("依申请公开", "foi_office:register", "foi.view"),
    ("年度报告", "annual_reports_office:list", "foi.statistics"),
    ("政府信息", "catalogue_office:items", "catalogue.view"),
    ("政策解读", "interpretations_office:list", "interpretations.view"),
    ("发布审核", "publishing_office:queue", "publishing.view"),
    ("负面清单与保密检查", "confidentiality_office:negative_list", "office.enter"),
    ("征求意见", "consultations_office:list", "consultations.view"),
    ("留言办理", "public_messages_office:list", "messages.view"),
    ("在线访谈", "interviews_office:list", "interviews.view"),
    ("舆情处置", "incidents_office:console", "incidents.view"),
    ("新闻发布", "press_office:home", "press.view"),
    ("政务新媒体", "newmedia_office:accounts", "newmedia.view"),
    ("重点任务与督查", "key_tasks_office:list", "key_tasks.view"),
    ("调查征集", "surveys_office:list", "surveys.view"),
    ("结果公开", "results_office:index", "results.view"),
    ("统计数据", "opendata_office:home", "opendata.view"),
    ("消息发送", "outbox_office:list", "outbox.view"),
    ("网站自查", "assessment_office:home", "assessment.view"),
    ("年度自查", "self_inspection_office:campaigns", "self_inspection.view"),
    ("审计日志", "audit_office:events", "audit.view"),
    ("权责清单", "responsibilities_office:list", "responsibilities.view"),
    ("行政执法", "enforcement_office:home", "enforcement.view"),
    ("办事指南", "service_guides_office:list", "service_guides.view"),
    # issue 18 items 8-9 (cityops)
    ("全市督导", "cityops_office:overview", "cityops.oversee"),
    ("全市年报汇总", "cityops_office:rollup", "cityops.rollup"),
    ("督办通知", "cityops_office:notices", "cityops.notices_view"),
    ("代理审批人", "publishing_office:substitute", "publishing.substitute"),
    # --- the city platform (issue 18) ---
    ("本机关规则", "city_office:rules", "site_settings.manage"),
    ("栏目管理", "catalogue_office:columns", "site_settings.manage"),
    ("机关管理", "city_office:agencies", PLATFORM_ADMIN),
]


def _url(target: str) -> str:
    if target.startswith("/"):
        return get_script_prefix().rstrip("/") + target  # inside the agency's site (core.sites)
    try:
        return reverse(target)
    except NoReverseMatch:
        return ""


def _is_current(url: str, path: str) -> bool:
    if url in ("/", "/office/"):
        return path == url
    return bool(url) and path.startswith(url)


def portal_navigation(path: str) -> tuple[NavItem, ...]:
    """The same for every page of a section: computed once per process (issue 19: per-request constant
    work), by the URL configuration in force (tests swap it)."""
    from django.conf import settings

    section = "/" + path.lstrip("/").split("/", 1)[0] + "/" if path.strip("/") else "/"
    from django.urls import get_script_prefix

    return _portal_navigation(
        section if section != "/" or path == "/" else path, settings.ROOT_URLCONF, get_script_prefix()
    )


@lru_cache(maxsize=1024)
def _portal_navigation(path: str, urlconf: str, script_prefix: str) -> tuple[NavItem, ...]:
    items = []
    for label, target in PORTAL_SECTIONS:
        url = _url(target)
        items.append(NavItem(label, url, _is_current(url, path)))
    return tuple(items)


def office_navigation(user, path: str) -> list[NavItem]:
    items = []
    for label, target, permission in OFFICE_SECTIONS:
        url = _url(target)
        allowed = is_platform_admin(user) if permission == PLATFORM_ADMIN else has_perm(user, permission)
        if url and allowed:
            items.append(NavItem(label, url, _is_current(url, path)))
    return items
