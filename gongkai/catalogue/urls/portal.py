from django.urls import path

from ..feeds import AtomFeed, CategoryAtomFeed, CategoryRssFeed, RssFeed
from ..views import normative_portal, portal

urlpatterns = [
    path("xxgk/guide/", portal.guide, name="guide"),
    path("xxgk/catalogue/", portal.catalogue, name="catalogue"),
    path("xxgk/basic-catalogue/", portal.basic_catalogue, name="items"),
    path("xxgk/higher-level/", portal.higher_level, name="superior"),
    path("xxgk/normative/", normative_portal.documents, name="normative"),
    path("xxgk/normative/cleanup/", normative_portal.cleanup_results, name="cleanup_results"),
    path("xxgk/normative/cleanup/<int:pk>/", normative_portal.cleanup_result, name="cleanup_result"),
    path("xxgk/items/<slug:slug>/", portal.item, name="item"),
    path("xxgk/items/<slug:slug>/attachments/<int:pk>/", portal.attachment, name="attachment"),
    path("xxgk/feed/rss/", RssFeed(), name="feed_rss"),
    path("xxgk/feed/atom/", AtomFeed(), name="feed_atom"),
    path("xxgk/feed/<slug:category>/rss/", CategoryRssFeed(), name="category_feed_rss"),
    path("xxgk/feed/<slug:category>/atom/", CategoryAtomFeed(), name="category_feed_atom"),
]
