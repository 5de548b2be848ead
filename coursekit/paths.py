"""Where the course's files live. The project is installed editable, so data stays in the repo."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "course"
EXERCISES = REPO / "exercises"
BUILD = REPO / "build"


def learner_dir() -> Path:
    """The learner's workspace for self-study (`make start`); answers are stored inside it."""
    return Path(os.environ.get("BACKA_LEARNER_DIR", REPO / "learner")).resolve()
