"""Platform benchmarks: each figure is a ratio against a baseline measured in the same run.

- autograde: `nbgrader autograde` of a module against an empty notebook (goal ≤ 1.2×)
- voila: time to interactive of a module dashboard against an empty notebook, headless chromium (≤ 1.5×)
- memory: kernel RSS after running a module against a bare ipykernel with ipywidgets imported (≤ 1.3×)

Run: `make bench` or `.venv/bin/python benchmarks/bench_platform.py [--module stance] [--repeat 5]`.
Prints a table and writes benchmarks/results/platform.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coursekit.build import build, install_learner, write_config  # noqa: E402
from coursekit.content import module  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_http  # noqa: E402

BIN = Path(sys.executable).parent
GOALS = {"autograde": 1.2, "voila": 1.5, "memory": 1.3}


def empty_notebook(path: Path, cells: list[str] | None = None) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in (cells or [])]
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def env_with_bin(extra: dict | None = None) -> dict:
    env = dict(os.environ, **(extra or {}))
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    return env


def bench_autograde(course: Path, m, repeat: int) -> dict:
    """Median wall time of autograding one learner's module vs an empty assignment."""
    empty_notebook(course / "source" / "empty" / "empty.ipynb")
    subprocess.run(
        [BIN / "nbgrader", "generate_assignment", "empty", "--force"],
        cwd=course,
        env=env_with_bin(),
        check=True,
        capture_output=True,
    )
    answers = REPO / "tests" / "fixtures" / "answers" / m.assignment / "good.json"
    for assignment in (m.assignment, "empty"):
        folder = course / "submitted" / "bench" / assignment
        shutil.copytree(course / "release" / assignment, folder, dirs_exist_ok=True)
        if assignment == m.assignment and answers.exists():
            shutil.copy(answers, folder / "answers.json")
    times: dict[str, list[float]] = {m.assignment: [], "empty": []}
    for _ in range(repeat):
        for assignment in ("empty", m.assignment):  # alternate so drift hits both alike
            t0 = time.perf_counter()
            subprocess.run(
                [BIN / "nbgrader", "autograde", assignment, "--force", "--student", "bench"],
                cwd=course,
                env=env_with_bin(),
                check=True,
                capture_output=True,
            )
            times[assignment].append(time.perf_counter() - t0)
    module_s, empty_s = statistics.median(times[m.assignment]), statistics.median(times["empty"])
    return {"module_s": module_s, "baseline_s": empty_s, "ratio": module_s / empty_s}


def start_server(learner: Path, extra_env: dict | None = None) -> tuple[subprocess.Popen, str, str]:
    """The self-study server as `make start` runs it, on a free port: (process, base URL, token)."""
    from coursekit.cli import new_token, serve_env, voila_command

    port, token = free_port(), new_token()
    env = env_with_bin({"BACKA_COURSE_HOME": tempfile.mkdtemp(), **(extra_env or {})})
    proc = subprocess.Popen(
        voila_command(learner, port),
        cwd=learner,
        env=serve_env(env, token),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_http(base + "/api/status", token=token)
    return proc, base, token


def bench_voila(learner: Path, m, repeat: int) -> dict:
    """Time from navigation until the page is usable: the module's widgets visible and enabled."""
    from playwright.sync_api import sync_playwright

    empty_notebook(learner / "empty.ipynb")
    proc, base, token = start_server(learner)
    times: dict[str, list[float]] = {"module": [], "empty": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            targets = {
                "empty": (f"{base}/voila/render/empty.ipynb?token={token}", "#rendered_cells"),
                "module": (
                    f"{base}/voila/render/{m.assignment}/{m.notebook_file}?token={token}",
                    "textarea.backa-refl-text, .backa-ex",
                ),
            }
            for i in range(repeat + 1):
                for name, (url, selector) in targets.items():
                    page = browser.new_page()
                    t0 = time.perf_counter()
                    page.goto(url)
                    page.locator(selector).first.wait_for(state="visible", timeout=120_000)
                    page.wait_for_function(
                        "() => !document.querySelector('#loading') || "
                        "getComputedStyle(document.querySelector('#loading')).display === 'none'",
                        timeout=120_000,
                    )
                    elapsed = time.perf_counter() - t0
                    page.close()
                    if i:  # the first round warms caches for both
                        times[name].append(elapsed)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    module_s, empty_s = statistics.median(times["module"]), statistics.median(times["empty"])
    return {"module_s": module_s, "baseline_s": empty_s, "ratio": module_s / empty_s}


def kernel_rss(cells: list[str], cwd: Path, home: Path) -> float:
    """RSS (MB) of a fresh kernel after running `cells`."""
    import psutil
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(
        kernel_name="python3", cwd=str(cwd), env=env_with_bin({"BACKA_COURSE_HOME": str(home)})
    )
    try:
        for code in cells:
            reply = kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", reply["content"]
        kc.execute_interactive("import gc; gc.collect()", timeout=60, output_hook=lambda msg: None)
        pid = km.provisioner.process.pid
        return psutil.Process(pid).memory_info().rss / 1e6
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def bench_memory(learner: Path, m, repeat: int) -> dict:
    nb = nbformat.read(learner / m.assignment / m.notebook_file, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    answers = REPO / "tests" / "fixtures" / "answers" / m.assignment / "good.json"
    if answers.exists():
        shutil.copy(answers, learner / m.assignment / "answers.json")
    home = Path(tempfile.mkdtemp())
    base, mod = [], []
    for _ in range(repeat):
        base.append(kernel_rss(["import ipywidgets"], learner, home))
        mod.append(kernel_rss(cells, learner / m.assignment, home))
    module_mb, base_mb = statistics.median(mod), statistics.median(base)
    return {"module_mb": module_mb, "baseline_mb": base_mb, "ratio": module_mb / base_mb}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--module", default="stance")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=sorted(GOALS), action="append")
    args = parser.parse_args(argv)
    m = module(args.module)
    work = Path(tempfile.mkdtemp(prefix="bench-platform-"))
    course = build(work / "course", only=[m.id])
    write_config(course)
    learner = work / "learner"
    install_learner(course, learner, [m])
    results = {}
    runs = {
        "autograde": lambda: bench_autograde(course, m, args.repeat),
        "voila": lambda: bench_voila(learner, m, args.repeat),
        "memory": lambda: bench_memory(learner, m, args.repeat),
    }
    for name, fn in runs.items():
        if args.only and name not in args.only:
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        results[name] = fn()
    print(f"\nPlatform benchmarks, module {m.assignment}, {args.repeat} repeats (medians)")
    print(f"{'benchmark':<11}{'module':>12}{'baseline':>12}{'ratio':>8}{'goal':>8}  verdict")
    for name, r in results.items():
        unit = "MB" if name == "memory" else "s"
        mv = r.get("module_s", r.get("module_mb"))
        bv = r.get("baseline_s", r.get("baseline_mb"))
        verdict = "meets goal" if r["ratio"] <= GOALS[name] else "ABOVE GOAL"
        print(
            f"{name:<11}{mv:>10.2f}{unit:>2}{bv:>10.2f}{unit:>2}{r['ratio']:>7.2f}×{GOALS[name]:>7.1f}×  {verdict}"
        )
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "platform.json").write_text(
        json.dumps({"module": m.assignment, "results": results, "goals": GOALS}, indent=2)
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
