"""A test that hangs ends the run's wait with the stacks of every thread (a pytest plugin, root conftest).

pytest-timeout (`timeout` in pyproject.toml) fails a test that takes longer with its traceback, but by
SIGALRM: a wait inside C code (a lock, a socket, SQLite's backup retrying a busy database) never returns
to Python for the signal's handler to run. faulthandler's watchdog thread does not need the main thread:
past `HANG_SECONDS` it writes every thread's stack to a file and ends the process, so pytest-xdist
reports the worker crashed "while running" that test, and the controller prints the file at the end of
the run (a worker's own stderr goes nowhere). The CI run of 2026-12-07 sat 80 minutes on one such hang
with nothing to show for it."""

import faulthandler
import os
from pathlib import Path

import pytest

HANG_SECONDS = 420  # after pytest-timeout's 300 s, which reports a hang in Python code better
FOLDER = Path(__file__).resolve().parents[1] / "test-artifacts" / "hangs"

_file = None


def _worker(config) -> str:
    return getattr(config, "workerinput", {}).get("workerid", "main")


def pytest_sessionstart(session):
    global _file
    if not hasattr(session.config, "workerinput"):  # the controller: no file of an earlier run is shown
        FOLDER.mkdir(parents=True, exist_ok=True)
        for old in FOLDER.glob("*.txt"):
            old.unlink()
    FOLDER.mkdir(parents=True, exist_ok=True)
    _file = open(FOLDER / f"{_worker(session.config)}-{os.getpid()}.txt", "w")  # noqa: SIM115 (kept open)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if _file is not None:
        _file.seek(0)
        _file.truncate()
        _file.write(f"{item.nodeid} ran longer than {HANG_SECONDS} s; every thread's stack:\n")
        _file.flush()
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=_file)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
        if _file is not None:
            _file.seek(0)
            _file.truncate()


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workerinput") or not FOLDER.exists():
        return
    for path in sorted(FOLDER.glob("*.txt")):
        text = path.read_text(errors="replace")
        if "stack" in text and "File " in text:
            terminalreporter.section(f"hung test ({path.name})", sep="=")
            terminalreporter.write(text)
