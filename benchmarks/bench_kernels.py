"""Kernel lifecycle benchmark: the self-study server's memory after a learner's walk through the course.

Each dashboard page has its own kernel. Leaving a page must shut it down, or a learner who works
through eight modules leaves dozens of idle kernels behind (about 60 MB each).

- walk: the server and its kernels (RSS, summed over the process tree) after a scripted walk through
  all 8 modules with 2 reloads each, the last module left open, against the same figure after opening
  one module, measured in the same run and on the same server (goal ≤ 1.5×).

Run: `make bench` or `.venv/bin/python benchmarks/bench_kernels.py`.
Prints a table and writes benchmarks/results/kernels.json.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_platform import REPO, start_server  # noqa: E402

from coursekit.build import build, install_learner  # noqa: E402
from coursekit.content import catalogue  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

GOAL = 1.5
READY = ".backa-widget, .backa-reflection, .backa-home, li.backa-module"


def tree_rss_mb(pid: int) -> float:
    proc = psutil.Process(pid)
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 1e6


def settle(pid: int, base: str, token: str, open_pages: int, timeout: float = 30) -> int:
    """Wait until the shutdown requests of left pages have been served; return the kernels left."""
    import urllib.request

    req = urllib.request.Request(base + "/api/kernels", headers={"Authorization": f"token {token}"})
    deadline = time.time() + timeout
    while True:
        with urllib.request.urlopen(req, timeout=10) as resp:
            kernels = len(json.load(resp))
        if kernels <= open_pages or time.time() > deadline:
            return kernels
        time.sleep(0.5)


def main() -> int:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-kernels-"))
    modules = catalogue()
    course = build(work / "course")
    learner = work / "learner"
    install_learner(course, learner, modules)
    proc, base, token = start_server(learner)
    urls = [f"{base}/voila/render/{m.assignment}/{m.notebook_file}" for m in modules]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{base}/?token={token}")
            page.locator(READY).first.wait_for(timeout=120_000)
            page.goto(urls[0])
            page.locator(READY).first.wait_for(timeout=120_000)
            settle(proc.pid, base, token, 1)
            one_module = tree_rss_mb(proc.pid)
            for url in urls:
                page.goto(url)
                page.locator(READY).first.wait_for(timeout=120_000)
                for _ in range(2):
                    page.reload()
                    page.locator(READY).first.wait_for(timeout=120_000)
            left = settle(proc.pid, base, token, 1)
            walked = tree_rss_mb(proc.pid)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    ratio = walked / one_module
    verdict = "meets goal" if ratio <= GOAL else "ABOVE GOAL"
    print(f"\nKernel lifecycle: {len(urls)} modules, 2 reloads each ({3 * len(urls) + 2} page loads)")
    print(f"{'benchmark':<11}{'walk':>12}{'one module':>12}{'ratio':>8}{'goal':>8}  verdict")
    print(f"{'walk':<11}{walked:>10.1f}MB{one_module:>10.1f}MB{ratio:>7.2f}×{GOAL:>7.1f}×  {verdict}")
    print(f"kernels left running with one page open: {left}")
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kernels.json").write_text(
        json.dumps(
            {
                "walk_mb": walked,
                "one_module_mb": one_module,
                "ratio": ratio,
                "goal": GOAL,
                "kernels_left": left,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
