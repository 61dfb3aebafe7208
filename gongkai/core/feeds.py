"""The base of the site's RSS/Atom feeds: the feed (its items, read and formatted) is kept for the page
cache's generation and only written out per request (issue 19 item 1, ADR 0043/0056).

django.contrib.syndication builds the whole feed — queries, one URL and one description per item —
on every request; it is the same for every reader of a site until a committed write or a scheduled
minute ends the generation. Outside a generation (a signed-in visitor) it is built every time."""

from django.contrib.syndication.views import Feed
from django.urls import get_script_prefix

from .pagecache import memoised


class GenerationFeed(Feed):
    def get_feed(self, obj, request):
        key = (
            f"feed:{type(self).__module__}.{type(self).__qualname__}:{request.scheme}:{request.get_host()}:"
            f"{get_script_prefix()}:{request.get_full_path()}"
        )
        return memoised(key, lambda: super(GenerationFeed, self).get_feed(obj, request))
