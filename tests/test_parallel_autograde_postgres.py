"""`backa-course autograde --jobs N` with a PostgreSQL gradebook (`CourseDirectory.db_url`).

The test starts its own PostgreSQL (Debian's `postgresql` package, which `make test` installs) on loopback
in a temporary folder, points the course's nbgrader_config.py at it, and checks that the parallel command
fills it exactly as stock `nbgrader autograde` fills a SQLite gradebook with the same submissions.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.cohort import cohort, new_course, submit
from tests.conftest import free_port, run
from tests.gradebook_snapshot import snapshot

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
MODULE = "01-stance"


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is not installed; `make test` installs Debian's postgresql package")
    return Path(found[-1]).parent


@pytest.fixture(scope="module")
def postgres():
    pytest.importorskip("psycopg")
    pg = _pg_bin()
    # PostgreSQL refuses to run as root: as root, run it as Debian's postgres account.
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="backa-pg-"))
    data = folder / "data"
    if as_user:
        pw = pwd.getpwnam("postgres")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
    port = free_port()
    subprocess.run(
        [*as_user, str(pg / "initdb"), "-D", str(data), "-A", "trust", "-U", "backa", "--no-sync"],
        check=True,
        capture_output=True,
    )
    opts = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off"
    subprocess.run(
        [*as_user, str(pg / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "backa", "gradebook"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://backa@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(
            [*as_user, str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)


def test_postgres_gradebook_matches_stock_sqlite(built_course, postgres, tmp_path):
    answers = {s: {MODULE: m[MODULE]} for s, m in cohort(10, seed=5).items() if MODULE in m}
    stock = new_course(built_course, tmp_path / "stock")
    submit(stock, answers)
    run([str(BIN / "nbgrader"), "autograde", MODULE], cwd=stock)

    pg = new_course(built_course, tmp_path / "pg")
    (pg / "gradebook.db").unlink()
    with open(pg / "nbgrader_config.py", "a", encoding="utf-8") as fh:
        fh.write(f"c.CourseDirectory.db_url = {postgres!r}\n")
    run([str(BIN / "nbgrader"), "generate_assignment", MODULE, "--force"], cwd=pg)
    submit(pg, answers)
    proc = run([str(BIN / "backa-course"), "autograde", MODULE, "--jobs", "3"], cwd=pg)
    assert f"{len(answers)} submission(s) of {MODULE} autograded" in proc.stdout
    assert not (pg / "gradebook.db").exists(), "the course's db_url must be honoured"

    expected = snapshot(f"sqlite:///{stock / 'gradebook.db'}", MODULE)
    assert snapshot(postgres, MODULE) == expected
    assert {k[0] for k in expected} == set(answers)
