"""The answers file: every reflection and exercise answer of one module, beside its notebook.

Why a file and not widget state: nbgrader re-runs each notebook in a fresh kernel, so anything that
lives only in widget state is lost (nbgrader issue 1359). The file travels with `nbgrader submit`,
and the hidden test cells read it.

Guarantees:
- Writes are atomic (temp file + os.replace) and serialised with a lock file, so a killed kernel
  never leaves half a file.
- Each write merges one entry into what is on disk, so two writers editing different answers never
  overwrite each other. When two writers edit the *same* answer, the newer write wins and the other
  version is kept in the entry's `previous` list.
- One window writes at a time (`exclusive=True`, as the course's notebooks open the store): a second
  window on the same module, in another kernel, reads but does not write until the learner chooses to
  write there instead. So text one window has saved is never silently replaced by another.
- `answers.json.bak` is a copy of the latest good save. A file that cannot be read at all is moved aside
  (never deleted) and the last good copy is loaded instead, with a message saying so. A readable file
  with odd parts (a number where text belongs, a list where entries belong, ...) is also moved aside
  whole; the entries that make sense are kept and the odd ones are left out, with a message.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import json
import math
import os
import socket
import tempfile
import time
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILENAME = "answers.json"
FORMAT = 1
KINDS = ("items", "exercises")
LANGS = ("sv", "en")
MAX_PREVIOUS = 5
MAX_ENTRY_BYTES = 2_000_000
MAX_DEPTH = 64  # deeper nesting than any answer needs; it would also break writing the file back
# How long a new window waits for the window it replaces to let go. The course's pages settle this in
# the browser (dom.js: a reloaded page takes over), so by default it does not wait.
LEASE_WAIT_S = float(os.environ.get("BACKA_LEASE_WAIT", "0"))
# A window's page says every few seconds that it is still open (browsers slow hidden tabs down to once a
# minute). A writing window not heard from for this long is gone: its tab was closed or crashed.
LEASE_STALE_S = float(os.environ.get("BACKA_LEASE_STALE", "75"))
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
    "repaired": {
        "sv": "En del av filen med dina svar hade en form som kursen inte kan läsa. Det som gick att läsa "
        "finns kvar. Hela den ursprungliga filen är sparad som {aside}.",
        "en": "Part of your answers file had a form the course cannot read. Everything that could be read "
        "is kept. The whole original file is kept as {aside}.",
    },
    "unreadable-folder": {
        "sv": "Filen med dina svar gick inte att öppna för att spara: {error}. Det som gick att läsa "
        "visas, men inget kan sparas just nu.",
        "en": "Your answers file could not be opened for saving: {error}. What could be read is shown, "
        "but nothing can be saved right now.",
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
    "elsewhere": {
        "sv": "Modulen är öppen i ett annat fönster eller en annan flik. För att ingen text ska gå "
        "förlorad kan du bara läsa här. Stäng det andra fönstret, eller välj att skriva här i stället.",
        "en": "This module is open in another window or tab. So that no text is lost, you can only read "
        "here. Close the other window, or choose to write here instead.",
    },
    "reload": {
        "sv": "Svaren ändrades i det andra fönstret. Ladda om sidan för att skriva här med det senaste "
        "(i JupyterLab: kör anteckningsboken igen).",
        "en": "The answers were changed in the other window. Reload the page to write here with the latest "
        "version (in JupyterLab: run the notebook again).",
    },
    "taken-over": {
        "sv": "Du skriver nu i modulen i ett annat fönster. Här kan du bara läsa, så att ingen text går "
        "förlorad. Det du skrev här och som inte hann sparas finns kvar i webbläsaren.",
        "en": "You are now writing in this module in another window. Here you can only read, so that no "
        "text is lost. Anything you wrote here that was not saved yet is kept in this browser.",
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
    detail: str | None = None  # the system's words, for "unreadable-folder"

    def message(self, lang: str) -> str:
        """What happened to the file, for the learner, in `lang` (empty when it read fine)."""
        if not self.problem:
            return ""
        return message(self.problem, lang, aside=self.aside, error=self.detail or "")


def text_sha1(text: str) -> str:
    """Fingerprint of a reflection text: an objection made on another version of the text is stale."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _empty() -> dict:
    return {"format": FORMAT, "lang": None, "items": {}, "exercises": {}}


# -- reading odd files ------------------------------------------------------------------------------
class Unreadable(ValueError):
    """The file is not an answers file at all (not JSON, not an object, not a file)."""


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_time(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value` (iterative: a deep value must not recurse here)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            v = list(v.values())
        if isinstance(v, list):
            deepest = max(deepest, d)
            if d <= MAX_DEPTH:
                stack.extend((x, d + 1) for x in v)
    return deepest


def _size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _loads(raw: bytes) -> tuple[Any, bool]:
    """JSON from bytes, and whether odd but readable parts had to be changed (a BOM, NaN, 1e999)."""
    odd: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):  # a BOM, as some editors write it
        raw = raw[3:]
        odd.append("bom")

    def constant(name: str) -> None:
        odd.append(name)

    def number(text: str) -> float | None:
        value = float(text)
        if math.isfinite(value):
            return value
        odd.append(text)
        return None

    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=constant, parse_float=number)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Unreadable(str(exc)[:200]) from None
    return data, bool(odd)


def clean_entry(kind: str, entry: Any, check_size: bool = True) -> tuple[dict | None, bool]:
    """One entry as the course expects it, and whether anything had to go. None: the entry is unusable.

    Missing keys are fine (an entry without `rev` is at revision 0). Keys the course does not know are
    kept (other parts of the course add them, e.g. `objections`). A value of the wrong type in a known
    key is dropped; a wrong `text`, or an answer too large or too deep to handle, drops the entry.
    """
    if not isinstance(entry, dict) or _depth(entry) > MAX_DEPTH:
        return None, True
    main = "text" if kind == "items" else "answer"
    if kind == "items" and "text" in entry and not isinstance(entry["text"], str):
        return None, True
    if check_size and main in entry and _size(entry[main]) > MAX_ENTRY_BYTES:
        return None, True
    out, changed = dict(entry), False
    if "rev" in out and not (_is_int(out["rev"]) and 0 <= out["rev"] < 2**53):
        del out["rev"]
        changed = True
    if "saved_at" in out and not _is_time(out["saved_at"]):
        del out["saved_at"]
        changed = True
    if "previous" in out:
        prev = out["previous"]
        good = []
        for version in prev if isinstance(prev, list) else []:
            kept, odd = clean_entry(kind, version, check_size)
            if kept is not None and not odd:
                good.append(version)
        if not isinstance(prev, list) or len(good) != len(prev):
            changed = True
        if good:
            out["previous"] = good
        else:
            del out["previous"]
    if "objections" in out:
        objections = out["objections"]
        good = (
            {c: o for c, o in objections.items() if _good_objection(o)}
            if isinstance(objections, dict)
            else {}
        )
        if not isinstance(objections, dict) or len(good) != len(objections):
            changed = True
        if good:
            out["objections"] = good
        else:
            del out["objections"]
    return out, changed


def _good_objection(objection: Any) -> bool:
    """One objection as save_objection writes it (the sentence a learner points to, when, on which text)."""
    return (
        isinstance(objection, dict)
        and isinstance(objection.get("sentence"), str)
        and _is_time(objection.get("at", 0))
        and isinstance(objection.get("text_sha1", ""), str)
    )


def clean(data: Any, check_size: bool = True) -> tuple[dict, bool]:
    """An answers object with every odd part left out, and whether anything was left out.

    Raises Unreadable when `data` is not an answers object at all (a list, a number, ...).
    """
    if not isinstance(data, dict):
        raise Unreadable("not a JSON object")
    out, changed = dict(data), False
    if out.get("lang") not in (None, *LANGS):
        out["lang"] = None
        changed = True
    out.setdefault("lang", None)
    if not _is_int(out.get("format", FORMAT)):
        changed = True
    out["format"] = FORMAT
    for kind in KINDS:
        raw = out.get(kind)
        if raw is None:
            raw = {}
        elif not isinstance(raw, dict):
            raw, changed = {}, True
        entries = {}
        for key, entry in raw.items():
            kept, odd = clean_entry(kind, entry, check_size)
            changed = changed or odd
            if kept is not None:
                entries[key] = kept
        out[kind] = entries
    for key in list(out):
        if key not in (*KINDS, "lang", "format") and _depth(out[key]) > MAX_DEPTH:
            del out[key]
            changed = True
    return out, changed


def parse(raw: bytes) -> tuple[dict, bool]:
    """An answers file's bytes as a clean answers object, and whether odd parts were left out.

    Raises Unreadable when the bytes are not an answers file at all.
    """
    data, odd = _loads(raw)
    out, changed = clean(data, check_size=len(raw) > MAX_ENTRY_BYTES)
    return out, odd or changed


# -- one writing window per module -----------------------------------------------------------------
_TOKEN: tuple[int, str] | None = None
_HELD: set[Path] = set()  # lease files this process holds, released when it exits


def _token() -> str:
    """This process's id as a lease holder (new after a fork)."""
    global _TOKEN
    if _TOKEN is None or _TOKEN[0] != os.getpid():
        _TOKEN = (os.getpid(), f"{os.getpid()}-{uuid.uuid4().hex[:12]}")
        _HELD.clear()
    return _TOKEN[1]


def _proc_start(pid: int) -> str | None:
    """The start time of a live process `pid` (so a reused pid is not taken for it); None when dead."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        if Path("/proc/self/stat").exists():
            return None
        try:  # no /proc: ask the system whether the pid exists
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except OSError:
            pass
        return "?"
    fields = stat.rsplit(")", 1)[-1].split()
    if not fields or fields[0] in ("Z", "X"):  # a killed kernel is a zombie until its server reaps it
        return None
    return fields[19] if len(fields) > 19 else "?"


def _alive(lease: dict) -> bool:
    if lease.get("released"):
        return False
    beat = lease.get("beat", lease.get("since"))
    if _is_time(beat) and time.time() - beat > LEASE_STALE_S:
        return False
    if lease.get("host") != socket.gethostname():
        return True  # another machine's process cannot be checked from here: assume it is there
    pid = lease.get("pid")
    if not _is_int(pid):
        return False
    start = _proc_start(pid)
    return start is not None and (start == "?" or lease.get("start") in (None, "?", start))


def _release_held() -> None:
    """At exit: the windows of this process no longer write, so the next window may at once."""
    token = _token()
    for path in list(_HELD):
        with contextlib.suppress(OSError, ValueError):
            lease = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(lease, dict) and lease.get("token") == token:
                path.write_text(json.dumps(dict(lease, released=True)), encoding="utf-8")


atexit.register(_release_held)


class AnswersStore:
    """Answers of one module, stored in `folder/answers.json`.

    `exclusive=True` (what a module notebook uses): only one window, i.e. one kernel process, writes
    at a time; see `writable`, `take_over()` and `check()`.
    """

    def __init__(self, folder: str | os.PathLike | None = None, exclusive: bool = False) -> None:
        self.folder = Path(folder or os.getcwd())
        self.path = self.folder / FILENAME
        self.backup = self.folder / (FILENAME + ".bak")
        self._lockfile = self.folder / (FILENAME + ".lock")
        self.lease_path = self.folder / (FILENAME + ".lease")
        self.exclusive = exclusive
        # Revision of each entry as this instance last saw it: how a second writer is noticed.
        self._seen: dict[tuple[str, str], int] = {}
        self._owned = False  # this instance has been the writing window
        self._displaced = False  # ... and another window has taken over since
        self._stale = False  # took over, but shows older answers than the file has: must reload
        self._take_over_pending = False  # took over, but the disk was full when it said so
        self._writable = True
        self._watchers: list[Callable[[str, str | None, str | None], None]] = []
        self.report = LoadReport()
        if exclusive:
            self._claim_waiting()  # before reading, so that this window starts from the latest save
        self.data = self._load()

    # -- reading -----------------------------------------------------------------------------
    def _read(self, path: Path) -> tuple[dict | None, bool]:
        """(clean data, odd parts left out); (None, False) when there is no file. Raises Unreadable."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, False
        except IsADirectoryError:
            raise Unreadable("a folder, not a file") from None
        return parse(raw)

    def _load(self) -> dict:
        try:
            with self._locked():
                return self._load_unlocked(record=True)
        except OSError as exc:
            # Nothing can be moved aside or written (read-only or full disk): show what can be read.
            self.report = LoadReport("unreadable-folder", detail=exc.strerror or str(exc))
            data = read_answers(self.folder)
            self._record(data)
            return data

    def _record(self, data: dict) -> None:
        for kind in KINDS:
            for key, entry in data[kind].items():
                self._seen[(kind, key)] = int(entry.get("rev", 0))

    def _load_unlocked(self, record: bool = False) -> dict:
        try:
            data, odd = self._read(self.path)
        except (Unreadable, OSError):
            data = self._recover() or _empty()
        else:
            if data is None:
                data = self._read_backup() or _empty()
            elif odd:
                aside = self._move_aside()
                self.report = LoadReport("repaired", aside=aside)
                self._write_unlocked(data)
        if record:
            self._record(data)
        return data

    def _move_aside(self) -> str:
        """Move answers.json (a file or, by mistake, a folder) aside under a new name; never delete it."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        ext = "" if self.path.is_dir() else ".json"
        aside = self.folder / f"answers.corrupt-{stamp}{ext}"
        n = 1
        while aside.exists():
            aside = self.folder / f"answers.corrupt-{stamp}-{n}{ext}"
            n += 1
        os.replace(self.path, aside)
        return aside.name

    def _recover(self) -> dict | None:
        """Move the damaged file aside (never delete it) and fall back to the last good copy."""
        aside = self._move_aside()
        data = self._read_backup()
        self.report = LoadReport("corrupt-restored" if data else "corrupt-empty", aside=aside)
        if data is not None:
            self._write_unlocked(data)
        return data

    def _read_backup(self) -> dict | None:
        try:
            return self._read(self.backup)[0]
        except (Unreadable, OSError):
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
        self._atomic_write(self.path, payload)
        # The last good copy is this save: a file damaged later is restored without losing it. If the
        # copy cannot be written (full disk), the older copy stays; the save itself has worked.
        with contextlib.suppress(OSError):
            self._atomic_write(self.backup, payload)

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

    # -- one writing window ------------------------------------------------------------------
    @property
    def writable(self) -> bool:
        """False while another window writes this module (only for an exclusive store)."""
        return self._writable

    @property
    def lock_reason(self) -> str:
        """Why this window cannot write: "" (it can), "elsewhere" (another window writes), "taken-over"
        (another window took over from this one) or "reload" (this window shows older answers than
        the file, after the other window closed or was taken over from)."""
        if self._writable:
            return ""
        return "reload" if self._stale else "taken-over" if self._displaced else "elsewhere"

    def lock_message(self, lang: str) -> str:
        """Why this window cannot write, for the learner (empty when it can)."""
        reason = self.lock_reason
        return message(reason, lang) if reason else ""

    def watch(self, callback: Callable[[str, str | None, str | None], None]) -> None:
        """Call `callback(event, kind, key)` on "saved" (an entry was written) and "lock" (`writable`
        changed). Held weakly for bound methods, so a closed widget does not stay alive for it."""
        ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else (lambda: callback)
        self._watchers.append(ref)

    def _notify(self, event: str, kind: str | None = None, key: str | None = None) -> None:
        for ref in list(self._watchers):
            fn = ref()
            if fn is None:
                self._watchers.remove(ref)
            else:
                fn(event, kind, key)

    def _read_lease(self) -> dict | None:
        try:
            lease = json.loads(self.lease_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return lease if isinstance(lease, dict) else None

    def _write_lease(self, released: bool = False) -> bool:
        now = time.time()
        lease = {
            "token": _token(),
            "pid": os.getpid(),
            "start": _proc_start(os.getpid()),
            "host": socket.gethostname(),
            "since": now,
            "beat": now,
            "released": released,
        }
        try:
            self._atomic_write(self.lease_path, json.dumps(lease))
        except OSError:
            return False  # a full disk: saving fails too, and says so
        if not released:
            _HELD.add(self.lease_path)
        self._owned = True
        return True

    def _claim_unlocked(self, force: bool = False) -> bool:
        """Become (or stay) the writing window if no other live window is; True when writable."""
        lease = self._read_lease()
        mine = lease is not None and lease.get("token") == _token() and not lease.get("released")
        # A take-over that could not be written down (full disk) is written as soon as it can be.
        force = force or self._take_over_pending
        if force or (not mine and (lease is None or (not self._owned and not _alive(lease)))):
            written = self._write_lease()
            self._take_over_pending = force and not written
            self._displaced = False
            writable = True
        elif mine:
            writable = True
        else:
            # Another window holds it; if this one held it before, that window took over.
            self._displaced = self._displaced or self._owned
            writable = False
        return writable

    def _set_writable(self, writable: bool) -> None:
        if writable != self._writable:
            self._writable = writable
            self._notify("lock")

    def _claim_waiting(self) -> None:
        """On opening: claim the module, waiting a little for a window that is closing (a reload)."""
        deadline = time.monotonic() + LEASE_WAIT_S
        while True:
            try:
                with self._locked():
                    self._writable = self._claim_unlocked()
            except OSError:
                self._writable = True  # the folder cannot be locked: saving will say what is wrong
            if self._writable or time.monotonic() >= deadline:
                return
            time.sleep(0.1)

    def _changed_on_disk(self) -> bool:
        """True when another window saved since this one read the file (call with the lock held)."""
        disk = self._load_unlocked()
        return any(
            int(entry.get("rev", 0)) != self._seen.get((kind, key), 0)
            for kind in KINDS
            for key, entry in disk[kind].items()
        )

    def _claim(self, force: bool) -> bool:
        was = self._writable
        try:
            with self._locked():
                writable = self._claim_unlocked(force)
                if writable and not was and self._changed_on_disk():
                    # This window shows older answers than the file: it must reload before it writes.
                    # Whichever window opens next may write (not a displaced one).
                    self._write_lease(released=True)
                    self._stale = True
                    writable = False
        except OSError:
            writable = True  # the folder cannot be locked: saving will say what is wrong
        self._writable = writable
        if writable != was or self._stale:
            self._notify("lock")
        return writable

    def beat(self) -> None:
        """The page of this window is still open: keep the right to write (see LEASE_STALE_S)."""
        if not (self.exclusive and self._writable):
            return
        with contextlib.suppress(OSError), self._locked():
            lease = self._read_lease()
            if lease and lease.get("token") == _token() and not lease.get("released"):
                self._write_lease()

    def release(self) -> None:
        """The page of this window is going away (closed or reloaded): the next window may write at once."""
        if not (self.exclusive and self._owned):
            return
        with contextlib.suppress(OSError), self._locked():
            lease = self._read_lease()
            if lease and lease.get("token") == _token() and not lease.get("released"):
                self._write_lease(released=True)
        self._owned = False
        self._writable = False

    def check(self) -> bool:
        """Look again whether this window may write (the other one may have closed); True when it may."""
        if not self.exclusive:
            return True
        if self._stale:
            return False
        return self._claim(force=False)

    def take_over(self) -> bool:
        """Write in this window from now on; the other window becomes read-only. Returns True when the
        file changed since this window read it: then this window shows old answers and must reload."""
        if self._stale:
            return True
        self._claim(force=True)
        return self._stale

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
        """Merge one entry (`{"text": ...}` or `{"answer": ...}`) into the file on disk.

        Other keys of the entry on disk (e.g. `objections`) are kept.
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
        if size > MAX_ENTRY_BYTES:
            rev = self._seen.get((kind, key), 0)
            return SaveResult(False, rev, None, error="too-large", size_mb=round(size / 1e6, 1))
        if self.exclusive and not self._writable and not self.check():
            return self._refused(kind, key)
        try:
            with self._locked():
                if self.exclusive and not self._claim_unlocked():
                    self._writable = False
                    result = self._refused(kind, key)
                else:
                    result = self._save_unlocked(kind, key, value, lang)
        except OSError as exc:
            return SaveResult(False, self._seen.get((kind, key), 0), None, error=f"unwritable:{exc.strerror}")
        if result.error in ("elsewhere", "taken-over", "reload"):
            self._notify("lock")
        else:
            self._set_writable(True)
            self._notify("saved", kind, key)
        return result

    def _save_unlocked(self, kind: str, key: str, value: dict, lang: str | None) -> SaveResult:
        disk = self._load_unlocked()
        old = disk[kind].get(key)
        old_rev = int(old.get("rev", 0)) if old else 0
        conflict = False
        previous = list(old.get("previous", [])) if old else []
        if old and old_rev > self._seen.get((kind, key), 0):
            # Another writer saved since we last looked: keep its version in history.
            body = {k: v for k, v in old.items() if k not in ("previous", "rev")}
            if {k: body.get(k) for k in value} != value:
                conflict = True
                previous = (previous + [body])[-MAX_PREVIOUS:]
        kept = {
            k: v
            for k, v in (old or {}).items()
            if k not in value and k not in ("rev", "saved_at", "previous")
        }
        entry = dict(kept, **value, rev=old_rev + 1, saved_at=time.time())
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

    def _refused(self, kind: str, key: str) -> SaveResult:
        self._writable = False
        lost = "reload" if self._stale else "taken-over" if self._displaced else "elsewhere"
        return SaveResult(False, self._seen.get((kind, key), 0), None, error=lost)

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
        # A read-only window (another window writes this module) may not change objections either.
        if self.exclusive and not self._writable and not self.check():
            return self._refused("items", item)
        try:
            with self._locked():
                refused = self.exclusive and not self._claim_unlocked()
                if not refused:
                    result = self._update_unlocked(item, change, lang, create)
        except OSError as exc:
            rev = self._seen.get(("items", item), 0)
            return SaveResult(False, rev, None, error=f"unwritable:{exc.strerror}")
        if refused:
            self._notify("lock")
            return self._refused("items", item)
        return result

    def _update_unlocked(self, item: str, change, lang: str | None, create: bool) -> SaveResult:
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

    def reload(self) -> dict:
        self.data = self._load()
        return self.data


def read_answers(folder: str | os.PathLike) -> dict:
    """Read-only view used by progress and grading: never raises, never writes.

    Odd parts of a readable file are left out (as the store does when it opens the file); a file that
    cannot be read at all falls back to the last good copy, else reads as empty.
    """
    for candidate in (Path(folder) / FILENAME, Path(folder) / (FILENAME + ".bak")):
        try:
            return parse(candidate.read_bytes())[0]
        except (OSError, Unreadable):
            continue
    return _empty()
