"""`backa-course`: build the course, serve the self-study dashboards, check content files."""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

from .paths import BUILD, REPO, learner_dir

PORT = 8866
VOILA_FILES = Path(__file__).parent / "voila"


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    build(Path(args.course_dir) if args.course_dir else None, Path(args.learner) if args.learner else None)
    return 0


def voila_command(root: Path, port: int) -> list[str]:
    """Voilà as a Jupyter server extension, so that "/" can open the start page."""
    return [
        sys.executable,
        "-m",
        "jupyter",
        "server",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.open_browser=False",
        # The token comes from JUPYTER_TOKEN in the environment (see serve_env), never from the command
        # line, which every local user can read in the process list.
        "--ServerApp.password=",
        # Learners never need a terminal; without one, even a leaked token cannot open a shell.
        "--ServerApp.terminals_enabled=False",
        # Learners on a shared machine, CI and containers run as root; this serves loopback only.
        "--ServerApp.allow_root=True",
        "--ServerApp.default_url=/voila/render/index.ipynb",
        '--ServerApp.jpserver_extensions={"voila": True, "jupyterlab": False, "notebook": False, '
        '"nbgrader.server_extensions.formgrader": False, "nbgrader.server_extensions.assignment_list": False, '
        '"nbgrader.server_extensions.course_list": False, "nbgrader.server_extensions.validate_assignment": False, '
        '"jupyter_lsp": False, "jupyterlab_jupytext": False}',
    ]


def voila_env(env: dict[str, str]) -> dict[str, str]:
    """The server finds the course's Voilà template and settings in coursekit/voila.

    Run with voila_command, it serves the dashboards offline: see coursekit/voila/jupyter_server_config.py.
    """
    extra = str(VOILA_FILES)

    def prepend(var: str) -> str:
        return os.pathsep.join([extra, *[p for p in env.get(var, "").split(os.pathsep) if p]])

    return dict(env, JUPYTER_PATH=prepend("JUPYTER_PATH"), JUPYTER_CONFIG_PATH=prepend("JUPYTER_CONFIG_PATH"))


def serve_env(env: dict[str, str], token: str) -> dict[str, str]:
    """voila_env, plus the token that admits the learner (and nobody else on this machine)."""
    return dict(voila_env(env), JUPYTER_TOKEN=token)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def cmd_start(args: argparse.Namespace) -> int:
    from .build import build

    learner = Path(args.learner) if args.learner else learner_dir()
    build(BUILD / "nbgrader", learner)
    # The answers are personal data: other local users may not list or read them.
    learner.chmod(0o700)
    token = new_token()
    url = f"http://127.0.0.1:{args.port}/?token={token}"
    print(
        f"\nThe course is at {url}\n(Only this address opens it: the token in it keeps other users of this "
        f"computer out.)\nYour answers are saved in {learner}/<module>/answers.json\nStop with Ctrl+C.\n",
        flush=True,
    )
    env = serve_env(dict(os.environ, BACKA_LEARNER_DIR=str(learner)), token)
    return subprocess.call(voila_command(learner, args.port), env=env, cwd=learner)


def lab_command(root: Path, port: int, *extra: str) -> list[str]:
    """JupyterLab on the learner's workspace, on loopback (JupyterLab's own token login stays on)."""
    return [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1",
        # As for the dashboards: containers and CI run as root; this serves loopback only.
        "--ServerApp.allow_root=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *extra,
    ]


def lab_env(env: dict[str, str]) -> dict[str, str]:
    """As a learner on the hub: the learner's JupyterLab configuration, then the Voilà settings.

    See coursekit/labview.py: course notebooks without code, in the learner's language, and only
    the learners' parts of nbgrader.
    """
    from .labview import LEARNER_CONFIG

    env = voila_env(env)
    return dict(env, JUPYTER_CONFIG_PATH=os.pathsep.join([str(LEARNER_CONFIG), env["JUPYTER_CONFIG_PATH"]]))


def cmd_lab(args: argparse.Namespace) -> int:
    from .build import build

    learner = Path(args.learner) if args.learner else learner_dir()
    build(BUILD / "nbgrader", learner)
    print(f"\nJupyterLab opens on {learner}; your answers are saved beside each module.\n", flush=True)
    env = lab_env(dict(os.environ, BACKA_LEARNER_DIR=str(learner)))
    return subprocess.call(lab_command(learner, args.port), env=env, cwd=learner)


def add_lab_parser(sub) -> None:
    lab = sub.add_parser("lab", help="build the learner's workspace and open it in JupyterLab, as a learner")
    lab.add_argument("--port", type=port_number, default=8888, help="1-65535 (default 8888)")
    lab.add_argument("--learner", help=f"the learner's workspace (default {REPO / 'learner'})")
    lab.set_defaults(func=cmd_lab)


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import check_all

    problems = check_all()
    for p in problems:
        print(f"- {p}")
    print("All course files are fine." if not problems else f"{len(problems)} problem(s) found.")
    return 1 if problems else 0


class _Parser(argparse.ArgumentParser):
    """Bad arguments give one line (exit status 2), not the usage text or a traceback. Subcommands
    added with `sub.add_parser` use this class too."""

    def error(self, message: str) -> NoReturn:
        prog = self.prog.split()[0]
        self.exit(2, f"{self.prog}: {message} (see {prog} --help)\n")


def port_number(value: str) -> int:
    """A TCP port the server can listen on (1-65535); anything else is refused, not replaced."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (use 1-65535)")
    return port


def folder_path(value: str) -> str:
    """A folder that exists or can be created (not a file)."""
    if Path(value).exists() and not Path(value).is_dir():
        raise argparse.ArgumentTypeError(f"{value} is a file, not a folder")
    return value


def _run(args: argparse.Namespace) -> int:
    """Run a subcommand; expected failures are one line on stderr, never a traceback."""
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"backa-course: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except Exception as exc:  # BACKA_DEBUG=1 shows the traceback
        if os.environ.get("BACKA_DEBUG"):
            raise
        print(f"backa-course: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def cmd_trainer_guide(args: argparse.Namespace) -> int:
    from .trainer_guide import write

    out = Path(args.out) if args.out else Path.cwd()
    if out.suffix.lower() in (".html", ".htm"):
        out.parent.mkdir(parents=True, exist_ok=True)
        path = write(out.parent, args.lang)
        path = path.replace(out)
    else:
        out.mkdir(parents=True, exist_ok=True)
        path = write(out, args.lang)
    print(f"The trainer guide is in {path}. Open it in a browser and print it (Ctrl+P).")
    return 0


def cmd_autograde(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Autograde every submission of one module in parallel (nbgrader's own autograde per learner)."""
    from .content import catalogue
    from .parallel_autograde import AutogradeError, autograde

    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    # "stance" and "01-stance" both name the module.
    assignment = next((m.assignment for m in catalogue() if m.id == args.module), args.module)
    try:
        report = autograde(
            Path(args.course_dir or "."), assignment, jobs=args.jobs, force=args.force, students=args.student
        )
    except AutogradeError as e:
        parser.error(str(e))
    for out in report.failed:
        print(f"\n--- nbgrader's log for {out.student} ---\n{out.log.strip()}", file=sys.stderr)
    print(report.summary(), flush=True)
    return 1 if report.failed else 0


def add_autograde(sub) -> None:
    a = sub.add_parser(
        "autograde",
        help="autograde all submissions of a module in parallel (same results as `nbgrader autograde`)",
    )
    a.add_argument("module", help="the module: its nbgrader assignment (01-stance) or its id (stance)")
    a.add_argument("--jobs", "-j", type=int, help="worker processes (default: the number of CPU cores)")
    a.add_argument("--course-dir", help="the nbgrader course folder (default: the current folder)")
    a.add_argument("--student", default="*", help="only these learners (a glob, as in nbgrader)")
    a.add_argument("--force", "-f", action="store_true", help="grade again submissions already autograded")
    a.set_defaults(func=lambda args: cmd_autograde(args, a))


INSTRUCTOR_PORT = 8870


def instructor_command(course_dir: Path, port: int, token: str) -> list[str]:
    """A Jupyter server on loopback with the dashboard and nbgrader's formgrader, rooted in the course folder."""
    return [
        sys.executable,
        "-m",
        "jupyter",
        "server",
        f"--ServerApp.root_dir={course_dir}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.open_browser=False",
        f"--IdentityProvider.token={token}",
        "--ServerApp.allow_root=True",
        "--ServerApp.default_url=/backa-instructor/",
        '--ServerApp.jpserver_extensions={"coursekit.instructor": True, '
        '"nbgrader.server_extensions.formgrader": True, "voila": False, "jupyterlab": True}',
    ]


def cmd_instructor(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Serve the instructor's dashboard for a course folder (or write its per-criterion CSV)."""
    import secrets

    course_dir = Path(args.course_dir or ".").resolve()
    if not (course_dir / "nbgrader_config.py").exists():
        parser.error(
            f"{course_dir} has no nbgrader_config.py; give the nbgrader course folder with --course-dir"
        )
    if args.export:
        from .instructor.cohort import open_course, read_cohort
        from .instructor.export import criteria_csv
        from .instructor.reviews import load_reviews

        course = open_course(course_dir)
        Path(args.export).write_text(
            criteria_csv(read_cohort(course), load_reviews(course)), encoding="utf-8"
        )
        print(f"Wrote {args.export}")
        return 0
    token = secrets.token_urlsafe(24)
    print(
        f"\nThe instructor's dashboard for {course_dir} is at\n"
        f"  http://127.0.0.1:{args.port}/backa-instructor/?token={token}\n"
        f"nbgrader's formgrader is at http://127.0.0.1:{args.port}/formgrader\nStop with Ctrl+C.\n",
        flush=True,
    )
    env = dict(os.environ, BACKA_COURSE_DIR=str(course_dir))
    return subprocess.call(instructor_command(course_dir, args.port, token), env=env, cwd=course_dir)


def add_instructor(sub) -> None:
    i = sub.add_parser(
        "instructor", help="the instructor's dashboard: cohort, review queue, progress, export"
    )
    i.add_argument("--course-dir", help="the nbgrader course folder (default: the current folder)")
    i.add_argument("--port", type=port_number, default=INSTRUCTOR_PORT)
    i.add_argument("--export", metavar="CSV", help="write the per-criterion CSV to this file and exit")
    i.set_defaults(func=lambda args: cmd_instructor(args, i))


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="backa-course", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate nbgrader source/ and release/ from course/notebooks")
    b.add_argument(
        "--course-dir", type=folder_path, help=f"nbgrader course folder (default {BUILD / 'nbgrader'})"
    )
    b.add_argument("--learner", type=folder_path, help="also install the learner notebooks into this folder")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("start", help="build and serve the self-study dashboards in Voilà")
    s.add_argument("--port", type=port_number, default=PORT, help=f"1-65535 (default {PORT})")
    s.add_argument(
        "--learner", type=folder_path, help=f"the learner's workspace (default {REPO / 'learner'})"
    )
    s.set_defaults(func=cmd_start)
    c = sub.add_parser("check", help="validate content, exercise and scenario files")
    c.set_defaults(func=cmd_check)
    add_lab_parser(sub)
    g = sub.add_parser("trainer-guide", help="write the printable trainer guide for group sessions")
    g.add_argument("--lang", choices=["sv", "en"], default="sv")
    g.add_argument("--out", help="a folder, or a file name ending in .html (default: this folder)")
    g.set_defaults(func=cmd_trainer_guide)
    add_autograde(sub)
    add_instructor(sub)
    args = parser.parse_args(argv)
    return _run(args)


if __name__ == "__main__":
    raise SystemExit(main())
