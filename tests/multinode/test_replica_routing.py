"""Issue 19 item 5: a real primary, a real streaming replica, pgbouncer, Redis and gunicorn nodes.

Built by deploy/cluster.py (initdb, pg_basebackup -R) next to the PostgreSQL test database, whose
migrated schema is copied into the fresh primary. With the replica's replay paused, a citizen who has
just written a message reads it back (the read goes to the primary) while a stranger's read of the
same page goes to the replica and does not find it yet; a node whose lag limit is exceeded reads from
the primary; with the replica stopped every read falls back to the primary.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deploy.cluster import Cluster  # noqa: E402

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres")
    or not shutil.which("pg_dump")
    or not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")),
    reason="the replica test runs in the PostgreSQL pass (it copies that pass's test database)",
)


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def cluster(db, django_db_blocker, tmp_path_factory):
    from django.db import connection

    source = connection.settings_dict
    source_url = f"postgres://{source['USER'] or 'postgres'}@{source['HOST'] or '127.0.0.1'}:{source['PORT'] or 5432}/{source['NAME']}"
    base = Path("/tmp") / f"gongkai-replica-test-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    work = tmp_path_factory.mktemp("node")
    c = Cluster(
        base=base,
        offset=1000 + os.getpid() % 400,
        quiet=True,
        settings_module="tests.multiworker.settings",
        extra_env={
            "GONGKAI_VAR_DIR": str(work / "var"),
            "GONGKAI_SEARCH_DIR": str(work / "search"),
            "GONGKAI_REPLICA_CHECK_SECONDS": "0.2",
        },
    )
    base.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    base.chmod(0o777)
    try:
        c.start_primary()
        with django_db_blocker.unblock():
            c.load_schema_from(source_url)
        env = {**c._env(), "DATABASE_URL": c.primary_url}
        env.pop("DATABASE_REPLICA_URL")
        env.pop("GONGKAI_PGBOUNCER")
        subprocess.run([sys.executable, "tests/multiworker/setup_data.py"], env=env, cwd=ROOT, check=True)
        c.start_replica()
        c.start_pgbouncer()
        c.start_redis()
        yield c
    finally:
        c.destroy()


def _wait_replayed(c: Cluster) -> None:
    for _ in range(100):
        if (
            c._psql(c.replica_port, "SELECT pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()", c.database)
            == "t"
        ):
            return
        time.sleep(0.1)  # waiting for the replica process to replay, not for the clock


def test_own_writes_are_read_from_the_primary_public_reads_from_the_replica(cluster):
    c = cluster
    c.start_node(1, GONGKAI_REPLICA_MAX_LAG_SECONDS="3600")  # a paused replica still counts as usable
    c.start_node(2, GONGKAI_REPLICA_MAX_LAG_SECONDS="1")  # this node gives up on a lagging replica
    node1, node2 = f"http://127.0.0.1:{c.node_port(1)}", f"http://127.0.0.1:{c.node_port(2)}"
    # One committed transaction replayed since the replica started, so its lag can be measured (a
    # replica that has replayed none and has WAL pending counts as lagging without limit).
    c._psql(c.primary_port, "SELECT txid_current()", c.database)
    _wait_replayed(c)
    assert requests.get(f"{node1}/healthz", timeout=10).json()["replica"]["usable"] is True

    c.pause_replay()
    citizen = requests.Session()
    form = citizen.get(f"{node1}/hdjl/ly/write/", timeout=10)
    assert form.status_code == 200
    written = citizen.post(
        f"{node1}/hdjl/ly/write/",
        data={
            "csrfmiddlewaretoken": _csrf(form.text),
            "category": "consultation",
            "subject": "副本延迟时也能看到自己的留言",
            "body": "请问统计公报的发布时间？",
            "wants_publication": "",
            "website": "",
        },
        headers={"Referer": f"{node1}/hdjl/ly/write/"},
        allow_redirects=False,
        timeout=10,
    )
    assert written.status_code == 302, written.text[:800]
    assert "gk_rw" in written.cookies
    track = written.headers["Location"]
    own = citizen.get(f"{node1}{track}", timeout=10)
    assert own.status_code == 200 and "副本延迟时也能看到自己的留言" in own.text

    stranger = requests.Session()
    assert stranger.get(f"{node1}{track}", timeout=10).status_code == 404  # the replica has not replayed it

    time.sleep(1.5)  # let the replica's lag pass node 2's one-second limit (a real replica, a real clock)
    lagging = stranger.get(f"{node2}{track}", timeout=10)
    assert lagging.status_code == 200, "a replica beyond the lag limit is not read"

    c.resume_replay()
    _wait_replayed(c)
    assert stranger.get(f"{node1}{track}", timeout=10).status_code == 200  # replayed: now on the replica too

    c.stop_replica()
    for path in ("/", track, "/hdjl/ly/"):
        response = stranger.get(f"{node1}{path}", timeout=10)
        assert response.status_code == 200, (path, response.status_code)
    assert requests.get(f"{node1}/healthz", timeout=10).json()["replica"]["usable"] is False
