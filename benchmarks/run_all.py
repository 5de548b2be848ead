"""Run every benchmark; each prints its figures as ratios against a baseline measured in the same run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name}", flush=True)
        failed |= subprocess.call([sys.executable, str(script)])
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
