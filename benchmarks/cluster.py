"""Issue 19 item 5: throughput of the multi-node deployment with 1 and 2 app nodes, and whether it keeps
answering while an app node is killed and while the replica is stopped.

    python benchmarks/cluster.py [--quick] [--demo] [--seconds 20] [--concurrency 16] [--keep]

Brings up deploy/cluster.py (nginx → gunicorn nodes → pgbouncer → PostgreSQL primary, streaming
replica, Redis) in its own folder and ports, then drives nginx with a bounded load generator (threads
with keep-alive connections, GETs of public pages) in four phases. The load generator runs on the same
two cores as everything else: the figures compare the phases with each other, not with a data centre.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.cluster import Cluster  # noqa: E402

PAGES = ["/", "/xxgk/", "/hdjl/ly/", "/zcjd/", "/sjfb/"]


def drive(port: int, seconds: float, concurrency: int, during=None) -> dict:
    """GET the pages round-robin from `concurrency` threads for `seconds`; `during(t)` runs at t = 1/3."""
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    not_ok = [0]
    lock = threading.Lock()

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        n = i
        local, bad, other = [], 0, 0
        while time.monotonic() < stop:
            path = PAGES[n % len(PAGES)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status >= 500:
                    bad += 1
                else:
                    other += response.status != 200
                    local.append(time.perf_counter() - started)
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        with lock:
            latencies.extend(local)
            errors[0] += bad
            not_ok[0] += other

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    if during:
        time.sleep(seconds / 3)
        during()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0] * 99
    return {
        "ok": len(latencies),
        "errors": errors[0],
        "not_200": not_ok[0],
        "rps": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="short phases, no demo data")
    parser.add_argument("--demo", action="store_true", help="load the demo data (slower set-up)")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="leave the cluster running afterwards")
    args = parser.parse_args()
    seconds = args.seconds or (6 if args.quick else 20)
    missing = [tool for tool in ("nginx", "pgbouncer", "redis-server", "pg_dump") if not shutil.which(tool)]
    if missing:
        print(f"skipped: needs Debian's {', '.join(missing)} (apt-get install nginx pgbouncer redis-server)")
        return 0
    base = Path(os.environ.get("GONGKAI_CLUSTER_DIR", "/tmp/gongkai-cluster-bench"))
    cluster = Cluster(base=base, offset=int(os.environ.get("GONGKAI_CLUSTER_PORT_OFFSET", "300")))
    cluster.destroy()
    load = os.getloadavg()
    try:
        cluster.up(nodes=2, demo=args.demo and not args.quick)
        for _ in range(3):  # warm both nodes' workers and caches
            drive(cluster.nginx_port, 1, 4)
        rows = []
        cluster.start_nginx([1])
        rows.append(("1 app node", drive(cluster.nginx_port, seconds, args.concurrency), ""))
        cluster.start_nginx([1, 2])
        rows.append(("2 app nodes", drive(cluster.nginx_port, seconds, args.concurrency), ""))
        rows.append(
            (
                "2 nodes, node 2 killed at 1/3",
                drive(cluster.nginx_port, seconds, args.concurrency, during=lambda: cluster.kill_node(2)),
                "nginx retries the next node",
            )
        )
        cluster.start_node(2)
        rows.append(
            (
                "2 nodes, replica stopped at 1/3",
                drive(cluster.nginx_port, seconds, args.concurrency, during=cluster.stop_replica),
                "reads fall back to the primary",
            )
        )
        cluster.start_replica()
        print(
            f"\nCluster load test: {seconds:.0f} s per phase, {args.concurrency} connections to nginx, pages "
            f"{' '.join(PAGES)}; load before {load[0]:.2f}, after {os.getloadavg()[0]:.2f}; "
            f"{'demo data' if args.demo and not args.quick else 'empty agency (--demo for the demo)'}"
        )
        print(f"{'phase':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'5xx/err':>8}  note")
        for name, r, note in rows:
            print(f"{name:34} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['errors']:8d}  {note}")
        one, two = rows[0][1]["rps"], rows[1][1]["rps"]
        print(
            f"2 nodes / 1 node: {two / one:.2f}x (both nodes share this machine's 2 cores with the databases)"
        )
        failed = rows[2][1]["errors"] > 0 or rows[3][1]["errors"] > 0 or any(r["not_200"] for _, r, _ in rows)
        if failed:
            print(
                "FAILED: requests failed (5xx, refused, or not 200) while a node was killed or the replica stopped"
            )
        return 1 if failed else 0
    finally:
        if not args.keep:
            cluster.destroy()
        else:
            subprocess.run([sys.executable, str(ROOT / "deploy" / "cluster.py"), "status"])


if __name__ == "__main__":
    sys.exit(main())
