"""No module of the application grows past 500 lines (issue 12 item 16).

A module that reaches the limit is split along the seams it already marks: a `services.py` becomes a
package `services/` whose `__init__.py` re-exports the public names, with one submodule per step
family (see `foi_requests/services/`). Migrations and tests do not count.

Every module is within the limit since session 5 (the search backends, catalogue and publishing
services were the last ones over): keep it so, with no allow-list.
"""

from pathlib import Path

LIMIT = 500
ROOT = Path(__file__).resolve().parent.parent / "gongkai"


def _counted(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "migrations" not in parts and "tests" not in parts and not path.name.startswith("test_")


def _sizes() -> dict[str, int]:
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(ROOT.rglob("*.py"))
        if _counted(path)
    }


def test_no_module_is_over_the_limit():
    over = {name: lines for name, lines in _sizes().items() if lines > LIMIT}
    assert not over, (
        f"modules over {LIMIT} lines: {over}; split each along its seams "
        "(a package whose __init__ re-exports the public names)"
    )


def test_the_count_sees_the_tree():
    sizes = _sizes()
    assert "foi_requests/services/__init__.py" in sizes
    assert not any("/migrations/" in name or "/tests/" in name for name in sizes)
