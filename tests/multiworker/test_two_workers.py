"""Issue 12 item 1: state shared across requests lives where every worker process sees it.

`make run` serves with two gunicorn workers (scripts/run.sh), so this test does the same: it starts
gunicorn with `--workers 2 --preload` on a throw-away database (SQLite file, or a PostgreSQL database
next to the test one when DATABASE_URL points at PostgreSQL), signs in, and goes data-upload preview →
confirm until a confirm is served by a different worker process than its preview. With a per-process
cache that confirm answered "上传已过期"; with the shared cache it writes the new version.
"""

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ATTEMPTS = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_database(tmp_path) -> tuple[str, callable]:
    """A copy of this process's migrated, empty test database for the server (migrating one anew took
    ~25 s of CPU): a SQLite file written with the backup API, or a PostgreSQL database made from it as a
    template, next to the test one."""
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        path = tmp_path / "gongkai.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}", lambda: None
    parts = urlsplit(url)
    test_database = connection.settings_dict["NAME"]
    name = test_database + "_workers"

    def run(sql):
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    connection.close()  # a template must have no sessions
    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}" TEMPLATE "{test_database}"')
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )


@pytest.fixture
def two_workers(tmp_path, transactional_db):
    database_url, drop = _server_database(tmp_path)
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.multiworker.settings",
        "DATABASE_URL": database_url,
        "GONGKAI_VAR_DIR": str(tmp_path / "var"),
        "GONGKAI_SEARCH_DIR": str(tmp_path / "search"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)  # the embedded default: the database cache
    subprocess.run([sys.executable, "tests/multiworker/setup_data.py"], env=env, cwd=ROOT, check=True)
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "tests.multiworker.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--preload",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                requests.get(f"{base}/healthz", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.1)  # waiting for a subprocess to listen, not for the clock
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        drop()
        shutil.rmtree(tmp_path / "var", ignore_errors=True)


def _fresh(session: requests.Session) -> requests.Session:
    """A new connection per request, so the kernel may hand it to either worker."""
    session.headers["Connection"] = "close"
    return session


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_upload_preview_and_confirm_across_two_worker_processes(two_workers):
    base = two_workers
    session = _fresh(requests.Session())
    login = session.get(f"{base}/office/login/")
    response = session.post(
        f"{base}/office/login/",
        data={
            "username": "gongkaiban",
            "password": "Secret-pass-2026",
            "csrfmiddlewaretoken": _csrf(login.text),
        },
        headers={"Referer": f"{base}/office/login/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    url = f"{base}/office/data/datasets/test-income/upload/"
    workers, crossed = set(), 0
    for attempt in range(ATTEMPTS):
        form = session.get(url)
        preview = session.post(
            url,
            data={"csrfmiddlewaretoken": _csrf(form.text)},
            files={"file": ("new.csv", f"indicator,area,period,value\nINC,350102,{2000 + attempt},1\n")},
            headers={"Referer": url},
        )
        assert preview.status_code == 200, preview.text[:500]
        upload_id = re.search(r'name="upload_id" value="([0-9a-f]+)"', preview.text).group(1)
        # On a quiet machine the kernel hands each new connection to the worker that went back to
        # accept() last — the one that served the preview — so every confirm met its own preview. A
        # connection that sends nothing, queued before the confirm, keeps the first free worker
        # reading it; the confirm goes to the other one.
        with socket.create_connection((urlsplit(base).hostname, urlsplit(base).port)) as _idle:
            confirm = session.post(
                url,
                data={"csrfmiddlewaretoken": _csrf(preview.text), "confirm": "1", "upload_id": upload_id},
                headers={"Referer": url},
                allow_redirects=False,
            )
        workers |= {preview.headers["X-Test-Worker"], confirm.headers["X-Test-Worker"]}
        assert confirm.status_code == 302, (attempt, confirm.text[:800])
        if preview.headers["X-Test-Worker"] != confirm.headers["X-Test-Worker"]:
            crossed += 1
            if crossed >= 2:
                break
    assert len(workers) == 2, "gunicorn served everything from one process"
    assert crossed >= 1, "no confirm landed on the other worker in the attempts made"
