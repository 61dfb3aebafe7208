from django import template

from gongkai.core.sites import error_report_url

from .. import selectors

register = template.Library()


@register.simple_tag
def city_portal_settings():
    """The city portal's footer facts (never an agency's)."""
    return selectors.portal_settings()


@register.simple_tag
def city_error_report_url(portal) -> str:
    return error_report_url(portal.website_code) if portal is not None else ""
