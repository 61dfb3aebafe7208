"""Serving benchmark (issue 19 items 1 and 2): every public page, in-process and under load, beside peers.

1. Builds a throw-away copy of the demo (migrate, collectstatic, demo load) unless --var names one.
2. Finds the public pages: crawls the site from / (one page per URL pattern, office excluded) and adds
   every public GET of the API without path parameters (from /api/v1/openapi.json).
3. In-process, for each page: CPU ms per request (median of --repeat runs, `time.process_time`),
   database queries per request, uncached (page cache off) and served from the page cache.
4. Under load: gunicorn exactly as `make run` starts it (scripts/run.sh: 2 workers, --preload), page
   cache off and on, for a few pages, beside a trivial Django view under the same gunicorn and
   middleware and beside nginx serving the very same bytes (saved copies) from a temporary config on
   port 8180+, and beside the deployment's nginx front answering cached pages from the page cache's
   files (ADR 0052, its configuration from `gongkai edge_nginx`). Load: `wrk` when installed, else a Python client (several processes of keep-alive
   connections; it shares the 2 cores with the servers, so every figure is low by the same client).

Prints the table; `--json FILE` writes the figures. Figures go to docs/performance.md with `uptime`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CPU_TARGET_MS = 3.0
TRIVIAL = "/__bench/trivial"  # a trivial Django view under the same middleware (bench_urls.py)
LOAD_PAGES = ["/", "ITEM", "/xxgk/", "/sitemap.xml", "/healthz"]
if os.environ.get("BENCH_PAGES"):
    LOAD_PAGES = os.environ["BENCH_PAGES"].split(",")


def free_port(start: int = 0) -> int:
    for port in range(start, start + 100) if start else [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def prepare(var: Path, env: dict) -> None:
    gk = str(BIN / "gongkai")
    if (var / "gongkai.sqlite3").exists() and (var / ".demo-loaded").exists():
        return
    for cmd in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["demo", "load"]):
        subprocess.run([gk, *cmd], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    (var / ".demo-loaded").touch()


# --- in-process -------------------------------------------------------------------------------------
def in_process(repeat: int, max_pages: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.urls import Resolver404, resolve

    from config.wsgi import application as handler  # exactly what gunicorn serves (scripts/run.sh)

    def call(path: str) -> tuple[int, bytes, dict]:
        split = urlsplit(path)
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": split.path,
            "QUERY_STRING": split.query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": __import__("io").BytesIO(b""),
            "wsgi.url_scheme": "http",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        box = {}

        def start_response(status, headers, exc_info=None):
            box["status"] = int(status.split()[0])
            box["headers"] = dict(headers)

        body = b"".join(handler(environ, start_response))
        return box["status"], body, box["headers"]

    # Discover pages: crawl from /, keep one path per URL pattern.
    settings.GONGKAI_PAGE_CACHE = False
    seen_routes: dict[str, str] = {}
    queue, visited = ["/"], set()
    href = re.compile(r'href="(/[^"#]*)"')
    while queue and len(visited) < 600 and len(seen_routes) < max_pages:
        path = queue.pop(0).replace("&amp;", "&")
        if path in visited or path.startswith(("/office", "/static/", "/media/", "/api/", "/elder-mode")):
            continue
        visited.add(path)
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:
            continue
        route = match.route
        if route in seen_routes and "?" not in path:
            continue
        if re.search(r"docx|xlsx|\.pdf|\.csv|/download", path):
            continue  # files, not pages
        status, body, headers = call(path)
        if status != 200:
            continue
        seen_routes.setdefault(route, path)
        if "html" in headers.get("Content-Type", ""):
            for link in href.findall(body.decode("utf-8", "replace")):
                if link not in visited:
                    queue.append(link)
    pages = list(dict.fromkeys(["/", "/sitemap.xml", "/robots.txt", "/qr.svg?path=/", *seen_routes.values()]))
    pages.append(TRIVIAL)  # the peer, measured the same way in the same run
    status, body, _ = call("/api/v1/openapi.json")
    if status == 200:
        spec = json.loads(body)
        for api_path, ops in spec.get("paths", {}).items():
            get = ops.get("get")
            if get and "{" not in api_path and not get.get("security"):
                pages.append(api_path)
    results = {}
    for path in pages:
        row = {}
        for mode in ("uncached", "cached"):
            # uncached: the page cache on but not serving (a miss: generation, memo, render).
            settings.GONGKAI_PAGE_CACHE = True
            settings.GONGKAI_PAGE_CACHE_SERVE = mode == "cached"
            call(path)  # warm (and, cached: store)
            times, queries = [], []
            for _ in range(repeat):
                count = [0]

                def counter(execute, sql, params, many, context, count=count):
                    count[0] += 1
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(counter):
                    t0 = time.process_time()
                    status, body, headers = call(path)
                    times.append((time.process_time() - t0) * 1000)
                queries.append(count[0])
            row[mode] = {
                "status": status,
                "cpu_ms": statistics.median(times),
                "queries": statistics.median(queries),
                "bytes": len(body),
                "cache": headers.get("X-Page-Cache", ""),
            }
        results[path] = row
    settings.GONGKAI_PAGE_CACHE_SERVE = True
    return results


def in_process_child(conn, env: dict, repeat: int, max_pages: int) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    conn.send(in_process(repeat, max_pages))
    conn.close()


# --- load ------------------------------------------------------------------------------------------------
def _client(port: int, path: str, seconds: float, connections: int, out) -> None:
    import asyncio

    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench\r\n\r\n".encode()

    async def one(stats):
        deadline = time.perf_counter() + seconds
        reader = writer = None
        while time.perf_counter() < deadline:
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
                await reader.readexactly(length)
                status = int(head[9:12])
                stats["ok" if status < 400 else "bad"] += 1
                if re.search(rb"(?i)connection:\s*close", head):
                    writer.close()
                    writer = None
            except (OSError, asyncio.IncompleteReadError, AttributeError, asyncio.LimitOverrunError):
                stats["err"] += 1
                writer = None

    async def main():
        stats = {"ok": 0, "bad": 0, "err": 0}
        await asyncio.gather(*(one(stats) for _ in range(connections)))
        return stats

    out.put(asyncio.run(main()))


def load(port: int, path: str, seconds: float, concurrency: int) -> dict:
    if shutil.which("wrk"):
        proc = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{concurrency}",
                f"-d{max(1, round(seconds))}s",
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
        )
        rate = re.search(r"Requests/sec:\s*([\d.]+)", proc.stdout)
        non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", proc.stdout)
        return {"rps": float(rate.group(1)) if rate else 0.0, "errors": int(non2xx.group(1)) if non2xx else 0}
    procs, queue = [], multiprocessing.Queue()
    for _ in range(2):
        p = multiprocessing.Process(target=_client, args=(port, path, seconds, concurrency // 2, queue))
        p.start()
        procs.append(p)
    stats = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    ok = sum(s["ok"] for s in stats)
    return {"rps": ok / seconds, "errors": sum(s["bad"] + s["err"] for s in stats)}


def wait_port(port: int) -> None:
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on {port}")


def start_gunicorn(env: dict, cache: bool, edge_dir: Path | None = None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    # Cached: s-maxage=1 lets the nginx in front (proxy mode) micro-cache a page for one second; with
    # `edge_dir` the cached pages are also written as files for the nginx front (ADR 0052).
    env = {**env, "GONGKAI_PAGE_CACHE_SERVE": "1" if cache else "0", "GONGKAI_PAGE_CACHE_PROXY_SECONDS": "1"}
    if edge_dir is not None:
        env["GONGKAI_EDGE_CACHE_DIR"] = str(edge_dir)
    # As scripts/run.sh: 2 workers, --preload, no request-line limit, access log to stdout.
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--preload", "--limit-request-line", "0", "--access-logfile", "-", "--error-logfile", "-",
         "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    wait_port(port)
    return proc, port


PROXY_CACHE = """
  proxy_cache_path {conf_dir}/cache keys_zone=pages:10m max_size=200m inactive=10m;
  upstream gongkai {{ server 127.0.0.1:{upstream}; keepalive 16; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://gongkai;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_cache pages;
      proxy_cache_key $scheme$http_host$request_uri$cookie_gk_elder$http_accept_language;
      proxy_cache_lock on;
      proxy_cache_revalidate on;
      proxy_cache_use_stale updating;
      proxy_no_cache $cookie_sessionid $cookie_messages $http_authorization;
      proxy_cache_bypass $cookie_sessionid $cookie_messages $http_authorization;
    }}
  }}
"""


def start_nginx(docroot: Path, conf_dir: Path, upstream: int = 0) -> tuple[subprocess.Popen, int]:
    """nginx serving the saved pages from `docroot`, or (upstream) in front of gunicorn with a
    proxy_cache that honours Gongkai's Cache-Control (deploy/nginx in docs/performance.md)."""
    port = free_port(8180)
    conf_dir = conf_dir / ("proxy" if upstream else "static")
    conf_dir.mkdir(exist_ok=True)
    conf_dir.chmod(0o777)  # nginx's workers (not root) write their temporary and cache files here
    conf = conf_dir / "nginx.conf"
    server = (
        PROXY_CACHE.format(conf_dir=conf_dir, upstream=upstream, port=port)
        if upstream
        else f"  server {{ listen 127.0.0.1:{port}; root {docroot}; location / {{ try_files $uri =404; }} }}\n"
    )
    conf.write_text(
        f"""worker_processes 2;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {conf_dir}/body; proxy_temp_path {conf_dir}/proxy;
  fastcgi_temp_path {conf_dir}/fcgi; uwsgi_temp_path {conf_dir}/uwsgi; scgi_temp_path {conf_dir}/scgi;
  default_type text/html;
{server}}}
"""
    )
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(conf_dir)], start_new_session=True)
    wait_port(port)
    return proc, port


def start_edge(env: dict, edge_dir: Path, conf_dir: Path, upstream: int) -> tuple[subprocess.Popen, int]:
    """The deployment's front (ADR 0052): nginx answering cached pages from `edge_dir` itself, the rest
    proxied to gunicorn; its configuration is what `gongkai edge_nginx` prints."""
    port = free_port(8180)
    work = conf_dir / "edge"
    work.mkdir(exist_ok=True)
    work.chmod(0o777)
    conf = subprocess.run(
        [str(BIN / "gongkai"), "edge_nginx", "--listen", f"127.0.0.1:{port}", "--upstream",
         f"127.0.0.1:{upstream}", "--work", str(work), "--workers", "2", "--foreground"],
        env={**env, "GONGKAI_EDGE_CACHE_DIR": str(edge_dir)}, cwd=ROOT, check=True, capture_output=True,
        text=True,
    ).stdout  # fmt: skip
    (work / "nginx.conf").write_text(conf)
    proc = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)], start_new_session=True)
    wait_port(port)
    return proc, port


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def fetch(port: int, path: str) -> bytes:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read()
    conn.close()
    return body


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, shorter load")
    parser.add_argument("--var", help="demo folder to reuse (made if empty)")
    parser.add_argument("--repeat", type=int, default=0, help="in-process runs per page")
    parser.add_argument("--seconds", type=float, default=0, help="load seconds per page")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=0, help="alternating load rounds")
    parser.add_argument("--max-pages", type=int, default=80)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--load-only", action="store_true", help="skip the in-process table")
    parser.add_argument("--item", help="the item page to load (default: the first one found)")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    repeat = args.repeat or (7 if args.quick else 25)
    seconds = args.seconds or (3 if args.quick else 8)
    rounds = args.rounds or (1 if args.quick else 3)
    var = Path(args.var) if args.var else Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    var.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "benchmarks"), str(ROOT)]),
    }
    figures: dict = {
        "uptime_before": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    }
    try:
        prepare(var, env)
        # In a child process, so that this one stays free of Django for the load clients.
        pages = {}
        if not args.load_only:
            parent, child = multiprocessing.Pipe()
            proc = multiprocessing.Process(target=in_process_child, args=(child, env, repeat, args.max_pages))
            proc.start()
            pages = parent.recv()
            proc.join()
        figures["pages"] = pages
        print(
            f"In-process CPU per request (median of {repeat}), demo in {var}; target uncached ≤ {CPU_TARGET_MS} ms"
        )
        print(f"{'path':<58}{'uncached ms':>12}{'queries':>8}{'cached ms':>10}{'queries':>8}{'bytes':>9}")
        html_uncached = []
        for path, row in pages.items():
            u, c = row["uncached"], row["cached"]
            print(
                f"{path[:57]:<58}{u['cpu_ms']:>12.2f}{u['queries']:>8.0f}{c['cpu_ms']:>10.2f}{c['queries']:>8.0f}{u['bytes']:>9}"
            )
            if not path.startswith(("/api/", TRIVIAL)):
                html_uncached.append(u["cpu_ms"])
        if html_uncached:
            within = sum(1 for v in html_uncached if v <= CPU_TARGET_MS)
            print(
                f"public pages: median uncached {statistics.median(html_uncached):.2f} ms, "
                f"max {max(html_uncached):.2f} ms; {within}/{len(html_uncached)} within {CPU_TARGET_MS} ms"
            )
        if TRIVIAL in pages:
            print(
                f"peer: the trivial Django view {TRIVIAL}, uncached {pages[TRIVIAL]['uncached']['cpu_ms']:.2f} ms"
            )
        public = {p: row for p, row in pages.items() if p != TRIVIAL}
        if public:
            hits = [p for p, row in public.items() if row["cached"]["cache"] == "hit"]
            figures["hit_ratio"] = len(hits) / len(public)
            print(
                f"page cache hit ratio: {len(hits)}/{len(public)} pages and API answers served from the cache on "
                f"a repeat request; not cached: {', '.join(p for p in public if p not in hits)[:400]}"
            )
        if args.no_load:
            return 0
        item = args.item or next((p for p in pages if p.startswith("/xxgk/items/")), None)
        item = item or next((p for p in pages if re.search(r"/\d+/$", p)), "/xxgk/catalogue/")
        paths = [item if p == "ITEM" else p for p in LOAD_PAGES]
        # nginx serves saved copies of the same pages (the bytes of the uncached server).
        tmp = Path(tempfile.mkdtemp(prefix="gongkai-nginx-"))
        tmp.chmod(0o755)
        docroot = tmp / "root"
        docroot.mkdir()
        edge_dir = tmp / "edge-pages"
        load_rows: dict = {}
        print(
            f"\nUnder load: {args.concurrency} connections, {seconds:.0f} s per measurement, {rounds} round(s); "
            f"client: {'wrk' if shutil.which('wrk') else 'Python asyncio (2 processes)'}"
        )
        for rnd in range(rounds):
            for cache in (False, True):
                server, port = start_gunicorn(env, cache, edge_dir if cache else None)
                try:
                    for path in ["/__bench/trivial", *paths]:
                        fetch(port, path)
                        if not cache and rnd == 0 and path != "/__bench/trivial":
                            name = "p" + str(abs(hash(path))) + ".html"
                            (docroot / name).write_bytes(fetch(port, path))
                            load_rows.setdefault(path, {})["nginx_file"] = name
                        result = load(port, path, seconds, args.concurrency)
                        key = "cached" if cache else "uncached"
                        load_rows.setdefault(path, {}).setdefault(key, []).append(result["rps"])
                    if cache:
                        proxy, pport = start_nginx(docroot, tmp, upstream=port)
                        try:
                            for path in paths:
                                fetch(pport, path)
                                result = load(pport, path, seconds, args.concurrency)
                                load_rows[path].setdefault("proxy", []).append(result["rps"])
                        finally:
                            stop(proxy)
                            if os.environ.get("BENCH_KEEP_LOGS"):
                                print((tmp / "proxy" / "error.log").read_text()[-2000:])
                        front, eport = start_edge(env, edge_dir, tmp, port)
                        try:
                            for path in paths:
                                fetch(eport, path)  # rendered, stored, written as a file
                                result = load(eport, path, seconds, args.concurrency)
                                load_rows[path].setdefault("edge", []).append(result["rps"])
                        finally:
                            stop(front)
                finally:
                    stop(server)
            nginx, nport = start_nginx(docroot, tmp)
            try:
                for path in paths:
                    result = load(nport, "/" + load_rows[path]["nginx_file"], seconds, args.concurrency)
                    load_rows[path].setdefault("nginx", []).append(result["rps"])
            finally:
                stop(nginx)
        shutil.rmtree(tmp, ignore_errors=True)
        trivial = statistics.median(load_rows["/__bench/trivial"]["uncached"])
        print(
            f"{'path':<34}{'uncached':>10}{'cached':>10}{'nginx+cache':>12}{'nginx front':>12}{'nginx file':>11}"
            f"{'cached/nginx':>14}{'nginx+cache/nginx':>19}{'front/nginx':>13}{'uncached/trivial':>18}"
        )
        print(f"{'trivial Django view':<34}{trivial:>10.0f}")
        figures["load"] = {}
        for path in paths:
            row = load_rows[path]
            u, c, x, e, n = (
                statistics.median(row[k]) for k in ("uncached", "cached", "proxy", "edge", "nginx")
            )
            figures["load"][path] = {
                "uncached": u,
                "cached": c,
                "nginx_proxy_cache": x,
                "nginx_front_edge": e,
                "nginx": n,
                "trivial": trivial,
            }
            ratio_n = f"{c / n:.0%}" if n else "-"
            ratio_x = f"{x / n:.0%}" if n else "-"
            ratio_e = f"{e / n:.0%}" if n else "-"
            ratio_t = f"{u / trivial:.0%}" if trivial else "-"
            print(
                f"{path[:33]:<34}{u:>10.0f}{c:>10.0f}{x:>12.0f}{e:>12.0f}{n:>11.0f}{ratio_n:>14}{ratio_x:>19}"
                f"{ratio_e:>13}{ratio_t:>18}"
            )
        print("\nSame bytes, same run (req/s; target: cached page via nginx front ≥ 50 % of nginx static):")
        for path in paths:
            row = figures["load"][path]
            front = row["nginx_front_edge"] / row["nginx"] if row["nginx"] else 0
            print(f"  {path}")
            print(f"    {'Django trivial view (gunicorn)':<40}{trivial:>10.0f}")
            print(f"    {'nginx static same bytes':<40}{row['nginx']:>10.0f}")
            print(
                f"    {'cached page via nginx front':<40}{row['nginx_front_edge']:>10.0f}   {front:.0%} of nginx"
            )
        print(
            "target: cached ≥ 50 % of nginx for the same bytes (nginx+cache: nginx in front of gunicorn, proxy_cache "
            "honouring s-maxage=1 from the page cache; nginx front: the deployment's nginx answering cached pages "
            "from the page cache's files, ADR 0052 — pages that are not HTML or not cacheable go to gunicorn)"
        )
    finally:
        figures["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        print("load while measured:", figures["uptime_before"], "→", figures["uptime_after"])
        if args.json:
            Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1))
        if not args.var:
            shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
