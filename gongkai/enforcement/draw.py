"""双随机: the random draw of inspection objects and inspectors, reproducible from its recorded seed.

Each candidate is ranked by SHA-256(seed, pool name, candidate) and the lowest ranks are drawn. The
result depends only on the seed and the pools (not on the Python version or the order the pools were
typed in), so anyone holding the published seed and pools can recompute it, and a supervisor re-runs
it with `verify`.
"""

import hashlib
import secrets
from dataclasses import dataclass

SEED_BYTES = 16


@dataclass(frozen=True)
class DrawResult:
    objects: tuple[str, ...]
    inspectors: tuple[str, ...]


def new_seed() -> str:
    return secrets.token_hex(SEED_BYTES)


def _rank(seed: str, pool: str, candidate: str) -> str:
    return hashlib.sha256(f"{seed}\x1f{pool}\x1f{candidate}".encode()).hexdigest()


def _pick(seed: str, pool: str, candidates, n: int) -> tuple[str, ...]:
    unique = sorted(set(candidates))
    return tuple(sorted(unique, key=lambda c: (_rank(seed, pool, c), c))[:n])


def draw(*, seed: str, objects, inspectors, object_count: int, inspector_count: int) -> DrawResult:
    return DrawResult(
        objects=_pick(seed, "objects", objects, object_count),
        inspectors=_pick(seed, "inspectors", inspectors, inspector_count),
    )
