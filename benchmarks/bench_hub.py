"""Hub benchmark: time from signing in to an interactive course home, against JupyterLab's own time to
load for the same learner, on the same hub, in the same run (goal ≤ 1.5×).

A real JupyterHub on loopback with the course's configuration, started as the hub tests start it
(tests/hubkit.py: the course exchange as the hub's service); one module released and fetched, so the home lists it with progress, Hand in and feedback. The learner's
server is started first: what is timed is the sign-in itself, from pressing Enter on the login form
until the page can be used, in a fresh browser context each time, home and JupyterLab alternating.

- course home: the hub's default landing page; shown when Voilà has finished and the list is drawn
  from the learner's folder; usable when the kernel has also answered the list's first request (the
  exchange listed, new feedback fetched; Hand in works from then on). The goal is for "usable".
- JupyterLab: /user/<name>/lab; usable when the splash screen is gone and the file browser lists the
  learner's folder.

Run: `make bench` or `.venv/bin/python benchmarks/bench_hub.py [--repeat 5]`. Prints a table and writes
benchmarks/results/hub.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coursekit.build import build  # noqa: E402
from coursekit.content import module  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.hubkit import CHP, INSTRUCTOR, LEARNERS_GROUP, SERVER_SCOPES, running_hub  # noqa: E402

A = "anna"

GOAL = 1.5
HOME_SHOWN = """() => {
    const list = document.querySelector(".backa-handin");
    const loading = document.querySelector('#loading');
    return !!list && (!loading || getComputedStyle(loading).display === 'none');
}"""
HOME_READY = """() => {
    const ready = document.querySelector(".backa-handin[data-ready='1']");
    const loading = document.querySelector('#loading');
    return !!ready && (!loading || getComputedStyle(loading).display === 'none');
}"""
LAB_READY = """() => !document.querySelector('#jupyterlab-splash') &&
    !!document.querySelector('.jp-FileBrowser .jp-DirListing-item')"""


def sign_in_and_wait(browser, base: str, user: str, next_url: str | None, *ready: str) -> list[float]:
    """Seconds from pressing Enter on the login form until each condition in `ready` holds, in order."""
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/hub/login" + (f"?next={next_url}" if next_url else ""))
        page.get_by_label("Username:").fill(user)
        page.get_by_label("Password:").fill("any password")
        t0 = time.perf_counter()
        page.keyboard.press("Enter")
        marks = []
        for condition in ready:
            page.wait_for_function(condition, timeout=180_000, polling=50)
            marks.append(time.perf_counter() - t0)
        return marks
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not CHP.exists():
        print("configurable-http-proxy is missing; `make test` installs it with npm", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    m = module("stance")
    work = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    course = build(work / "course", only=[m.id])
    times: dict[str, list[float]] = {"home": [], "home_shown": [], "lab": []}
    try:
        (work / "hub").mkdir()
        with running_hub(work / "hub") as hub:
            hub.add_user(A, LEARNERS_GROUP)
            hub.nbgrader_api(
                course, hub.token_for(INSTRUCTOR, SERVER_SCOPES), "release_assignment", m.assignment
            )
            hub.start_servers([A])
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                # The learner fetches the module once, as they would on their first visit.
                page = browser.new_page()
                page.goto(f"{hub.base}/hub/login")
                page.get_by_label("Username:").fill(A)
                page.get_by_label("Password:").fill("any password")
                page.keyboard.press("Enter")
                page.wait_for_function(HOME_READY, timeout=180_000)
                page.locator("a.backa-module-link").first.click()
                page.locator("textarea.backa-refl-text").wait_for(timeout=180_000)
                page.close()
                lab = f"/user/{A}/lab"
                for i in range(args.repeat + 1):
                    shown, ready = sign_in_and_wait(browser, hub.base, A, None, HOME_SHOWN, HOME_READY)
                    (lab_ready,) = sign_in_and_wait(browser, hub.base, A, lab, LAB_READY)
                    if i:  # the first round warms caches for both
                        times["home_shown"].append(shown)
                        times["home"].append(ready)
                        times["lab"].append(lab_ready)
                browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    home_s, lab_s = statistics.median(times["home"]), statistics.median(times["lab"])
    shown_s = statistics.median(times["home_shown"])
    result = {
        "home_s": home_s,
        "home_shown_s": shown_s,
        "baseline_s": lab_s,
        "ratio": home_s / lab_s,
        "shown_ratio": shown_s / lab_s,
        "runs": times,
    }
    verdict = "meets goal" if result["ratio"] <= GOAL else "ABOVE GOAL"
    print(f"\nHub benchmark, module {m.assignment}, {args.repeat} repeats (medians)")
    print(f"{'sign-in until':<32}{'home':>9}{'JupyterLab':>12}{'ratio':>8}{'goal':>8}  verdict")
    print(f"{'shown (from the folder)':<32}{shown_s:>8.2f}s{lab_s:>11.2f}s{result['shown_ratio']:>7.2f}×")
    print(
        f"{'usable (exchange answered)':<32}{home_s:>8.2f}s{lab_s:>11.2f}s{result['ratio']:>7.2f}×"
        f"{GOAL:>7.1f}×  {verdict}"
    )
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "hub.json").write_text(
        json.dumps({"module": m.assignment, "result": result, "goal": GOAL}, indent=2)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
