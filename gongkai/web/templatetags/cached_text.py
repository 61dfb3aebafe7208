"""`truncatechars` and `date` through per-process tables (a template builtin in settings; issue 19 item 1).

Django's filters run their Truncator (Unicode normalisation, combining characters) and date formatter on
every render; list pages truncate the same summaries and format the same dates on every request. Each
result is a pure function of its inputs — the text and length; the moment, its time zone, the format
and the language — so it is kept (bounded, least recently used). Escaping, safety and the conversion to
local time before `date` are Django's, unchanged."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import date as django_date
from django.template.defaultfilters import stringfilter
from django.utils import translation
from django.utils.text import Truncator

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def truncatechars(value, arg):
    try:
        length = int(arg)
    except ValueError:  # Django's filter: an invalid length leaves the text as it is
        return value
    # `+ ""` keeps the key and the result plain text: whether it is safe is decided by Django from the
    # input, as for its own filter.
    return _chars(value + "", length)


@lru_cache(maxsize=8192)
def _chars(text: str, length: int) -> str:
    return Truncator(text).chars(length) + ""


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    try:
        key = (value, type(value), str(getattr(value, "tzinfo", None)), arg, translation.get_language())
        hash(key)
    except TypeError:  # not hashable: Django's filter as it is
        return django_date(value, arg)
    return _date(key)


@lru_cache(maxsize=8192)
def _date(key) -> str:
    value, _type, _zone, arg, _language = key
    return django_date(value, arg)
