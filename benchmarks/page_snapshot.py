"""The public pages' bytes, to compare before and after a change meant to keep them (issue 19 item 1).

    .venv/bin/python benchmarks/page_snapshot.py --var /tmp/demo --pages pages.json --out /tmp/before
    (the same with the changed tree and --out /tmp/after)
    diff -r /tmp/before /tmp/after

`--pages` is a `serving.py --json` file (its pages) or a text file of paths, one a line. Each path is asked
for three times through `config.wsgi` with the page cache generating but not serving (what
serving.py's "uncached" column measures): once on a cold memo, twice on a warm one; all three must
be the same bytes (a memo must never change a page). Every page with a form is also posted empty and
with a few typed values, so that the form re-rendered with its errors and the values typed is written
too. The CSRF token (a new one per request) is replaced by a fixed mark before writing.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
FORM = re.compile(r'<form method="post"(?: action="([^"]*)")?', re.IGNORECASE)
TYPED = {
    "name": "张三<b>",
    "title": "关于“某事”的意见 & 建议",
    "content": "内容<script>x</script>",
    "phone": "1380000000x",
    "email": "not-an-email",
    "agency": "999999",
    "text": "一段文字",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--var", required=True)
    parser.add_argument("--pages", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.environ["GONGKAI_VAR_DIR"] = args.var
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ["GONGKAI_PAGE_CACHE_SERVE"] = "0"
    sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]
    import django

    django.setup()
    from django.test import Client

    from config.wsgi import application as handler

    text = Path(args.pages).read_text()
    paths = list(json.loads(text)["pages"]) if text.lstrip().startswith("{") else text.split()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def fetch(path: str) -> tuple[int, bytes]:
        box = {}
        split = urlsplit(path)
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": split.path,
            "QUERY_STRING": split.query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }

        def start_response(status, headers, exc_info=None):
            box["status"] = int(status.split()[0])

        body = b"".join(handler(environ, start_response))
        return box["status"], TOKEN.sub(r"\1TOKEN\2", body.decode("utf-8", "replace")).encode()

    def name(path: str, suffix: str = "") -> Path:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", path.strip("/")) or "home"
        return out / f"{safe[:80]}-{hashlib.sha1(path.encode()).hexdigest()[:8]}{suffix}.html"

    client = Client(enforce_csrf_checks=False, REMOTE_ADDR="127.0.0.9", HTTP_HOST="127.0.0.1")
    unstable = 0
    for path in paths:
        bodies = [fetch(path) for _ in range(3)]
        if len({b for _, b in bodies}) != 1:
            unstable += 1
            print(f"NOT THE SAME on a warm memo: {path}")
        status, body = bodies[-1]
        name(path).write_bytes(f"{status}\n".encode() + body)
        page = body.decode("utf-8", "replace")
        for number, action in enumerate(dict.fromkeys(a or path for a in FORM.findall(page))):
            if not action.startswith("/") or "elder-mode" in action or "search" in action:
                continue
            for label, data in (("empty", {}), ("typed", TYPED)):
                response = client.post(action.replace("&amp;", "&"), data)
                posted = TOKEN.sub(r"\1TOKEN\2", response.content.decode("utf-8", "replace"))
                name(path, f"-post{number}-{label}").write_text(f"{response.status_code}\n{posted}")
    print(f"{len(paths)} pages written to {out}; {unstable} not the same on a warm memo")
    return 1 if unstable else 0


if __name__ == "__main__":
    raise SystemExit(main())
