"""Write-path benchmark (issue 19 item 6): public submissions at a fixed rate through gunicorn.

Target: p95 ≤ 200 ms at 80 writes/s. Starts gunicorn as `make run` does (2 workers, --preload) over a
throw-away demo (or --var), behind a pretend reverse proxy (GONGKAI_TRUSTED_PROXIES=127.0.0.1, a new
X-Forwarded-For per write: many citizens, so the per-address limits of 留言 and 意见 do not refuse
them), then sends form posts at --rate per second, open loop (a write is sent at its time whether or
not earlier ones have been answered, like citizens do), alternating 留言 (/hdjl/ly/write/) and 征求意见
comments (/hdjl/zqyj/<open>/comment/). Each post carries the CSRF cookie and token from one form
page. A write counts as done on its 302 to the writer's tracking page; anything else is an error.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import BIN, ROOT, free_port, prepare, stop, wait_port  # noqa: E402

TARGET_P95_MS = 200.0


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0.0


def get(port, path, cookie=""):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    cookies = response.getheader("Set-Cookie", "") or ""
    conn.close()
    return response.status, body, cookies


def csrf(port, path):
    status, body, cookies = get(port, path)
    cookie = re.search(r"csrftoken=([^;]+)", cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not cookie or not token:
        raise RuntimeError(f"no CSRF token on {path} ({status})")
    return f"csrftoken={cookie.group(1)}", token.group(1), body


def open_consultation(port) -> str | None:
    status, body, _ = get(port, "/hdjl/zqyj/")
    for pk in dict.fromkeys(re.findall(r'href="/hdjl/zqyj/(\d+)/"', body)):
        status, page, _ = get(port, f"/hdjl/zqyj/{pk}/")
        if f'action="/hdjl/zqyj/{pk}/comment/"' in page:
            return pk
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rate", type=float, default=80.0, help="writes per second")
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--var", help="demo folder to reuse (made if empty)")
    parser.add_argument("--threads", type=int, default=64, help="client threads (open loop)")
    args = parser.parse_args()
    seconds = args.seconds or (8 if args.quick else 30)
    var = Path(args.var) if args.var else Path(tempfile.mkdtemp(prefix="gongkai-writes-"))
    var.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
    }
    uptime_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    server = None
    try:
        prepare(var, env)
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
             "2", "--preload", "--limit-request-line", "0", "--access-logfile", "-", "--error-logfile", "-",
             "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        wait_port(port)
        cookie, token, _ = csrf(port, "/hdjl/ly/write/")
        consultation = open_consultation(port)
        kinds = [("留言", "/hdjl/ly/write/")]
        if consultation:
            kinds.append(("征求意见", f"/hdjl/zqyj/{consultation}/comment/"))
        total = int(args.rate * seconds)
        latencies: dict[str, list[float]] = {k: [] for k, _ in kinds}
        errors: dict[str, list] = {k: [] for k, _ in kinds}
        lock = threading.Lock()
        start = time.perf_counter() + 0.5
        run_id = int(time.time())

        def body_for(kind, n):
            text = f"关于第{n}号事项（{run_id}）的具体意见：建议公开办理进度，方便群众查询。编号{n}-{run_id}"
            if kind == "留言":
                return {"category": "consultation", "subject": f"办理进度查询 {n}", "body": text,
                        "name": "", "contact": "", "website": ""}  # fmt: skip
            return {"article": "", "body": text, "name": "", "contact": "", "website": ""}

        def worker(offset):
            for n in range(offset, total, args.threads):
                kind, path = kinds[n % len(kinds)]
                due = start + n / args.rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                form = {**body_for(kind, n), "csrfmiddlewaretoken": token}
                address = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}"
                t0 = time.perf_counter()
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    conn.request(
                        "POST",
                        path,
                        body=urlencode(form),
                        headers={
                            "Content-Type": "application/x-www-form-urlencoded",
                            "Cookie": cookie,
                            "X-Forwarded-For": address,
                            "Referer": f"http://127.0.0.1:{port}{path}",
                        },
                    )
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    status = response.status
                except OSError as exc:
                    status = str(exc)
                # From the write's due time: a write that waited for a free client counts its wait.
                elapsed = (time.perf_counter() - min(t0, due)) * 1000
                with lock:
                    if status == 302:
                        latencies[kind].append(elapsed)
                    else:
                        errors[kind].append(status)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
        t_begin = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - max(t_begin, start)
        uptime_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        done = sum(len(v) for v in latencies.values())
        print(
            f"gunicorn (2 workers, as make run), {args.rate:.0f} writes/s offered for {seconds:.0f} s, open loop"
        )
        print(f"{'kind':<10}{'done':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
        every = [x for v in latencies.values() for x in v]
        for kind, values in [*latencies.items(), ("all", every)]:
            errs = errors.get(kind, [e for v in errors.values() for e in v])
            if not values:
                print(f"{kind:<10}{0:>7}{len(errs):>8}")
                continue
            print(
                f"{kind:<10}{len(values):>7}{len(errs):>8}{statistics.median(values):>9.0f}"
                f"{percentile(values, 95):>9.0f}{percentile(values, 99):>9.0f}{max(values):>9.0f}"
            )
        all_errors = [e for v in errors.values() for e in v]
        if all_errors:
            print("error statuses:", sorted({str(e) for e in all_errors}))
        p95 = percentile(every, 95)
        print(
            f"achieved {done / wall:.1f} writes/s; p95 {p95:.0f} ms (target ≤ {TARGET_P95_MS:.0f} ms at 80 writes/s: "
            f"{'met' if p95 <= TARGET_P95_MS and args.rate >= 80 and not all_errors else 'not met'})"
        )
        print("load while measured:", uptime_before, "→", uptime_after)
    finally:
        if server is not None:
            stop(server)
        if not args.var:
            shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
