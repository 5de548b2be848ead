"""The learner's remembered choices (language). One small JSON file per user.

Kept outside the course folders so the choice follows the learner across modules, and in their own
home so that on JupyterHub each user has their own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

LANGS = ("sv", "en")
DEFAULT_LANG = "sv"


def settings_path() -> Path:
    home = os.environ.get("BACKA_COURSE_HOME") or Path.home() / ".backa-course"
    return Path(home) / "settings.json"


def _read() -> dict:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def get_lang() -> str:
    lang = _read().get("lang")
    return lang if lang in LANGS else DEFAULT_LANG


def set_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}; use one of {', '.join(LANGS)}.")
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _read()
    data["lang"] = lang
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)
