"""`reverse()` answered from a per-process table (issue 19 item 1: per-request constant work).

A reversed URL depends only on the URL configuration, the script prefix (an agency site's /bm/<code>/,
core.sites), the namespace the request resolved in, the language, the name and the arguments — never on
the database — so it can be kept for the life of the process. Only plain arguments (text, whole numbers)
are kept; anything else, and a name that does not reverse, goes to Django every time. The site's
templates get the same through their `{% url %}` tag (`gongkai.web.templatetags.cached_url`, a template
builtin).
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

_PLAIN = (str, int)


def cached_reverse(viewname, args=None, kwargs=None, current_app=None) -> str:
    if not isinstance(viewname, str) or not all(type(a) in _PLAIN for a in args or ()):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    if kwargs and not all(type(v) in _PLAIN for v in kwargs.values()):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reverse(
        viewname,
        tuple(args or ()),
        tuple(sorted((kwargs or {}).items())),
        current_app,
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        translation.get_language(),
    )


@lru_cache(maxsize=20000)
def _reverse(viewname, args, kwargs, current_app, urlconf, script_prefix, language) -> str:
    # The urlconf, prefix and language are the thread's own at the call; they are part of the key only.
    return reverse(viewname, args=args, kwargs=dict(kwargs), current_app=current_app, urlconf=urlconf)
