from django.urls import path

from ..feeds import AtomFeed, RssFeed
from ..views import portal

urlpatterns = [
    path("zcjd/", portal.interpretations, name="list"),
    path("zcjd/texts/", portal.texts, name="texts"),
    path("zcjd/graphics/", portal.graphics, name="graphics"),
    path("zcjd/qa/", portal.qa, name="qa"),
    path("zcjd/media/", portal.media, name="media"),
    path("zcjd/interviews/", portal.interviews, name="interviews"),
    path("zcjd/feed/rss/", RssFeed(), name="feed_rss"),
    path("zcjd/feed/atom/", AtomFeed(), name="feed_atom"),
    path("zcjd/<int:pk>/", portal.detail, name="detail"),
    path("zcjd/<int:pk>/image/", portal.image, name="image"),
    path("zcjd/<int:pk>/media/", portal.media_file, name="media_file"),
]
