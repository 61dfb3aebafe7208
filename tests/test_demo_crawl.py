"""Walks the public site of the demo as a visitor would: every internal link answers without a 5xx.

It loads the real demo data once and follows links breadth-first from the home page (bounded), so a
page that crashes on real data is found even if no unit test renders it.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from django.test import Client

LIMIT = 600
SKIP = ("/office/", "/static/", "/media/", "/admin/")
HREF = re.compile(r'href="([^"#]+)"')


def _links(base: str, html: str):
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and not path.startswith(SKIP):
            yield path


def test_every_public_page_of_the_demo_answers_without_a_server_error(demo):
    client = Client(raise_request_exception=False)
    queue, seen, failures = deque(["/"]), {"/"}, []
    while queue and len(seen) <= LIMIT:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code >= 500:
            failures.append((path, response.status_code))
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            for link in _links("http://testserver" + path, response.content.decode("utf-8", "replace")):
                # one page per list is enough: do not walk every page and filter combination
                key = re.sub(r"([?&])(page|cursor)=[^&]*", r"\1", link)
                if key not in seen:
                    seen.add(key)
                    queue.append(link)
    assert failures == []
    assert len(seen) > 100  # the demo really was walked
