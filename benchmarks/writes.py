"""Write-path benchmark (issue 19 item 6): public submissions at a fixed rate through gunicorn.

Target: p95 ≤ 200 ms at 80 writes/s. Starts gunicorn as `make run` does (2 workers, --preload) over a
throw-away demo (or --var), behind a pretend reverse proxy (GONGKAI_TRUSTED_PROXIES=127.0.0.1, a new
X-Forwarded-For per write: many citizens, so the per-address limits of 留言 and 意见 do not refuse
them), then sends form posts at --rate per second, open loop (a write is sent at its time whether or
not earlier ones have been answered, like citizens do), alternating 留言 (/hdjl/ly/write/) and 征求意见
comments (/hdjl/zqyj/<open>/comment/). Each post carries the CSRF cookie and token from one form
page. A write counts as done on its 302 to the writer's tracking page; anything else is an error.

The kinds rotate: 留言 (/hdjl/ly/write/), 征求意见 comments and 依申请公开 applications (/xxgk/ysqgk/apply/).
Beside them, in the same run and at the same offered rate, **the peer**: a trivial form post
(`/__bench/post` in bench_urls.py: CSRF check, the same middleware, a 302, no database write). The
phases alternate (peer, writes) for --rounds rounds; each prints p50/p95/p99 and the achieved rate.

    .venv/bin/python benchmarks/writes.py [--quick] [--rate 80] [--seconds 20] [--rounds 2]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_writes .venv/bin/python benchmarks/writes.py --postgres
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


def postgres_url() -> str:
    """DATABASE_URL, or a database of its own made on the local server (migrated and loaded like make run)."""
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/gongkai_bench_writes"
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return url


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


FOI_FORM = {
    "applicant_type": "natural_person",
    "applicant_name": "张三",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",  # the checksum-valid example of GB 11643
    "phone": "13800000000",
    "email": "zhang@example.com",
    "address": "福州市鼓楼区某路1号",
    "postcode": "350001",
    "purpose": "",
    "delivery_form": "electronic",
    "delivery_channel": "email",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rate", type=float, default=80.0, help="writes per second")
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--var", help="demo folder to reuse (made if empty)")
    parser.add_argument("--threads", type=int, default=64, help="client threads (open loop)")
    parser.add_argument("--rounds", type=int, default=0, help="peer and write phases, alternating")
    parser.add_argument(
        "--postgres", action="store_true", help="DATABASE_URL (default postgres://…/gongkai_bench_writes)"
    )
    args = parser.parse_args()
    seconds = args.seconds or (8 if args.quick else 20)
    rounds = args.rounds or (1 if args.quick else 2)
    var = Path(args.var) if args.var else Path(tempfile.mkdtemp(prefix="gongkai-writes-"))
    var.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "bench_settings",  # make run's settings + the peer's view
        "PYTHONPATH": os.pathsep.join([str(ROOT / "benchmarks"), str(ROOT)]),
        "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
    }
    if args.postgres:
        env["DATABASE_URL"] = postgres_url()
    else:
        env.pop("DATABASE_URL", None)
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
        kinds.append(("依申请公开", "/xxgk/ysqgk/apply/"))
        run_id = int(time.time())
        sent = iter(range(10**9))  # every write its own text and address, across phases

        def body_for(kind, n):
            text = f"关于第{n}号事项（{run_id}）的具体意见：建议公开办理进度，方便群众查询。编号{n}-{run_id}"
            if kind == "留言":
                return {"category": "consultation", "subject": f"办理进度查询 {n}", "body": text,
                        "name": "", "contact": "", "website": ""}  # fmt: skip
            if kind == "依申请公开":
                return {**FOI_FORM, "description": f"2025年福州市统计公报的数据说明 {n}-{run_id}"}
            if kind == "peer":
                return {"body": text, "name": "", "website": ""}
            return {"article": "", "body": text, "name": "", "contact": "", "website": ""}

        def phase(phase_kinds):
            total = int(args.rate * seconds)
            numbers = [next(sent) for _ in range(total)]
            latencies: dict[str, list[float]] = {k: [] for k, _ in phase_kinds}
            errors: dict[str, list] = {k: [] for k, _ in phase_kinds}
            lock = threading.Lock()
            start = time.perf_counter() + 0.5

            def worker(offset):
                for i in range(offset, total, args.threads):
                    n = numbers[i]
                    kind, path = phase_kinds[i % len(phase_kinds)]
                    due = start + i / args.rate
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
            return latencies, errors, time.perf_counter() - max(t_begin, start)

        # Warm-up, not measured: each worker process builds its working-day calendar and loads the
        # modules of each form on its first write (~1 s on a loaded machine).
        saved = args.rate, seconds
        args.rate, seconds = 10, 1.2
        phase([*kinds, ("peer", "/__bench/post")])
        args.rate, seconds = saved
        print(
            f"gunicorn (2 workers, as make run, {'PostgreSQL' if args.postgres else 'SQLite'}), "
            f"{args.rate:.0f} posts/s offered for {seconds:.0f} s a phase, open loop, {rounds} round(s)"
        )
        print(f"{'phase':<7}{'kind':<12}{'done':>6}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
              f"{'max ms':>9}{'achieved/s':>11}")  # fmt: skip
        verdicts = []
        for round_no in range(1, rounds + 1):
            for label, phase_kinds in (("peer", [("peer", "/__bench/post")]), ("writes", kinds)):
                latencies, errors, wall = phase(phase_kinds)
                label = f"{label}{round_no}"
                every = [x for v in latencies.values() for x in v]
                all_errors = [e for v in errors.values() for e in v]
                rows = [*latencies.items(), ("all", every)] if len(latencies) > 1 else [*latencies.items()]
                for kind, values in rows:
                    errs = all_errors if kind == "all" else errors[kind]
                    rate = f"{len(values) / wall:>11.1f}"
                    if not values:
                        print(f"{label:<7}{kind:<12}{0:>6}{len(errs):>7}")
                        continue
                    print(
                        f"{label:<7}{kind:<12}{len(values):>6}{len(errs):>7}{statistics.median(values):>9.0f}"
                        f"{percentile(values, 95):>9.0f}{percentile(values, 99):>9.0f}{max(values):>9.0f}{rate}"
                    )
                if all_errors:
                    print("   error statuses:", sorted({str(e) for e in all_errors}))
                if label.startswith("writes"):
                    verdicts.append(percentile(every, 95) <= TARGET_P95_MS and not all_errors)
        met = all(verdicts) and args.rate >= 80
        print(
            f"writes p95 target ≤ {TARGET_P95_MS:.0f} ms at 80 writes/s: {'met' if met else 'not met'}"
            f"{'' if args.rate >= 80 else f' (offered {args.rate:.0f}/s)'} in {sum(verdicts)} of {len(verdicts)} round(s)"
        )
        uptime_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        print("load while measured:", uptime_before, "→", uptime_after)
    finally:
        if server is not None:
            stop(server)
        if not args.var:
            shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
