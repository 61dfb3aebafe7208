"""The WSGI handler gunicorn serves (`config.wsgi`): Django's own, with URL resolution kept per process.

Django walks the URL patterns on every request; with every app's portal patterns included at the root,
a page such as /xxgk/ tries some sixty resolvers and two hundred patterns, a fifth of a light page's
CPU (issue 19 item 1). The result depends only on the URL configuration and the path, so a successful
match is kept (bounded, least recently used) and each request gets its own copy of it; a path that does
not resolve is tried again every time, so unknown paths cannot fill the table.
"""

from __future__ import annotations

import gc
from functools import lru_cache

from django.core.handlers.wsgi import WSGIHandler
from django.urls import ResolverMatch, get_resolver, set_urlconf


class WSGIHandlerWithResolutionCache(WSGIHandler):
    def resolve_request(self, request):
        if hasattr(request, "urlconf"):
            urlconf = request.urlconf
            set_urlconf(urlconf)
            resolver = get_resolver(urlconf)
        else:
            resolver = get_resolver()
        kept = _resolve(resolver, request.path_info)
        match = object.__new__(ResolverMatch)  # a copy (Django refuses copy.copy of a match)
        match.__dict__.update(kept.__dict__)
        match.args = tuple(kept.args)
        match.kwargs = dict(kept.kwargs)  # a view may change its own kwargs, never the kept match
        request.resolver_match = match
        return match


@lru_cache(maxsize=4096)
def _resolve(resolver, path: str):
    # `resolver` is Django's own per-URL-configuration object (get_resolver is cached; a changed
    # ROOT_URLCONF makes a new one), so it is part of the key.
    return resolver.resolve(path)


def freeze_start_up_objects() -> None:
    """`gc.freeze()` once the application is loaded (config.wsgi, before gunicorn forks its workers): the
    objects of start-up — Django, the apps, jieba's dictionary, some 360,000 — leave the collector's
    sight, so the full collections that requests trigger no longer walk them (a third of a light page's
    CPU, issue 19 item 1), and the forked workers keep sharing their memory pages."""
    gc.freeze()
