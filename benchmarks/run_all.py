"""Runs every benchmark script in this folder and its sub-folders, one after the other."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    quick = [] if os.environ.get("BENCH_FULL") else ["--quick"]
    scripts = sorted(
        p
        for p in HERE.glob("*.py")
        if p.name not in {"run_all.py", "__init__.py", "bench_urls.py", "bench_settings.py"}
    )
    scripts += sorted(HERE.glob("*/bench.py"))
    scripts += sorted(HERE.glob("*/evaluate.py"))  # ranking quality beside the timings (search)
    failed = 0
    for script in scripts:
        print(f"\n=== {script.relative_to(HERE.parent)}", flush=True)
        failed += subprocess.call([sys.executable, str(script), *quick]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
