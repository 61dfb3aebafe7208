"""Serving benchmark: gunicorn on loopback, a bounded number of sequential and concurrent requests.

Starts gunicorn (2 workers, like `make run`) on a free port over a throw-away copy of the demo
database, then measures each path. Prints requests/s and latency percentiles. Loopback only.
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATHS = ["/", "/healthz", "/xxgk/", "/api/v1/openapi.json"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def hammer(port, path, count, latencies, errors):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(count):
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status >= 500:
                errors.append(response.status)
        except (OSError, http.client.HTTPException):
            errors.append("conn")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        latencies.append((time.perf_counter() - t0) * 1000)
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer requests")
    parser.add_argument("--requests", type=int, default=0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    total = args.requests or (400 if args.quick else 4000)
    var = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    env = {**os.environ, "GONGKAI_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    gk = str(BIN / "gongkai")
    for cmd in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["demo", "load"]):
        subprocess.run([gk, *cmd], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--preload",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        print(f"gunicorn, 2 workers, {args.concurrency} concurrent clients, {total} requests per path")
        print(f"{'path':<26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for path in PATHS:
            hammer(port, path, 20, [], [])  # warm up
            latencies, errors = [], []
            per = total // args.concurrency
            threads = [
                threading.Thread(target=hammer, args=(port, path, per, latencies, errors))
                for _ in range(args.concurrency)
            ]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
            print(
                f"{path:<26}{len(latencies) / elapsed:>9.0f}{statistics.median(latencies):>9.1f}"
                f"{percentile(latencies, 95):>9.1f}{percentile(latencies, 99):>9.1f}{len(errors):>8}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
