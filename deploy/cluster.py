#!/usr/bin/env python3
"""A multi-node Gongkai on one machine, with real processes (issue 19 item 5, ADR 0046).

    python deploy/cluster.py up [--nodes 2] [--demo] [--schema-from postgres://…/db]
    python deploy/cluster.py status
    python deploy/cluster.py kill-node 2 | start-node 2
    python deploy/cluster.py stop-replica | start-replica | pause-replay | resume-replay
    python deploy/cluster.py down

What `up` starts, each as its own process, from Debian's packages and the project's virtualenv:

    nginx :8200 ──► gunicorn node 1 :8201 ─┬─► pgbouncer :6441 ──► PostgreSQL primary :5441
                 └► gunicorn node 2 :8202 ─┤                          │ streaming replication
                                           ├─► PostgreSQL replica :5442 (public reads, ADR 0046)
                                           └─► Redis :6391 (the shared cache)
    gongkai worker (jobs, outbox) ──────────► primary

nginx answers cached public pages itself from the page cache's files under edge-pages/ (ADR 0052) and
proxies everything else. Search uses PostgreSQL full-text (one index for every node, nothing to keep in sync). The primary and
the replica are fresh clusters made with initdb and pg_basebackup under GONGKAI_CLUSTER_DIR (default
/tmp/gongkai-cluster); when run as root, PostgreSQL and pgbouncer run as the `postgres` user. Ports
shift together with GONGKAI_CLUSTER_PORT_OFFSET. Nothing here touches the machine's own PostgreSQL.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(os.environ.get("GONGKAI_VENV_BIN", ROOT / ".venv" / "bin"))


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("找不到 PostgreSQL 的 initdb（Debian 包 postgresql）")
    return Path(found[-1]).parent


@dataclass
class Cluster:
    base: Path = field(
        default_factory=lambda: Path(os.environ.get("GONGKAI_CLUSTER_DIR", "/tmp/gongkai-cluster"))
    )
    offset: int = field(default_factory=lambda: int(os.environ.get("GONGKAI_CLUSTER_PORT_OFFSET", "0")))
    database: str = "gongkai"
    quiet: bool = False
    settings_module: str = "config.settings.dev"
    extra_env: dict[str, str] = field(default_factory=dict)  # e.g. a test's lag limit or folders

    # --- ports and addresses ------------------------------------------------------------------------
    @property
    def primary_port(self) -> int:
        return 5441 + self.offset

    @property
    def replica_port(self) -> int:
        return 5442 + self.offset

    @property
    def pgbouncer_port(self) -> int:
        return 6441 + self.offset

    @property
    def redis_port(self) -> int:
        return 6391 + self.offset

    @property
    def nginx_port(self) -> int:
        return 8200 + self.offset

    def node_port(self, n: int) -> int:
        return 8200 + self.offset + n

    def url(self, port: int, db: str | None = None) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{db or self.database}"

    @property
    def primary_url(self) -> str:
        return self.url(self.primary_port)

    @property
    def replica_url(self) -> str:
        return self.url(self.replica_port)

    # --- helpers ------------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        if not self.quiet:
            print(f"== {text}", flush=True)

    def _as_postgres(self, args: list[str], **kw) -> subprocess.CompletedProcess:
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        return subprocess.run(args, check=True, capture_output=True, text=True, **kw)

    def _psql(self, port: int, sql: str, db: str = "postgres") -> str:
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", db, "-Atqc", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()

    def _wait_port(self, port: int, seconds: float = 30) -> None:
        import socket

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with socket.socket() as s:
                s.settimeout(0.5)
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        raise SystemExit(f"端口 {port} 在 {seconds:.0f} 秒内没有开始服务（日志在 {self.base}）")

    def _pid_file(self, name: str) -> Path:
        return self.base / f"{name}.pid"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE=self.settings_module,
            DATABASE_URL=self.url(self.pgbouncer_port),
            GONGKAI_PGBOUNCER="1",
            DATABASE_REPLICA_URL=self.replica_url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            GONGKAI_SEARCH_BACKEND="postgres",
            GONGKAI_TRUSTED_PROXIES="127.0.0.1",
            GONGKAI_EDGE_CACHE_DIR=str(self.base / "edge-pages"),
            PYTHONPATH=str(ROOT),
        )
        env.update(self.extra_env)
        return env

    # --- PostgreSQL primary and replica -------------------------------------------------------------
    def start_primary(self) -> None:
        data = self.base / "primary"
        if not (data / "PG_VERSION").exists():
            self.say(f"PostgreSQL primary: initdb {data}")
            self._as_postgres(
                [
                    str(_pg_bin() / "initdb"),
                    "-D",
                    str(data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-locale",
                ]
            )
            with open(data / "postgresql.conf", "a") as conf:
                conf.write(
                    f"\nport = {self.primary_port}\nlisten_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{self.base}'\nwal_level = replica\nmax_wal_senders = 5\n"
                    "hot_standby = on\ntimezone = 'UTC'\nmax_connections = 200\nshared_buffers = 128MB\n"
                )
            with open(data / "pg_hba.conf", "a") as hba:
                hba.write("host replication all 127.0.0.1/32 trust\n")
        self._pg_ctl(data, "start", self.primary_port)
        if not self._psql(self.primary_port, f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'"):
            self._psql(self.primary_port, f"CREATE DATABASE {self.database}")

    def start_replica(self) -> None:
        data = self.base / "replica"
        if not (data / "PG_VERSION").exists():
            self.say(f"PostgreSQL replica: pg_basebackup from :{self.primary_port} into {data}")
            self._as_postgres(
                [
                    str(_pg_bin() / "pg_basebackup"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.primary_port),
                    "-U",
                    "postgres",
                    "-D",
                    str(data),
                    "-R",
                    "-X",
                    "stream",
                    "-c",
                    "fast",
                ]
            )
            with open(data / "postgresql.conf", "a") as conf:
                conf.write(f"\nport = {self.replica_port}\n")
        self._pg_ctl(data, "start", self.replica_port)

    def _pg_ctl(self, data: Path, action: str, port: int) -> None:
        if action == "start":
            if (data / "postmaster.pid").exists():
                return
            self._as_postgres(
                [
                    str(_pg_bin() / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(self.base / f"{data.name}.log"),
                    "-w",
                    "start",
                ]
            )
            self._wait_port(port)
        else:
            if (data / "postmaster.pid").exists():
                self._as_postgres([str(_pg_bin() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])

    def stop_replica(self) -> None:
        self.say("stopping the replica")
        self._pg_ctl(self.base / "replica", "stop", self.replica_port)

    def pause_replay(self) -> None:
        self._psql(self.replica_port, "SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self._psql(self.replica_port, "SELECT pg_wal_replay_resume()")

    def load_schema_from(self, source_url: str) -> None:
        """Copy a migrated database (schema and rows) into the primary: faster than migrating anew."""
        self.say(f"copying {source_url.rsplit('/', 1)[-1]} into the primary")
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", "-Fc", source_url], capture_output=True
        )
        if dump.returncode:
            raise RuntimeError(f"pg_dump {source_url}: {dump.stderr.decode(errors='replace')}")
        restore = subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "-d", self.primary_url],
            input=dump.stdout,
            capture_output=True,
        )
        if restore.returncode:
            raise RuntimeError(f"pg_restore: {restore.stderr.decode(errors='replace')[:2000]}")

    # --- pgbouncer, Redis, nginx --------------------------------------------------------------------
    def start_pgbouncer(self) -> None:
        conf = self.base / "pgbouncer.ini"
        (self.base / "userlist.txt").write_text('"postgres" ""\n')
        conf.write_text(
            "[databases]\n"
            f"{self.database} = host=127.0.0.1 port={self.primary_port} dbname={self.database}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.pgbouncer_port}\nunix_socket_dir = {self.base}\n"
            f"auth_type = trust\nauth_file = {self.base / 'userlist.txt'}\npool_mode = transaction\n"
            "max_client_conn = 500\ndefault_pool_size = 20\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            f"pidfile = {self._pid_file('pgbouncer')}\nlogfile = {self.base / 'pgbouncer.log'}\n"
        )
        for path in (conf, self.base / "userlist.txt"):
            shutil.chown(path, "postgres") if os.geteuid() == 0 else None
        if not self._alive("pgbouncer"):
            self._as_postgres(["pgbouncer", "-d", str(conf)])
        self._wait_port(self.pgbouncer_port)

    def start_redis(self) -> None:
        if self._alive("redis"):
            return
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--pidfile",
                str(self._pid_file("redis")),
                "--logfile",
                str(self.base / "redis.log"),
            ],
            check=True,
        )
        self._wait_port(self.redis_port)

    @property
    def edge_dir(self) -> Path:
        """The page cache's files that nginx answers itself (ADR 0052); every process writes here."""
        return self.base / "edge-pages"

    def write_nginx(self, nodes: list[int]) -> Path:
        """nginx in front: cached public pages from `edge_dir` without calling gunicorn, the rest
        proxied to the nodes (the configuration `gongkai edge_nginx` prints)."""
        conf = self.base / "nginx.conf"
        args = ["--listen", f"127.0.0.1:{self.nginx_port}", "--work", str(self.base)]
        for n in nodes:
            args += ["--upstream", f"127.0.0.1:{self.node_port(n)}"]
        text = subprocess.run(
            [
                str(VENV_BIN / "gongkai"),
                "edge_nginx",
                *args,
                "--upstream-extra",
                "max_fails=1 fail_timeout=5s",
            ],
            check=True,
            capture_output=True,
            text=True,
            env=self._env(),
            cwd=ROOT,
        ).stdout
        conf.write_text(text)
        return conf

    def start_nginx(self, nodes: list[int]) -> None:
        conf = self.write_nginx(nodes)
        if self._alive("nginx"):
            subprocess.run(["nginx", "-c", str(conf), "-s", "reload"], check=True, capture_output=True)
            time.sleep(0.5)
        else:
            subprocess.run(["nginx", "-c", str(conf)], check=True, capture_output=True)
            self._wait_port(self.nginx_port)

    # --- Gongkai ------------------------------------------------------------------------------------
    def manage(self, *args: str, direct: bool = True) -> None:
        env = self._env()
        if direct:  # migrations and the demo loader talk to the primary itself, not through pgbouncer
            env["DATABASE_URL"] = self.primary_url
            env.pop("GONGKAI_PGBOUNCER", None)
        subprocess.run([str(VENV_BIN / "gongkai"), *args], check=True, env=env, cwd=ROOT)

    def start_node(self, n: int, workers: int = 2, **env: str) -> None:
        if self._alive(f"node{n}"):
            return
        self.say(f"gunicorn node {n} on :{self.node_port(n)}")
        subprocess.run(
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.node_port(n)}",
                "--workers",
                str(workers),
                "--preload",
                "--limit-request-line",
                "0",
                "--daemon",
                "--pid",
                str(self._pid_file(f"node{n}")),
                "--error-logfile",
                str(self.base / f"node{n}.log"),
                "--log-level",
                "warning",
            ],
            check=True,
            env={**self._env(), **env},
            cwd=ROOT,
        )
        self._wait_port(self.node_port(n))

    def kill_node(self, n: int) -> None:
        self.say(f"kill -9 node {n}")
        self._kill(f"node{n}", signal.SIGKILL, group=True)

    def start_worker(self) -> None:
        if self._alive("worker"):
            return
        env = self._env()
        env["DATABASE_URL"] = self.primary_url
        env.pop("GONGKAI_PGBOUNCER", None)
        log = open(self.base / "worker.log", "ab")  # noqa: SIM115 — the worker outlives this script
        proc = subprocess.Popen(
            [str(VENV_BIN / "gongkai"), "worker"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        self._pid_file("worker").write_text(str(proc.pid))

    # --- process bookkeeping ------------------------------------------------------------------------
    def _pid(self, name: str) -> int | None:
        try:
            return int(self._pid_file(name).read_text().split()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return None

    def _alive(self, name: str) -> bool:
        pid = self._pid(name)
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def _kill(self, name: str, sig=signal.SIGTERM, group: bool = False) -> None:
        pid = self._pid(name)
        if pid is None:
            return
        try:
            if group:  # gunicorn's master and its workers
                children = subprocess.run(
                    ["pgrep", "-P", str(pid)], capture_output=True, text=True
                ).stdout.split()
                for child in children:
                    os.kill(int(child), sig)
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        if name.startswith("node") or name == "worker":
            self._pid_file(name).unlink(missing_ok=True)

    # --- whole cluster ------------------------------------------------------------------------------
    def up(
        self, nodes: int = 2, demo: bool = False, schema_from: str | None = None, worker: bool = True
    ) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres")
        self.base.chmod(0o777)
        fresh = not (self.base / "primary" / "PG_VERSION").exists()
        self.start_primary()
        if fresh:
            if schema_from:
                self.load_schema_from(schema_from)
            else:
                self.say("migrate")
                self.manage("migrate", "--noinput", "-v0")
            if demo:
                self.say("demo load")
                self.manage("demo", "load")
        self.start_replica()
        self.start_pgbouncer()
        self.start_redis()
        subprocess.run(
            [str(VENV_BIN / "gongkai"), "collectstatic", "--noinput", "-v0"],
            check=True,
            env=self._env(),
            cwd=ROOT,
        )
        for n in range(1, nodes + 1):
            self.start_node(n)
        if worker:
            self.start_worker()
        self.start_nginx(list(range(1, nodes + 1)))
        self.say(
            f"ready: http://127.0.0.1:{self.nginx_port}/ (nodes {', '.join(str(self.node_port(n)) for n in range(1, nodes + 1))})"
        )

    def down(self) -> None:
        if self._alive("nginx"):
            subprocess.run(["nginx", "-c", str(self.base / "nginx.conf"), "-s", "stop"], capture_output=True)
        for name in sorted(p.stem for p in self.base.glob("node*.pid")):
            self._kill(name, signal.SIGTERM, group=True)
        self._kill("worker")
        self._kill("redis")
        self._kill("pgbouncer")
        for data in ("replica", "primary"):
            if (self.base / data).exists():
                try:
                    self._pg_ctl(self.base / data, "stop", 0)
                except subprocess.CalledProcessError as exc:
                    print(exc.stderr, file=sys.stderr)

    def destroy(self) -> None:
        self.down()
        shutil.rmtree(self.base, ignore_errors=True)

    def status(self) -> dict:
        result = {}
        for name in (
            "nginx",
            "redis",
            "pgbouncer",
            "worker",
            *sorted(p.stem for p in self.base.glob("node*.pid")),
        ):
            result[name] = "up" if self._alive(name) else "down"
        for data in ("primary", "replica"):
            result[data] = "up" if (self.base / data / "postmaster.pid").exists() else "down"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.nginx_port}/healthz", timeout=3) as r:
                result["healthz"] = json.loads(r.read())
        except OSError as exc:
            result["healthz"] = str(exc)
        return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command",
        choices=[
            "up",
            "down",
            "destroy",
            "status",
            "kill-node",
            "start-node",
            "stop-replica",
            "start-replica",
            "pause-replay",
            "resume-replay",
        ],
    )
    parser.add_argument("node", nargs="?", type=int)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--demo", action="store_true", help="load the demo data into a fresh primary")
    parser.add_argument("--schema-from", help="copy this migrated PostgreSQL database instead of migrating")
    args = parser.parse_args(argv)
    cluster = Cluster()
    match args.command:
        case "up":
            cluster.up(nodes=args.nodes, demo=args.demo, schema_from=args.schema_from)
        case "down":
            cluster.down()
        case "destroy":
            cluster.destroy()
        case "status":
            print(json.dumps(cluster.status(), ensure_ascii=False, indent=2))
        case "kill-node":
            cluster.kill_node(args.node or 1)
        case "start-node":
            cluster.start_node(args.node or 1)
        case "stop-replica":
            cluster.stop_replica()
        case "start-replica":
            cluster.start_replica()
        case "pause-replay":
            cluster.pause_replay()
        case "resume-replay":
            cluster.resume_replay()


if __name__ == "__main__":
    main()
