"""The portal's one sitemap.xml, gathered from the apps' Sitemap classes (gongkai.web.sitemaps)."""

import pytest
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.web import sitemaps

pytestmark = pytest.mark.django_db


def test_every_registered_class_is_a_sitemap():
    classes = sitemaps.sitemaps()
    assert list(classes) == list(sitemaps.SITEMAP_CLASSES)
    assert all(issubclass(cls, Sitemap) for cls in classes.values())


def test_sitemap_xml_is_served_by_web_with_every_apps_columns(client, agency):
    assert reverse("portal:sitemap_xml") == "/sitemap.xml"
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert "http://testserver/xxgk/guide/" in xml and "http://testserver/sjfb/calendar/" in xml
