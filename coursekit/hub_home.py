"""A Jupyter server extension for the hub: puts the course home into the learner's folder at start.

Learners land on the course home in Voilà (deploy/jupyterhub: default_url), and Voilà renders files in
the server's root folder, so each learner's server writes the home notebook there when it starts. It is
generated from course/notebooks/home.py like every notebook; it holds no answers, so it is replaced when
the course changes. A file of the same name that the course did not write is never touched.
Enabled by coursekit/hub/jupyter_server_config.d, which the hub puts on JUPYTER_CONFIG_PATH.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

HOME_NOTEBOOK = "course-home.ipynb"  # in each learner's root folder; the hub's default_url opens it
MARK = "backa-course-home"
CONFIG_DIR = Path(__file__).parent / "hub"


def home_notebook() -> str:
    import nbformat  # here, not at the top: kernels import this module for HOME_NOTEBOOK alone

    from .build import source_notebook

    nb = source_notebook("home")
    nb.metadata[MARK] = True
    for i, cell in enumerate(nb.cells):  # stable ids, so an unchanged home is not rewritten
        cell.id = f"course-home-{i}"
    return nbformat.writes(nb)


def write_home(root: Path) -> str:
    """Write or update the course home in `root`; returns what was done, for the server's log."""
    target = Path(root).expanduser() / HOME_NOTEBOOK
    text = home_notebook()
    if target.exists():
        import nbformat

        try:
            current = target.read_text(encoding="utf-8")
            ours = nbformat.reads(current, as_version=4).metadata.get(MARK) is True
        except (OSError, ValueError, UnicodeDecodeError):
            current, ours = "", False
        if not ours:
            return f"left {target} alone: the course did not write it"
        if current == text:
            return f"{target} is up to date"
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".course-home-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, target)
    return f"wrote {target}"


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "coursekit.hub_home"}]


def _load_jupyter_server_extension(serverapp) -> None:
    try:
        serverapp.log.info("Course home: %s", write_home(Path(serverapp.root_dir)))
    except OSError as exc:  # a read-only home must not stop the learner's server
        serverapp.log.warning("Course home could not be written: %s", exc)
