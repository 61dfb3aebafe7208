"""The test run's shared databases (root conftest.py, ADR 0048 and 0058): the migrated empty test
database and the demo, each made once per run by the first pytest-xdist worker that needs it, under a file
lock in the run's shared temporary directory, and copied by every worker."""

import fcntl
import gc
import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

XDIST_SUFFIX = re.compile(r"_gw\d+$")


def shared_demo_name(test_database: str) -> str:
    return XDIST_SUFFIX.sub("", test_database) + "_demo_shared"


def forget_content_types() -> None:
    """The process's content-type cache (model ↔ id) belongs to the database it was read from. The demo
    was loaded by whichever worker got there first, whose content types may have other ids than this
    process's: a transactional test's flush makes them again, with new ids. A stale cache makes a
    publication workflow (a generic relation) point at another model, or at no row at all."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


class DemoDatabase:
    def __init__(self, shared_dir: Path):
        self.shared_dir = shared_dir  # the same directory for every worker of this run
        self.search_dir = shared_dir / "demo-search"  # Tantivy's files (empty on PostgreSQL search)
        self.search_dir.mkdir(exist_ok=True)
        self.data: dict = {}
        self._empty = self._snapshot = None  # SQLite
        self._name = self._demo_name = None  # PostgreSQL

    # the connection's database name is shared with the live server's threads (one settings dict)
    def _use(self, name: str) -> None:
        from django.db import connection

        connection.close()
        connection.settings_dict["NAME"] = name

    def _admin(self, sql: str) -> None:
        from django.db import connection

        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    def _disconnect(self, name: str) -> None:
        """Ends the other sessions on `name` (a live server's thread keeps one): a database can only be
        copied when no one is connected to it, and the thread reconnects (health check) to the new name."""
        self._admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")

    def build(self) -> None:
        """Puts the demo in place for this process: loads it if no process of the run has, else takes
        the one another process loaded."""
        from django.db import connection

        marker = self.shared_dir / "demo.json"
        with open(self.shared_dir / "demo.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if connection.vendor == "sqlite":
                connection.ensure_connection()
                self._empty = sqlite3.connect(":memory:", check_same_thread=False)
                connection.connection.backup(self._empty)
            else:
                self._name = connection.settings_dict["NAME"]
                self._demo_name = f"{self._name}_demo"
            if not marker.exists():
                self._load()
                marker.write_text(json.dumps(self.data))
            self.data = json.loads(marker.read_text())
            self._take()

    def _load(self) -> None:
        from django.conf import settings
        from django.db import connection

        from gongkai.demo.loader import load_demo
        from gongkai.search import interface

        if connection.vendor != "sqlite":
            shared = shared_demo_name(self._name)
            self._use(self._name)
            self._disconnect(self._name)
            self._admin(f'DROP DATABASE IF EXISTS "{shared}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{shared}" TEMPLATE "{self._name}"')
            self._use(shared)
        previous = settings.GONGKAI_SEARCH_DIR
        settings.GONGKAI_SEARCH_DIR = str(self.search_dir)
        interface.reset_backends()
        try:
            data = load_demo()
        finally:
            settings.GONGKAI_SEARCH_DIR = previous
            interface.reset_backends()
        self.data = {
            "agency": data["agency"].pk,
            "users": {name: user.pk for name, user in data["users"].items()},
            "logins": data["logins"],
        }
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.shared_dir / "demo.sqlite3") as target:
                connection.connection.backup(target)
            self._empty.backup(connection.connection)
        else:
            self._use(self._name)
            self._disconnect(shared)

    def _take(self) -> None:
        """This process's own copy of the run's demo (under the lock: a template must be unused)."""
        if self._empty is not None:
            with sqlite3.connect(self.shared_dir / "demo.sqlite3") as source:
                self._snapshot = sqlite3.connect(":memory:", check_same_thread=False)
                source.backup(self._snapshot)
            return
        self._admin(f'DROP DATABASE IF EXISTS "{self._demo_name}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{self._demo_name}" TEMPLATE "{shared_demo_name(self._name)}"')

    def enter(self, throwaway: bool) -> None:
        from django.db import connection

        from gongkai.core import pagecache

        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self._snapshot.backup(connection.connection)
        elif throwaway:
            self._use(f"{self._demo_name}_run")
            self._disconnect(self._demo_name)
            self._admin(f'DROP DATABASE IF EXISTS "{self._demo_name}_run" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self._demo_name}_run" TEMPLATE "{self._demo_name}"')
            self._disconnect(self._name)
        else:
            self._use(self._demo_name)
        pagecache.bump()
        forget_content_types()

    def leave(self, throwaway: bool) -> None:
        from django.db import connection

        if connection.in_atomic_block:
            # The backup would be refused ("destination database is in use"), the flush below rolled back with
            # the test's transaction, and the demo's rows met by the next test of this process.
            raise RuntimeError("the demo is put away inside the test's transaction: `db` must end first")
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            try:
                self._empty.backup(connection.connection)
            except sqlite3.OperationalError:
                # A statement of the test's still open (an unexhausted cursor) makes SQLite refuse the
                # backup ("destination database is in use"); collecting the test's cursors finalises them.
                # (Only then: a full collection of the run's heap takes a second or more per test.)
                gc.collect()
                try:
                    self._empty.backup(connection.connection)
                except sqlite3.OperationalError:  # still in use: empty it as a transactional test does
                    from django.core.management import call_command

                    call_command("flush", interactive=False, verbosity=0)
        else:
            self._use(self._name)
            if throwaway:
                self._admin(f'DROP DATABASE IF EXISTS "{self._demo_name}_run" WITH (FORCE)')
        forget_content_types()
        self.check_empty()

    @staticmethod
    def check_empty() -> None:
        """The empty test database is back: no agency is left (every record hangs from one). A test that
        left the demo's rows behind fails here, and the rows go, rather than meet the next test of this
        process (`agency`'s 福州市统计局 would be the demo's, and its site settings a duplicate)."""
        from django.core.management import call_command

        from gongkai.core.models import Agency

        left = list(Agency.objects.values_list("code", flat=True)[:3])
        if left:
            call_command("flush", interactive=False, verbosity=0)
            raise RuntimeError(f"the demo's rows were left in the empty test database (agencies {left})")

    def drop(self) -> None:
        if self._demo_name:
            self._use(self._name)
            self._admin(f'DROP DATABASE IF EXISTS "{self._demo_name}" WITH (FORCE)')

    def objects(self) -> dict:
        from gongkai.accounts.models import User
        from gongkai.core.models import Agency

        users = User.objects.in_bulk(self.data["users"].values())
        return {
            "agency": Agency.objects.get(pk=self.data["agency"]),
            "users": {name: users[pk] for name, pk in self.data["users"].items()},
            "logins": list(self.data["logins"]),
        }


def migrated_name(test_database: str) -> str:
    return XDIST_SUFFIX.sub("", test_database) + "_migrated_shared"


def migrate_once(shared_dir: Path, call_command):
    """`call_command` whose "migrate" runs once per run: the first process migrates its empty test database
    under a file lock and leaves it (a SQLite file written with the backup API; on PostgreSQL a database
    `<test database without _gwN>_migrated_shared`); every other process copies it instead of migrating
    (~25 s of CPU each: rendering the migration states of some 90 migrations)."""

    def command(name, *args, **options):
        if name != "migrate":
            return call_command(name, *args, **options)
        from django.db import connections

        connection = connections[options.get("database", "default")]
        marker = shared_dir / "migrated.done"
        with open(shared_dir / "migrated.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if connection.vendor == "sqlite":
                copy = shared_dir / "migrated.sqlite3"
                connection.ensure_connection()
                if marker.exists():
                    with closing(sqlite3.connect(copy)) as source:
                        source.backup(connection.connection)
                    return None
                result = call_command(name, *args, **options)
                with closing(sqlite3.connect(copy)) as target:
                    connection.connection.backup(target)
            else:
                own, shared = (
                    connection.settings_dict["NAME"],
                    migrated_name(connection.settings_dict["NAME"]),
                )
                if marker.exists():
                    connection.close()
                    with connection._nodb_cursor() as cursor:
                        cursor.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')
                        cursor.execute(f'CREATE DATABASE "{own}" TEMPLATE "{shared}"')
                    return None
                result = call_command(name, *args, **options)
                connection.close()
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{shared}" WITH (FORCE)')
                    cursor.execute(f'CREATE DATABASE "{shared}" TEMPLATE "{own}"')
            marker.touch()
            return result

    return command
