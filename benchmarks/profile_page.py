"""Where one public page's uncached CPU goes (issue 19 item 1): cProfile and the queries of a page-cache miss.

    .venv/bin/python benchmarks/profile_page.py --var /tmp/demo / /xxgk/catalogue/ [--runs 20] [--top 30]

Uses a demo folder made by `benchmarks/serving.py --var DIR` (or `make run`'s var/). Each page is asked
for once to warm up, then `--runs` times under cProfile with the page cache generating but not serving
(the "uncached" column of serving.py). Prints the functions by own time and by cumulative time, the CPU
ms per request and every query of one request.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--var", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime,cumulative")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--only", default="", help="a regular expression on the file names shown")
    args = parser.parse_args()
    os.environ["GONGKAI_VAR_DIR"] = args.var
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ["GONGKAI_PAGE_CACHE_SERVE"] = "0"
    sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]
    import django

    django.setup()
    from django.db import connection

    from gongkai.core.handlers import WSGIHandlerWithResolutionCache

    handler = WSGIHandlerWithResolutionCache()  # what config.wsgi (gunicorn) serves

    def call(path: str) -> int:
        split = urlsplit(path)
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": split.path,
            "QUERY_STRING": split.query,
            "SERVER_NAME": args.host,
            "SERVER_PORT": "80",
            "HTTP_HOST": args.host,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        box = {}

        def start_response(status, headers, exc_info=None):
            box["status"] = int(status.split()[0])

        b"".join(handler(environ, start_response))
        return box["status"]

    for path in args.paths:
        call(path)
        call(path)
        sqls: list[str] = []

        def log(execute, sql, params, many, context, sqls=sqls):
            sqls.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(log):
            status = call(path)
        times = []
        for _ in range(7):
            t0 = time.process_time()
            call(path)
            times.append((time.process_time() - t0) * 1000)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.runs):
            call(path)
        profile.disable()
        print(
            f"=== {path}: status {status}, {statistics.median(times):.2f} ms CPU (median of 7), {len(sqls)} queries"
        )
        for sql in sqls:
            print("   ", sql[:220])
        for key in args.sort.split(","):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(key).print_stats(
                *([args.only] if args.only else []), args.top
            )
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
