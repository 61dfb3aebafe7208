"""The release a process runs: one fingerprint of its code, templates and static files.

The page cache (pagecache) keeps a page under the release that rendered it and serves it to no other:
after an upgrade every page carries the new templates and the new hashed names of the static files at
once, without waiting for the next write to public content. The fingerprint hashes file contents, not
times, so the nodes of one deployment installed apart agree on it (they share one cache)."""

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings

SUFFIXES = (".py", ".html")
# Static files count through collectstatic's manifest (their hashed names), where there is one.
SKIPPED = {"__pycache__", "tests", "migrations", "data", "locale", "static"}


def _files(root: Path):
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED)
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                yield Path(folder) / name


def digest(roots: list[Path], manifest: Path | None = None) -> str:
    """The contents of the release's files under `roots` (and the static files' manifest), hashed."""
    hashed = hashlib.sha1()
    for root in roots:
        for path in _files(root):
            hashed.update(str(path.relative_to(root)).encode())
            hashed.update(path.read_bytes())
    if manifest is not None and manifest.is_file():
        hashed.update(manifest.read_bytes())
    return hashed.hexdigest()[:16]


@cache
def fingerprint() -> str:
    """This process's release, computed once (~20-40 ms: some 1,000 files, 3 MB; config/wsgi.py does it
    before gunicorn forks)."""
    import config
    import gongkai

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json" if settings.STATIC_ROOT else None
    return digest([Path(gongkai.__file__).parent, Path(config.__file__).parent], manifest)
