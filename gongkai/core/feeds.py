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
        return memoised(key, lambda: WrittenFeed(super(GenerationFeed, self).get_feed(obj, request)))


class WrittenFeed:
    """A built feed with its bytes and latest date worked out once (ADR 0063): writing ~50 items out
    as XML was most of a feed's CPU per request once the items were kept. The bytes are those the feed
    writes into a response (`Feed.__call__`), so the answer is unchanged; a feed without item dates
    (whose lastBuildDate is "now") carries the moment its generation built it."""

    def __init__(self, feed):
        from django.http import HttpResponse

        self.content_type = feed.content_type
        self._latest = feed.latest_post_date()
        written = HttpResponse(content_type=feed.content_type)
        feed.write(written, "utf-8")
        self._content = written.content

    def latest_post_date(self):
        return self._latest

    def write(self, outfile, encoding):  # Feed.__call__ always asks for utf-8
        outfile.write(self._content)
