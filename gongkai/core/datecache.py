"""`{{ moment|date:format }}` kept per process (issue 19 item 1, ADR 0061): a pure function of the moment,
the current time zone, the format and the language, for the list rows that apps write in Python (the
catalogue lists, the 留言 list). The web's `date` template builtin (web/templatetags/cached_text.py) keeps
the same table for the templates; this one is for apps below the web layer."""

from functools import lru_cache

from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation


def local_date(moment, fmt: str) -> str:
    """What `{{ moment|date:fmt }}` writes (before escaping): the moment in the current time zone."""
    key = (
        moment,
        type(moment),
        str(getattr(moment, "tzinfo", None)),
        str(timezone.get_current_timezone()),
        fmt,
        translation.get_language(),
    )
    try:
        hash(key)
    except TypeError:  # not hashable: the filter as it is
        return date_filter(timezone.template_localtime(moment), fmt)
    return _formatted(key)


@lru_cache(maxsize=8192)
def _formatted(key) -> str:
    moment, _type, _zone, _current, fmt, _language = key
    return date_filter(timezone.template_localtime(moment), fmt)
