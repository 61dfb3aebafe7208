from gongkai.core.selectors import site_settings_for

from .navigation import office_navigation, portal_navigation
from .sections import section_for_path
from .site_feeds import site_feeds

ELDER_COOKIE = "gk_elder"


def site(request):
    from django.urls import get_script_prefix

    from gongkai.core import sites

    agency = getattr(request, "agency", None)
    user = getattr(request, "user", None)
    path = getattr(request, "path_info", request.path)  # inside the agency's site (core.sites)
    office = path.startswith("/office/")
    return {
        "site_root": get_script_prefix(),
        # 全市搜索 beside the search box: only on a platform of several agencies (issue 18 item 1).
        "city_search_url": _city_search_url() if sites.is_multi_agency() else "",
        "site_agency": agency,
        "site": site_settings_for(agency) if agency else None,
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "portal_nav": portal_navigation(request.path),
        "portal_section": None if office else section_for_path(path),
        "office_nav": office_navigation(user, request.path)
        if office and user and user.is_authenticated
        else [],
        "in_office": office,
        "site_feeds": () if office else site_feeds(),
    }


def _city_search_url() -> str:
    from django.urls import NoReverseMatch

    from gongkai.core.sites import agency_path
    from gongkai.core.urlcache import cached_reverse

    try:
        return agency_path(None, cached_reverse("city:search"))
    except NoReverseMatch:
        return ""
