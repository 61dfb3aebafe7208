from gongkai.core.selectors import site_settings_for

from .navigation import office_navigation, portal_navigation
from .sections import section_for_path
from .site_feeds import site_feeds

ELDER_COOKIE = "gk_elder"


def site(request):
    agency = getattr(request, "agency", None)
    user = getattr(request, "user", None)
    office = request.path.startswith("/office/")
    return {
        "site_agency": agency,
        "site": site_settings_for(agency) if agency else None,
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "portal_nav": portal_navigation(request.path),
        "portal_section": None if office else section_for_path(request.path),
        "office_nav": office_navigation(user, request.path)
        if office and user and user.is_authenticated
        else [],
        "in_office": office,
        "site_feeds": () if office else site_feeds(),
    }
