"""`backa-course`: build the course, serve the self-study dashboards, check content files."""

from __future__ import annotations

import argparse
import os
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
        "--IdentityProvider.token=",
        "--ServerApp.password=",
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


def cmd_start(args: argparse.Namespace) -> int:
    from .build import build

    learner = Path(args.learner) if args.learner else learner_dir()
    build(BUILD / "nbgrader", learner)
    url = f"http://127.0.0.1:{args.port}"
    print(
        f"\nThe course is at {url}\nYour answers are saved in {learner}/<module>/answers.json\n"
        "Stop with Ctrl+C.\n",
        flush=True,
    )
    env = voila_env(dict(os.environ, BACKA_LEARNER_DIR=str(learner)))
    return subprocess.call(voila_command(learner, args.port), env=env, cwd=learner)


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
    args = parser.parse_args(argv)
    return _run(args)


if __name__ == "__main__":
    raise SystemExit(main())
