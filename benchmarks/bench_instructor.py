"""Instructor benchmarks: each figure is a ratio against a baseline measured in the same run.

- autograde: 40 submissions of one module, stock serial `nbgrader autograde` against
  `backa-course autograde --jobs N` for N = 1, 2, 3 (goal: ≥ 1.7× faster with 2 jobs on 2 cores).
- dashboard: time until the instructor's dashboard pages show their content for 100 learners × 8 modules
  (gradebook and answers files generated through nbgrader's API, not autograded) against the
  formgrader's own gradebook page and its students page on the same course, headless chromium.

Run: `make bench` or `.venv/bin/python benchmarks/bench_instructor.py [--learners 40] [--repeat 5]`.
Prints a table and writes benchmarks/results/instructor.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coursekit.build import build  # noqa: E402
from coursekit.content import catalogue  # noqa: E402
from tests.cohort import FIXTURES, ITEM_OF, cohort, learner_ids, new_course, reflection, submit  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_http  # noqa: E402

BIN = Path(sys.executable).parent
MODULE = "01-stance"
GOAL_SPEEDUP = 1.7
TOKEN = "bench-token-0123456789"


def env_with_bin() -> dict:
    return dict(os.environ, PATH=str(BIN) + os.pathsep + os.environ.get("PATH", ""))


def timed(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env_with_bin(), capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode:
        # Report it and go on: a failed submission makes the figure suspect, not the whole run useless.
        print(f"  FAILED ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed


def bench_autograde(built: Path, work: Path, learners: int, jobs: list[int]) -> dict:
    answers = {s: {MODULE: m[MODULE]} for s, m in cohort(learners + 8).items() if MODULE in m}
    answers = dict(list(sorted(answers.items()))[:learners])
    runs = {"stock": ["nbgrader", "autograde", MODULE]}
    for j in jobs:
        runs[f"jobs={j}"] = ["backa-course", "autograde", MODULE, "--jobs", str(j)]
    out: dict = {"learners": len(answers), "seconds": {}}
    for name, cmd in runs.items():
        course = new_course(built, work / f"autograde-{name}")
        submit(course, answers)
        out["seconds"][name] = timed([str(BIN / cmd[0]), *cmd[1:]], course)
        print(f"  autograde {name}: {out['seconds'][name]:.1f} s", flush=True)
    stock = out["seconds"]["stock"]
    out["speedup"] = {name: stock / s for name, s in out["seconds"].items() if name != "stock"}
    return out


def generate_gradebook(course: Path, n_learners: int, seed: int = 1) -> None:
    """100 learners × every module in the gradebook and in autograded/, as if autograded (fast to make)."""
    from nbgrader.api import Gradebook

    from grading import score

    rng = random.Random(seed)
    modules = list(catalogue())
    start = datetime(2026, 11, 1, 9, 0)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for i, student in enumerate(learner_ids(n_learners)):
            gb.update_or_create_student(student, first_name=student.capitalize(), last_name="Testsson")
            lang = "sv" if i % 3 else "en"
            for j, m in enumerate(modules):
                if rng.random() < 0.08:
                    continue  # not handed in
                if m.assignment in ITEM_OF:
                    text, _ = reflection(
                        ITEM_OF[m.assignment], lang, rng, rng.randint(0, 4), rng.random() < 0.1
                    )
                    data = {"format": 1, "lang": lang, "items": {ITEM_OF[m.assignment]: {"text": text}}}
                else:
                    q = rng.choice(["good", "partial"])
                    data = json.loads((FIXTURES / m.assignment / f"{q}.json").read_text(encoding="utf-8"))
                    data.setdefault("items", {})
                data.setdefault("exercises", {})
                folder = course / "autograded" / student / m.assignment
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "answers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
                sub = gb.add_submission(m.assignment, student, timestamp=start + timedelta(hours=i + 24 * j))
                for nb in sub.notebooks:
                    for g in nb.grades:
                        if g.name in m.items:
                            r = score(g.name, (data["items"].get(g.name) or {}).get("text", ""), data["lang"])
                            g.auto_score, g.needs_manual_grade = float(r.points), r.needs_review
                        else:
                            g.auto_score, g.needs_manual_grade = (
                                float(rng.randint(0, int(g.max_score))),
                                False,
                            )
                gb.db.commit()


def bench_dashboard(built: Path, work: Path, learners: int, repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    from coursekit.cli import instructor_command

    course = new_course(built, work / "dashboard")
    t0 = time.perf_counter()
    generate_gradebook(course, learners)
    print(f"  generated {learners} learners × {len(catalogue())} modules in {time.perf_counter() - t0:.0f} s")
    port = free_port()
    proc = subprocess.Popen(
        instructor_command(course, port, TOKEN),
        cwd=course,
        env=dict(env_with_bin(), BACKA_COURSE_DIR=str(course)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    targets = {
        # name: (path, selector showing the content is there)
        "formgrader gradebook": ("/formgrader/gradebook", "#main-table tr td a"),
        "formgrader students": ("/formgrader/manage_students", "#main-table tr td a"),
        "dashboard overview": ("/backa-instructor/", "svg.chart"),
        "dashboard queue": ("/backa-instructor/queue", "article.entry"),
        "dashboard learners": ("/backa-instructor/learners", "table.progress tbody tr"),
    }
    times: dict[str, list[float]] = {k: [] for k in targets}
    try:
        wait_http(f"{base}/api/status?token={TOKEN}", timeout=120)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}/backa-instructor/?token={TOKEN}")  # signs in (cookie)
            for i in range(repeat + 1):
                for name, (path, selector) in targets.items():
                    t0 = time.perf_counter()
                    page.goto(base + path)
                    page.locator(selector).first.wait_for(state="visible", timeout=120_000)
                    if i:  # the first round warms caches for all
                        times[name].append(time.perf_counter() - t0)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    med = {k: statistics.median(v) for k, v in times.items()}
    base_s = med["formgrader gradebook"]
    return {
        "learners": learners,
        "seconds": med,
        "ratio_vs_formgrader_gradebook": {k: v / base_s for k, v in med.items()},
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--learners", type=int, default=40, help="submissions to autograde")
    ap.add_argument("--cohort", type=int, default=100, help="learners in the generated dashboard course")
    ap.add_argument("--jobs", default="1,2,3")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", choices=["autograde", "dashboard"])
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-instructor-"))
    results: dict = {"cores": len(os.sched_getaffinity(0)), "load_before": os.getloadavg()[0]}
    try:
        built = build(work / "built")
        if args.only != "dashboard":
            results["autograde"] = bench_autograde(
                built, work, args.learners, [int(j) for j in args.jobs.split(",")]
            )
        if args.only != "autograde":
            results["dashboard"] = bench_dashboard(built, work, args.cohort, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nMachine: {results['cores']} cores, load average {results['load_before']:.1f} at start")
    if "autograde" in results:
        a = results["autograde"]
        print(f"\nAutograde of {a['learners']} submissions of {MODULE} (stock serial = baseline)")
        print(f"  {'run':<10} {'seconds':>8} {'speed-up':>9}")
        print(f"  {'stock':<10} {a['seconds']['stock']:>8.1f} {'1.00×':>9}")
        for name, x in a["speedup"].items():
            print(f"  {name:<10} {a['seconds'][name]:>8.1f} {x:>8.2f}×")
        two = a["speedup"].get("jobs=2")
        if two is not None:
            print(f"  goal ≥ {GOAL_SPEEDUP}× with 2 jobs: {'met' if two >= GOAL_SPEEDUP else 'NOT met'}")
    if "dashboard" in results:
        d = results["dashboard"]
        print(
            f"\nPage shows its content, {d['learners']} learners × {len(catalogue())} modules (formgrader gradebook = 1)"
        )
        for name, s in d["seconds"].items():
            print(f"  {name:<22} {s:>6.2f} s {d['ratio_vs_formgrader_gradebook'][name]:>6.2f}×")
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "instructor.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
