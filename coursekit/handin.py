"""Modules through nbgrader's exchange, for a learner on a hub: what is released, fetch, hand in, feedback.

Plain Python over nbgrader's own exchange API (ExchangeFactory), so whatever exchange the deployment
configures (`c.ExchangeFactory.*`, `c.Exchange.*`, an authenticator plugin) is the one used. Nothing
here shells out or assumes a folder. Every failure becomes a `HandInError` with a `kind` the learner's
view turns into words; nothing here raises anything else.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

MODES = ("hub", "self-study")
# What can go wrong, as the learner's view names it (widgets/handin_ui.json has the words).
KINDS = (
    "not-configured",
    "unreachable",
    "hub-unreachable",
    "not-signed-in",
    "not-enrolled",
    "forbidden",
    "not-released",
    "not-fetched",
    "too-big",
    "failed",
)
# Codes the course exchange puts on its errors (coursekit.exchange.client.HubExchangeError.code, from
# the service's answer) that the learner is told about in words of their own. Any other code ("error",
# "not-found", ...) and any other exchange's error count as the step's own failure.
EXCHANGE_CODES = frozenset(KINDS) - {"not-fetched", "failed"}


def course_mode(env: Mapping[str, str] | None = None, root: Path | None = None) -> str:
    """ "hub" when there is someone to hand in to, "self-study" otherwise.

    `BACKA_COURSE_MODE` decides when set. `make start` names the learner's folder (BACKA_LEARNER_DIR):
    that is self-study even when started from a terminal on a hub. A single-user server started by
    JupyterHub (JUPYTERHUB_USER) is on the hub. Elsewhere, an nbgrader configuration (as found from
    `root`) that names a course and an exchange means there is an instructor to hand in to.
    """
    env = os.environ if env is None else env
    explicit = env.get("BACKA_COURSE_MODE", "").strip().lower()
    if explicit in MODES:
        return explicit
    if env.get("BACKA_LEARNER_DIR"):
        return "self-study"
    if env.get("JUPYTERHUB_USER"):
        return "hub"
    if root is not None:
        config = load_config(Path(root))
        exchange = "root" in config.get("Exchange", {}) or bool(config.get("ExchangeFactory"))
        if config.get("CourseDirectory", {}).get("course_id") and exchange:
            return "hub"
    return "self-study"


class HandInError(Exception):
    """`kind` is one of KINDS; `detail` is the exchange's own words, for whoever helps the learner."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail

    @classmethod
    def from_exchange(cls, exc: BaseException, failure: str) -> HandInError:
        """The exchange's error as the learner's view names it: by its code where the exchange gives one
        (the course exchange does), otherwise as `failure`, the step's own way of failing."""
        code = getattr(exc, "code", None)  # duck-typed: importing the client costs a kernel seconds
        kind = code if isinstance(code, str) and code in EXCHANGE_CODES else failure
        return cls(kind, str(exc).strip() or type(exc).__name__)


@dataclass
class Submission:
    timestamp: str  # as the exchange wrote it
    at: float | None  # the same moment as unix time, when it can be read
    feedback: Path | None = None  # the fetched feedback page, if any
    feedback_waiting: bool = False  # the instructor released feedback that is not fetched yet


@dataclass
class ModuleState:
    assignment: str
    folder: Path
    released: bool = False
    submissions: list[Submission] = field(default_factory=list)  # oldest first

    @property
    def fetched(self) -> bool:
        return self.folder.is_dir()

    @property
    def last(self) -> Submission | None:
        return self.submissions[-1] if self.submissions else None

    @property
    def feedback(self) -> Submission | None:
        """The latest submission with fetched feedback."""
        return next((s for s in reversed(self.submissions) if s.feedback), None)


def parse_timestamp(text: str) -> float | None:
    from dateutil.parser import parse

    try:
        moment = parse(text)
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None:  # nbgrader records UTC unless told otherwise
        from datetime import timezone

        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def load_config(root: Path):
    """nbgrader's configuration, found as nbgrader's own apps find it: `jupyter_config` and
    `nbgrader_config` (.py, then .json) along Jupyter's config path, then in the learner's folder, which
    takes precedence. Read with traitlets alone: importing nbgrader costs seconds in a fresh kernel."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config, JSONFileConfigLoader, PyFileConfigLoader

    config = Config()
    folders = [str(root), *jupyter_config_path()]  # highest priority first
    for name in ("jupyter_config", "nbgrader_config"):
        for folder in reversed(folders):
            for loader, ext in ((PyFileConfigLoader, ".py"), (JSONFileConfigLoader, ".json")):
                if not (Path(folder) / f"{name}{ext}").is_file():
                    continue
                try:
                    config.merge(loader(f"{name}{ext}", path=folder).load_config())
                except Exception as exc:  # a broken file: nbgrader itself would warn and go on
                    logging.getLogger(__name__).warning("Could not read %s/%s%s: %s", folder, name, ext, exc)
    return config


def _import_nbgrader() -> None:
    """Import nbgrader's exchange. jsonschema (through nbformat) imports rfc3987_syntax only to check
    "iri" formats, and that module builds a parser at import, which takes seconds in every fresh kernel.
    Nothing in a learner's kernel checks IRIs, so it is left out unless something imported it already."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault(
            "rfc3987_syntax", None
        )  # None: "import" raises ImportError, which jsonschema allows
    import nbgrader.exchange  # noqa: F401


def warm_up() -> threading.Thread:
    """Import nbgrader in the background, so that a page can show before the exchange is asked."""
    thread = threading.Thread(target=_import_nbgrader, name="import-nbgrader", daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def _quiet_log() -> Iterator[None]:
    """nbgrader logs failures as FATAL on its own loggers; here they become HandInErrors instead."""
    from traitlets.log import get_logger

    logger = get_logger()  # the running application's log (the kernel's, in a notebook)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


class CourseExchange:
    """The learner's side of the exchange. `root` is the learner's Jupyter root folder; modules are
    fetched to nbgrader's `Exchange.assignment_dir` (by default the root itself)."""

    def __init__(self, root: Path, config=None, env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        self.root = Path(root).resolve()
        self.config = copy.deepcopy(config) if config is not None else load_config(self.root)
        configured = str(self.config.Exchange.get("assignment_dir", "."))
        self.assignment_dir = (self.root / configured).resolve()  # an absolute setting stays as it is
        self.config.Exchange.assignment_dir = str(self.assignment_dir)
        self.path_includes_course = bool(self.config.Exchange.get("path_includes_course", False))
        self.course_id = str(self.config.CourseDirectory.get("course_id", ""))
        # On a hub the hub user is the student (nbgrader would take the Unix user, which on many
        # hubs is the same for everyone), unless the deployment names the student itself.
        self.student_id = str(self.config.CourseDirectory.get("student_id", "*"))
        if self.student_id == "*" and env.get("JUPYTERHUB_USER"):
            self.student_id = env["JUPYTERHUB_USER"]

    @classmethod
    def for_home(cls, folder: Path, **kw) -> CourseExchange:
        """From the course home, which lives in the learner's root folder."""
        return cls(folder, **kw)

    @classmethod
    def for_module(cls, folder: Path, **kw) -> CourseExchange:
        """From inside a fetched module: work out the root from where modules are fetched to."""
        folder = Path(folder).resolve()
        config = load_config(folder.parent)
        base = folder.parent.parent if config.Exchange.get("path_includes_course", False) else folder.parent
        configured = str(config.Exchange.get("assignment_dir", "."))
        if os.path.isabs(configured):
            root = Path(os.environ.get("HOME", base))  # Jupyter's root on a hub is the learner's home
        else:
            root = base
            for part in Path(configured).parts:
                if part not in (".", ""):
                    root = root.parent
        return cls(root, config=load_config(root) if root != folder.parent else config, **kw)

    def folder(self, assignment: str) -> Path:
        if self.path_includes_course:
            return self.assignment_dir / self.course_id / assignment
        return self.assignment_dir / assignment

    @property
    def configured(self) -> bool:
        return bool(self.course_id)

    # -- nbgrader's exchange --------------------------------------------------------------------
    def _make(self, what: str, assignment: str = "", **traits):
        _import_nbgrader()
        from nbgrader.auth import Authenticator
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.exchange import ExchangeFactory

        cfg = copy.deepcopy(self.config)
        cfg.CourseDirectory.assignment_id = assignment
        if self.student_id != "*":
            cfg.CourseDirectory.student_id = self.student_id
        coursedir = CourseDirectory(config=cfg)
        authenticator = Authenticator(config=cfg)
        factory = ExchangeFactory(config=cfg)
        # Traits given here (e.g. cached=True for a listing) win over configuration.
        return getattr(factory, what)(coursedir=coursedir, authenticator=authenticator, config=cfg, **traits)

    def _run(self, what: str, failure: str, assignment: str = "", **traits):
        """Make and start one of the exchange's actions; returns (the action, what it returned)."""
        if not self.configured:
            raise HandInError("not-configured")
        try:
            with _quiet_log():
                action = self._make(what, assignment, **traits)
                return action, action.start()
        except Exception as exc:  # the exchange's own ExchangeError, OSError, RuntimeError, ...
            raise HandInError.from_exchange(exc, failure) from exc

    def released(self) -> set[str]:
        """Assignment ids the instructor has released in this course."""
        found = self._run("List", "unreachable")[1]
        return {a["assignment_id"] for a in found if a.get("course_id") == self.course_id}

    def submissions(self) -> dict[str, list[Submission]]:
        """This learner's own submissions (from their submission cache), oldest first."""
        found = self._run("List", "unreachable", cached=True)[1]
        result: dict[str, list[Submission]] = {}
        for group in found:
            if group.get("course_id") != self.course_id:
                continue
            subs = []
            for info in group.get("submissions", []):
                stamp = str(info.get("timestamp", ""))
                local = info.get("local_feedback_path")
                page = None
                if info.get("has_local_feedback") and local:
                    pages = sorted(Path(local).glob("*.html"))
                    page = pages[0] if pages else None
                waiting = bool(info.get("has_exchange_feedback")) and (
                    not info.get("has_local_feedback") or bool(info.get("feedback_updated"))
                )
                subs.append(Submission(stamp, parse_timestamp(stamp), page, waiting))
            result[group["assignment_id"]] = sorted(subs, key=lambda s: s.timestamp)
        return result

    def states(self) -> dict[str, ModuleState]:
        """Every module the learner can see: released, or already in their folder."""
        released = self.released()
        submitted = self.submissions()
        names = released | set(submitted)
        return {a: ModuleState(a, self.folder(a), a in released, submitted.get(a, [])) for a in sorted(names)}

    def state(self, assignment: str) -> ModuleState:
        return ModuleState(
            assignment,
            self.folder(assignment),
            assignment in self.released(),
            self.submissions().get(assignment, []),
        )

    def fetch(self, assignment: str) -> Path:
        """Fetch a released module unless the learner already has it; returns its folder."""
        folder = self.folder(assignment)
        if folder.is_dir():
            return folder
        if assignment not in self.released():
            raise HandInError("not-released")
        self._run("FetchAssignment", "failed", assignment)
        return folder

    def submit(self, assignment: str) -> Submission:
        """Hand in the learner's copy of a module; returns the receipt."""
        if assignment not in self.released():
            raise HandInError("not-released")
        if not self.folder(assignment).is_dir():
            raise HandInError("not-fetched")
        submit, _ = self._run("Submit", "failed", assignment)
        stamp = str(getattr(submit, "timestamp", ""))
        return Submission(stamp, parse_timestamp(stamp))

    def fetch_feedback(self, assignment: str | None = None) -> None:
        """Fetch feedback the instructor has released (for one module, or all) into the module folders."""
        waiting = {a for a, subs in self.submissions().items() if any(s.feedback_waiting for s in subs)}
        for a in sorted(waiting):
            if assignment in (None, a) and self.folder(a).is_dir():
                self._run("FetchFeedback", "failed", a)
