from django.urls import path, re_path

from ..feeds import AtomFeed, CategoryAtomFeed, CategoryRssFeed, RssFeed
from ..normative.views import portal as normative_portal
from ..views import columns_portal, portal

urlpatterns = [
    path("xxgk/guide/", portal.guide, name="guide"),
    path("xxgk/catalogue/", portal.catalogue, name="catalogue"),
    path("xxgk/basic-catalogue/", portal.basic_catalogue, name="items"),
    path("xxgk/higher-level/", columns_portal.superior, name="superior"),
    path("xxgk/normative/", normative_portal.documents, name="normative"),
    path("xxgk/normative/cleanup/", normative_portal.cleanup_results, name="cleanup_results"),
    path("xxgk/normative/cleanup/<int:pk>/", normative_portal.cleanup_result, name="cleanup_result"),
    path("xxgk/items/<slug:slug>/", portal.item, name="item"),
    path("xxgk/items/<slug:slug>/attachments/<int:pk>/", portal.attachment, name="attachment"),
    # A column an agency added, inside its section (ADR 0050).
    re_path(
        r"^(?P<section>xxgk|zcjd|hdjl|sjfb|bsfw|xwfb)/lm/(?P<slug>[a-z0-9-]{2,60})/$",
        columns_portal.column,
        name="column",
    ),
    path("xxgk/feed/rss/", RssFeed(), name="feed_rss"),
    path("xxgk/feed/atom/", AtomFeed(), name="feed_atom"),
    path("xxgk/feed/<slug:category>/rss/", CategoryRssFeed(), name="category_feed_rss"),
    path("xxgk/feed/<slug:category>/atom/", CategoryAtomFeed(), name="category_feed_atom"),
]
