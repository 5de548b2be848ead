"""The answers file: every reflection and exercise answer of one module, beside its notebook.

Why a file and not widget state: nbgrader re-runs each notebook in a fresh kernel, so anything that
lives only in widget state is lost (nbgrader issue 1359). The file travels with `nbgrader submit`,
and the hidden test cells read it.

Guarantees:
- Writes are atomic (temp file + os.replace) and serialised with a lock file, so a killed kernel
  never leaves half a file.
- Each write merges one entry into what is on disk, so two tabs editing different answers never
  overwrite each other. When two tabs edit the *same* answer, the newer write wins and the other
  version is kept in the entry's `previous` list: nothing is lost.
- The last good copy is kept as `answers.json.bak`. A corrupted file is moved aside (never deleted)
  and the last good copy is loaded instead, with a message saying so.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILENAME = "answers.json"
FORMAT = 1
KINDS = ("items", "exercises")
MAX_PREVIOUS = 5
MAX_ENTRY_BYTES = 2_000_000
MAX_OBJECTION_CHARS = 2_000  # one sentence; more is cut

MESSAGES = {
    "corrupt-restored": {
        "sv": "Filen med dina svar gick inte att läsa. Den senaste fungerande kopian används i stället. "
        "Den trasiga filen är sparad som {aside}.",
        "en": "Your answers file could not be read. The last good copy is used instead. "
        "The damaged file is kept as {aside}.",
    },
    "corrupt-empty": {
        "sv": "Filen med dina svar gick inte att läsa och det fanns ingen fungerande kopia. Du börjar om "
        "med tomma svar. Den trasiga filen är sparad som {aside}.",
        "en": "Your answers file could not be read and there was no good copy. You start again with empty "
        "answers. The damaged file is kept as {aside}.",
    },
    "conflict": {
        "sv": "Svaret ändrades också i ett annat fönster. Den här versionen är sparad; den andra finns kvar "
        "i historiken i svarsfilen.",
        "en": "This answer was also changed in another window. This version is saved; the other one is kept "
        "in the history in the answers file.",
    },
    "too-large": {
        "sv": "Svaret är för stort för att sparas ({size} MB). Korta texten; den finns kvar i rutan.",
        "en": "The answer is too large to save ({size} MB). Shorten the text; it is still in the box.",
    },
    "unwritable": {
        "sv": "Svaret kunde inte sparas: {error}. Texten finns kvar i rutan.",
        "en": "The answer could not be saved: {error}. The text is still in the box.",
    },
}


def message(key: str, lang: str, **kw: Any) -> str:
    return MESSAGES[key].get(lang, MESSAGES[key]["en"]).format(**kw)


@dataclass
class SaveResult:
    ok: bool
    rev: int
    saved_at: float | None
    conflict: bool = False
    error: str | None = None  # a key in MESSAGES, then ":" and the system's words for an OSError
    size_mb: float | None = None  # for "too-large"

    def message(self, lang: str) -> str:
        """What went wrong, for the learner, in `lang` (empty when the save worked)."""
        if self.ok:
            return ""
        key, _, detail = (self.error or "unwritable").partition(":")
        return message(key, lang, error=detail, size="?" if self.size_mb is None else self.size_mb)


@dataclass
class LoadReport:
    """What happened when the file was opened; `problem` is a key in MESSAGES or None."""

    problem: str | None = None
    aside: str | None = None

    def message(self, lang: str) -> str:
        """What happened to the file, for the learner, in `lang` (empty when it read fine)."""
        return message(self.problem, lang, aside=self.aside) if self.problem else ""


def text_sha1(text: str) -> str:
    """Fingerprint of a reflection text: an objection made on another version of the text is stale."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _empty() -> dict:
    return {"format": FORMAT, "lang": None, "items": {}, "exercises": {}}


def _valid(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and all(isinstance(data.get(k, {}), dict) for k in KINDS)
        and all(isinstance(e, dict) for k in KINDS for e in data.get(k, {}).values())
    )


class AnswersStore:
    """Answers of one module, stored in `folder/answers.json`."""

    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = Path(folder or os.getcwd())
        self.path = self.folder / FILENAME
        self.backup = self.folder / (FILENAME + ".bak")
        self._lockfile = self.folder / (FILENAME + ".lock")
        # Revision of each entry as this instance last saw it: how a second tab is noticed.
        self._seen: dict[tuple[str, str], int] = {}
        self.report = LoadReport()
        self.data = self._load()

    # -- reading -----------------------------------------------------------------------------
    def _read(self, path: Path) -> dict | None:
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        data = json.loads(raw)  # ValueError on corruption, handled by caller
        if not _valid(data):
            raise ValueError("answers file has the wrong shape")
        for kind in KINDS:
            data.setdefault(kind, {})
        return data

    def _load(self) -> dict:
        with self._locked():
            return self._load_unlocked(record=True)

    def _load_unlocked(self, record: bool = False) -> dict:
        try:
            data = self._read(self.path)
        except (ValueError, UnicodeDecodeError):
            data = self._recover()
        if data is None:
            data = self._read_backup() or _empty()
        if record:
            for kind in KINDS:
                for key, entry in data[kind].items():
                    self._seen[(kind, key)] = int(entry.get("rev", 0))
        return data

    def _recover(self) -> dict | None:
        """Move the damaged file aside (never delete it) and fall back to the last good copy."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.folder / f"answers.corrupt-{stamp}.json"
        n = 1
        while aside.exists():
            aside = self.folder / f"answers.corrupt-{stamp}-{n}.json"
            n += 1
        os.replace(self.path, aside)
        data = self._read_backup()
        self.report = LoadReport("corrupt-restored" if data else "corrupt-empty", aside=aside.name)
        if data is not None:
            self._write_unlocked(data)
        return data

    def _read_backup(self) -> dict | None:
        try:
            return self._read(self.backup)
        except (ValueError, UnicodeDecodeError):
            return None

    # -- locking and writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self._lockfile, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _write_unlocked(self, data: dict) -> None:
        payload = json.dumps(data, ensure_ascii=False, indent=1)
        # Keep the current file as the last good copy; copy, not move, so that answers.json
        # exists at every instant.
        try:
            current = self.path.read_text(encoding="utf-8")
            if _valid(json.loads(current)):
                self._atomic_write(self.backup, current)
        except (OSError, ValueError, UnicodeDecodeError):
            pass
        self._atomic_write(self.path, payload)

    def _atomic_write(self, target: Path, payload: str) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".answers-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    # -- public API --------------------------------------------------------------------------
    def get(self, kind: str, key: str) -> dict | None:
        return self.data[kind].get(key)

    def text(self, item: str) -> str:
        entry = self.get("items", item)
        return entry.get("text", "") if entry else ""

    def answer(self, exercise: str) -> Any:
        entry = self.get("exercises", exercise)
        return entry.get("answer") if entry else None

    @property
    def lang(self) -> str | None:
        return self.data.get("lang")

    def save(self, kind: str, key: str, value: dict, lang: str | None = None) -> SaveResult:
        """Merge one entry (`{"text": ...}` or `{"answer": ...}`) into the file on disk."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
        if size > MAX_ENTRY_BYTES:
            rev = self._seen.get((kind, key), 0)
            return SaveResult(False, rev, None, error="too-large", size_mb=round(size / 1e6, 1))
        try:
            with self._locked():
                disk = self._load_unlocked()
                old = disk[kind].get(key)
                old_rev = int(old.get("rev", 0)) if old else 0
                conflict = False
                previous = list(old.get("previous", [])) if old else []
                if old and old_rev > self._seen.get((kind, key), 0):
                    # Another window saved since we last looked: keep its version in history.
                    body = {k: v for k, v in old.items() if k not in ("previous", "rev")}
                    if {k: body.get(k) for k in value} != value:
                        conflict = True
                        previous = (previous + [body])[-MAX_PREVIOUS:]
                entry = dict(value, rev=old_rev + 1, saved_at=time.time())
                if old and "objections" in old:
                    entry["objections"] = old["objections"]  # a new text never drops the learner's objections
                if previous:
                    entry["previous"] = previous
                disk[kind][key] = entry
                if lang:
                    disk["lang"] = lang
                disk["format"] = FORMAT
                self._write_unlocked(disk)
                self.data = disk
                self._seen[(kind, key)] = entry["rev"]
                return SaveResult(True, entry["rev"], entry["saved_at"], conflict=conflict)
        except OSError as exc:
            return SaveResult(False, self._seen.get((kind, key), 0), None, error=f"unwritable:{exc.strerror}")

    def save_text(self, item: str, text: str, lang: str | None = None) -> SaveResult:
        return self.save("items", item, {"text": text}, lang)

    def save_answer(self, exercise: str, answer: Any, lang: str | None = None) -> SaveResult:
        return self.save("exercises", exercise, {"answer": answer}, lang)

    def save_objection(self, item: str, criterion: str, sentence: str, lang: str | None = None) -> SaveResult:
        """Record "I did this here": the learner points to `sentence` for `criterion` of reflection `item`."""
        sentence = sentence[:MAX_OBJECTION_CHARS]

        def change(entry: dict) -> None:
            text = entry.get("text", "")
            entry.setdefault("objections", {})[criterion] = {
                "sentence": sentence,
                "at": time.time(),
                "text_sha1": text_sha1(text),
            }

        return self._update_item(item, change, lang)

    def withdraw_objection(self, item: str, criterion: str) -> SaveResult:
        """Take back an objection; the automatic decision stands again."""

        def change(entry: dict) -> None:
            objections = entry.get("objections") or {}
            objections.pop(criterion, None)
            if not objections:
                entry.pop("objections", None)

        return self._update_item(item, change, create=False)

    def objections(self, item: str) -> dict[str, dict]:
        entry = self.get("items", item)
        return dict(entry.get("objections") or {}) if entry else {}

    def _update_item(self, item: str, change, lang: str | None = None, create: bool = True) -> SaveResult:
        """Change one reflection entry on disk in place, leaving its text and revision alone."""
        try:
            with self._locked():
                disk = self._load_unlocked()
                if item not in disk["items"] and not create:
                    return SaveResult(True, 0, time.time())
                entry = disk["items"].setdefault(item, {"text": ""})
                change(entry)
                if lang:
                    disk["lang"] = lang
                disk["format"] = FORMAT
                self._write_unlocked(disk)
                self.data = disk
                return SaveResult(True, int(entry.get("rev", 0)), time.time())
        except OSError as exc:
            rev = self._seen.get(("items", item), 0)
            return SaveResult(False, rev, None, error=f"unwritable:{exc.strerror}")

    def reload(self) -> dict:
        self.data = self._load()
        return self.data


def read_answers(folder: str | os.PathLike) -> dict:
    """Read-only view used by progress and grading; a damaged file reads as empty (never raises)."""
    path = Path(folder) / FILENAME
    for candidate in (path, Path(folder) / (FILENAME + ".bak")):
        try:
            data = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if _valid(data):
            for kind in KINDS:
                data.setdefault(kind, {})
            return data
    return _empty()
