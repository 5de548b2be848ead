"""nbgrader's exchange over the course exchange service (coursekit.exchange.service).

Every nbgrader command that moves files (release_assignment, fetch_assignment, submit, list, collect,
release_feedback, fetch_feedback), the Assignments tab and the Hand-in button use these classes once
the system nbgrader configuration names them (deploy/nbgrader_config.py). They send the server's
JupyterHub token; the service decides who that is and what they may do.

Where the service is: ``$COURSE_EXCHANGE_URL`` (the hub sets it for every server) or
``c.HubExchange.url``.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir
from nbgrader.exchange import abc
from nbgrader.exchange.abc import ExchangeError
from nbgrader.utils import find_all_notebooks, ignore_patterns, parse_utc
from traitlets import Bool, Float, Unicode, default

from .archive import ArchiveError, pack, pack_folder, unpack

URL_ENV = "COURSE_EXCHANGE_URL"


class HubExchangeError(ExchangeError):
    """nbgrader's ExchangeError with a short code (e.g. "unreachable", "not-released", "not-enrolled"),
    so a page can tell the learner what happened in their own language."""

    def __init__(self, message: str, code: str = "error") -> None:
        super().__init__(message)
        self.code = code


class HubExchange(abc.Exchange):
    url = Unicode(
        "",
        help=f"Address of the course exchange service, ending in /services/<name>/. Default: ${URL_ENV}.",
    ).tag(config=True)

    @default("url")
    def _url_default(self) -> str:
        return os.environ.get(URL_ENV, "")

    token = Unicode(help="JupyterHub token sent to the exchange. Default: $JUPYTERHUB_API_TOKEN.")

    @default("token")
    def _token_default(self) -> str:
        return os.environ.get("JUPYTERHUB_API_TOKEN", "")

    def fail(self, msg: str, code: str = "error"):
        self.log.fatal(msg)
        raise HubExchangeError(msg, code)

    timeout = Float(120, help="Seconds to wait for the exchange to answer.").tag(config=True)

    cache = Unicode(
        "",
        help="Local record of hand-ins (as nbgrader's own exchange keeps). Default: $JUPYTER_DATA_DIR/nbgrader_cache",
    ).tag(config=True)

    @default("cache")
    def _cache_default(self) -> str:
        return os.path.join(jupyter_data_dir(), "nbgrader_cache")

    path_includes_course = Bool(
        False, help="Put assignments in <course>/<assignment> rather than <assignment> when fetching."
    ).tag(config=True)

    # --- talking to the service -----------------------------------------------------------------
    def request(self, method: str, path: str, params: dict | None = None, body: bytes | None = None) -> bytes:
        if not self.url:
            self.fail(
                f"The course exchange's address is not set (${URL_ENV}); the hub sets it for every server. "
                "Ask the person who runs the hub.",
                "not-configured",
            )
        if not self.token:
            self.fail(
                "No JupyterHub token ($JUPYTERHUB_API_TOKEN): the course exchange works only on the hub.",
                "not-configured",
            )
        query = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        url = self.url.rstrip("/") + "/api/" + path + ("?" + urllib.parse.urlencode(query) if query else "")
        req = urllib.request.Request(url, data=body, method=method)
        req.add_header("Authorization", f"token {self.token}")
        if body is not None:
            req.add_header("Content-Type", "application/zip")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as e:
            try:
                answer = json.loads(e.read().decode())
                message, code = answer["message"], answer.get("code", "error")
            except Exception:  # not the service answering (a proxy, a 502 page): say what came back
                message, code = (
                    f"HTTP {e.code} {e.reason}",
                    "unreachable" if e.code in (502, 503, 504) else "error",
                )
            self.fail(f"The course exchange says: {message}", code)
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            self.fail(
                f"The course exchange cannot be reached ({reason}). Nothing was sent. Try again in a minute; "
                "if it keeps failing, tell your instructor.",
                "unreachable",
            )

    def get_json(self, path: str, params: dict | None = None):
        return json.loads(self.request("GET", path, params))

    def course_path(self, *parts: str) -> str:
        if not self.coursedir.course_id:
            self.fail("No course id specified. Re-run with --course flag.")
        return "/".join(urllib.parse.quote(p, safe="") for p in ("courses", self.coursedir.course_id, *parts))

    @property
    def max_bytes(self) -> int:
        return int(self.coursedir.max_dir_size * 1000)

    def claimed_student(self) -> str:
        """A --student given on the command line; the service refuses any name but the signed-in one."""
        sid = self.coursedir.student_id
        return "" if sid in ("", "*") else sid

    def local_dir(self, course_id: str, assignment_id: str) -> str:
        root = os.path.join(course_id, assignment_id) if self.path_includes_course else assignment_id
        return os.path.abspath(os.path.join(self.assignment_dir, root))

    def ignore(self):
        return ignore_patterns(
            exclude=self.coursedir.ignore,
            include=self.coursedir.include,
            max_file_size=self.coursedir.max_file_size,
            log=self.log,
        )

    def pack_folder(self, folder: str) -> bytes:
        size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink())
        if size > self.max_bytes:
            self.fail(
                f"{folder} is too big to send ({size // 1_000_000} MB; at most {self.max_bytes // 1_000_000} MB)",
                "too-big",
            )
        try:
            return pack_folder(Path(folder), self.ignore())
        except ArchiveError as e:
            self.fail(str(e))

    def unpack(self, data: bytes, dest: str, only_missing: bool = False) -> list[Path]:
        try:
            return unpack(data, Path(dest), self.max_bytes, only_missing=only_missing)
        except ArchiveError as e:
            self.fail(f"The course exchange sent something that cannot be unpacked safely: {e}")

    def released(self) -> list[dict]:
        return self.get_json(self.course_path("assignments"))

    def init_src(self):
        pass

    def init_dest(self):
        pass

    def copy_files(self):
        pass


class HubExchangeReleaseAssignment(HubExchange, abc.ExchangeReleaseAssignment):
    def init_src(self):
        self.src_path = self.coursedir.format_path(
            self.coursedir.release_directory, ".", self.coursedir.assignment_id
        )
        if not os.path.isdir(self.src_path):
            source = self.coursedir.format_path(
                self.coursedir.source_directory, ".", self.coursedir.assignment_id
            )
            if os.path.isdir(source):
                self.fail(
                    f"Assignment found in '{source}' but not '{self.src_path}', run `nbgrader generate_assignment` first."
                )
            self.fail(f"Assignment not found: {self.src_path}")

    def copy_files(self):
        data = self.pack_folder(self.src_path)
        path = self.course_path("assignments", self.coursedir.assignment_id)
        self.request("PUT", path, {"force": "1" if self.force else ""}, data)
        self.log.info("Released as: %s %s", self.coursedir.course_id, self.coursedir.assignment_id)


class HubExchangeFetchAssignment(HubExchange, abc.ExchangeFetchAssignment):
    def init_src(self):
        names = [a["assignment_id"] for a in self.released()]
        if self.coursedir.assignment_id not in names:
            self.fail(
                f"{self.coursedir.assignment_id} is not released in {self.coursedir.course_id}"
                + (f" (released: {', '.join(names)})" if names else " (nothing is released yet)"),
                "not-released",
            )

    def init_dest(self):
        self.dest_path = self.local_dir(self.coursedir.course_id, self.coursedir.assignment_id)
        if os.path.isdir(self.dest_path) and not self.replace_missing_files:
            self.fail(
                f"You already have a copy of the assignment in this directory: {self.coursedir.assignment_id}"
            )

    def copy_files(self):
        data = self.request("GET", self.course_path("assignments", self.coursedir.assignment_id))
        missing_only = os.path.isdir(self.dest_path)
        parent = os.path.dirname(self.dest_path)
        os.makedirs(parent, exist_ok=True)
        # Unpack aside first, so a failed fetch leaves no half assignment behind.
        tmp = tempfile.mkdtemp(dir=parent, prefix=".fetch-")
        try:
            self.unpack(data, tmp)
            if missing_only:
                for src in sorted(Path(tmp).rglob("*")):
                    dest = Path(self.dest_path) / src.relative_to(tmp)
                    if src.is_file() and not dest.exists():
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(src, dest)
                        self.log.warning("Replacing missing file '%s'", dest)
            else:
                os.replace(tmp, self.dest_path)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.log.info("Fetched as: %s %s", self.coursedir.course_id, self.coursedir.assignment_id)


class HubExchangeSubmit(HubExchange, abc.ExchangeSubmit):
    def init_src(self):
        self.src_path = self.local_dir(self.coursedir.course_id, self.coursedir.assignment_id)
        self.coursedir.assignment_id = os.path.split(self.src_path)[-1]
        if not os.path.isdir(self.src_path):
            self.fail(f"Assignment not found at: {self.src_path}")

    def check_filename_diff(self, released: list[str]) -> None:
        submitted = sorted(
            os.path.splitext(os.path.relpath(nb, self.src_path))[0]
            for nb in find_all_notebooks(self.src_path)
        )
        missing = sorted(set(released) - set(submitted))
        extra = sorted(set(submitted) - set(released))
        if missing and self.strict:
            self.fail(
                f"Assignment {self.coursedir.assignment_id} not submitted: notebooks missing: {', '.join(missing)}"
            )
        if missing or extra:
            self.log.warning("Missing notebooks: %s; extra notebooks: %s", missing or "none", extra or "none")

    def copy_files(self):
        course, assignment = self.coursedir.course_id, self.coursedir.assignment_id
        release = next((a for a in self.released() if a["assignment_id"] == assignment), None)
        if release is None:
            self.fail(f"{assignment} is not released in {course}, so it cannot be handed in", "not-released")
        self.check_filename_diff(release["notebooks"])
        data = self.pack_folder(self.src_path)
        self.log.info("Source: %s", self.src_path)
        meta = json.loads(
            self.request(
                "POST",
                self.course_path("assignments", assignment, "hand-in"),
                {"student": self.claimed_student()},
                data,
            )
        )
        self.timestamp = meta["timestamp"]
        # Keep a copy as nbgrader's own exchange does: the learner's record of what they handed in.
        cache_path = os.path.join(
            self.cache, course, f"{meta['student_id']}+{assignment}+{meta['timestamp']}"
        )
        try:
            if os.path.isdir(cache_path):
                shutil.rmtree(cache_path)
            os.makedirs(os.path.dirname(cache_path), exist_ok=True)
            shutil.copytree(self.src_path, cache_path, ignore=self.ignore())
            Path(cache_path, "timestamp.txt").write_text(meta["timestamp"])
        except OSError as e:  # the hand-in itself is stored; only the local record failed
            self.log.warning("Handed in, but the local copy in %s could not be written: %s", cache_path, e)
        self.log.info("Submitted as: %s %s %s", course, assignment, meta["timestamp"])
        self.submission = meta


class HubExchangeCollect(HubExchange, abc.ExchangeCollect):
    def init_src(self):
        from nbgrader.api import Gradebook, MissingEntry

        student = self.coursedir.student_id if self.coursedir.student_id not in ("", "*") else ""
        records = self.get_json(
            self.course_path("hand-ins"), {"assignment": self.coursedir.assignment_id, "student": student}
        )
        by_student = defaultdict(list)
        for rec in records:
            rec["parsed"] = parse_utc(rec["timestamp"])
            by_student[rec["student_id"]].append(rec)
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                duedate = None
        self.src_records = []
        for recs in by_student.values():
            recs.sort(key=lambda r: r["parsed"], reverse=True)
            chosen = recs[0]
            if duedate is not None and self.before_duedate:
                before = [r for r in recs if r["parsed"] <= duedate]
                chosen = before[0] if before else recs[0]
            self.src_records.append(chosen)

    def copy_files(self):
        course, assignment = self.coursedir.course_id, self.coursedir.assignment_id
        if not self.src_records:
            self.log.warning("No submissions of '%s' for course '%s' to collect", assignment, course)
        else:
            self.log.info(
                "Processing %d submissions of '%s' for course '%s'", len(self.src_records), assignment, course
            )
        for rec in self.src_records:
            student = rec["student_id"]
            dest = self.coursedir.format_path(self.coursedir.submitted_directory, student, assignment)
            updating = False
            if os.path.isdir(dest):
                existing = self.coursedir.get_existing_timestamp(dest)
                newer = existing is None or rec["parsed"] > existing
                if (self.update and newer) or (self.before_duedate and existing != rec["parsed"]):
                    updating = True
                else:
                    self.log.info(
                        "%s: %s %s",
                        "No newer submission to collect"
                        if self.update
                        else "Submission already exists, use --update to update",
                        student,
                        assignment,
                    )
                    continue
            data = self.request("GET", self.course_path("hand-ins", student, assignment, rec["id"]))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with tempfile.TemporaryDirectory(dir=os.path.dirname(dest)) as tmp:
                staged = os.path.join(tmp, "hand-in")
                os.makedirs(staged)
                self.unpack(data, staged)
                Path(staged, "timestamp.txt").write_text(rec["timestamp"])
                if updating:
                    self.log.info("Updating submission: %s %s", student, assignment)
                    shutil.rmtree(dest)
                else:
                    self.log.info("Collecting submission: %s %s", student, assignment)
                os.replace(staged, dest)


class HubExchangeReleaseFeedback(HubExchange, abc.ExchangeReleaseFeedback):
    def init_src(self):
        student = self.coursedir.student_id if self.coursedir.student_id else "*"
        self.src_path = self.coursedir.format_path(
            self.coursedir.feedback_directory, student, self.coursedir.assignment_id
        )

    def copy_files(self):
        exclude = set(filter(None, self.coursedir.student_id_exclude.split(",")))
        regexp = re.escape(os.path.sep).join(
            [
                self.coursedir.format_path(
                    self.coursedir.feedback_directory,
                    "(?P<student_id>.*)",
                    self.coursedir.assignment_id,
                    escape=True,
                ),
                "(?P<notebook_id>.*).html",
            ]
        )
        by_student: dict[str, list[str]] = defaultdict(list)
        for html in sorted(glob.glob(os.path.join(self.src_path, "*.html"))):
            m = re.match(regexp, html)
            if m and m.group("student_id") not in exclude:
                by_student[m.group("student_id")].append(html)
        failed = []
        for student, files in sorted(by_student.items()):
            folder = os.path.dirname(files[0])
            try:
                timestamp = Path(folder, "timestamp.txt").read_text().strip()
            except OSError:
                self.log.error("No timestamp.txt in %s: run `nbgrader generate_feedback` again", folder)
                failed.append(student)
                continue
            data = pack((os.path.basename(f), Path(f)) for f in files)
            try:
                self.request(
                    "PUT",
                    self.course_path("feedback", student, self.coursedir.assignment_id),
                    {"timestamp": timestamp},
                    data,
                )
            except ExchangeError:
                failed.append(student)
                continue
            self.log.info(
                "Releasing feedback for student '%s' on assignment '%s/%s' (%s)",
                student,
                self.coursedir.course_id,
                self.coursedir.assignment_id,
                timestamp,
            )
        if failed:
            self.fail(f"Feedback could not be released to: {', '.join(failed)}")


class HubExchangeFetchFeedback(HubExchange, abc.ExchangeFetchFeedback):
    def init_src(self):
        if self.coursedir.assignment_id:
            self.assignments = [self.coursedir.assignment_id]
        else:
            mine = self.get_json(self.course_path("my", "hand-ins"), {"student": self.claimed_student()})
            self.assignments = sorted({m["assignment_id"] for m in mine})

    def copy_files(self):
        fetched = 0
        for assignment in self.assignments:
            data = self.request(
                "GET", self.course_path("my", "feedback", assignment), {"student": self.claimed_student()}
            )
            dest = os.path.join(self.local_dir(self.coursedir.course_id, assignment), "feedback")
            for path in self.unpack(data, dest):
                fetched += 1
                self.log.info("Fetched feedback: %s", path)
        if not fetched:
            self.log.warning(
                "No feedback yet for %s", ", ".join(self.assignments) or self.coursedir.course_id
            )


def _md5(path: str) -> str:
    return hashlib.md5(Path(path).read_bytes(), usedforsecurity=False).hexdigest()


class HubExchangeList(HubExchange, abc.ExchangeList):
    def released_info(self) -> list[dict]:
        out = []
        wanted = self.coursedir.assignment_id
        for rel in self.released():
            if wanted and rel["assignment_id"] != wanted:
                continue
            local = self.local_dir(rel["course_id"], rel["assignment_id"])
            info = {"course_id": rel["course_id"], "assignment_id": rel["assignment_id"]}
            if os.path.isdir(local):
                info["status"], info["path"] = "fetched", local
                nbs = sorted(glob.glob(os.path.join(local, "*.ipynb")))
                info["notebooks"] = [{"notebook_id": Path(p).stem, "path": os.path.abspath(p)} for p in nbs]
            else:
                info["status"], info["path"] = "released", self.url
                info["notebooks"] = [{"notebook_id": n, "path": f"{n}.ipynb"} for n in rel["notebooks"]]
            out.append(info)
        return out

    def submission_info(self, meta: dict, local_feedback: bool) -> dict:
        info = {
            "course_id": meta["course_id"],
            "student_id": meta["student_id"],
            "assignment_id": meta["assignment_id"],
            "timestamp": meta["timestamp"],
            "status": "submitted",
            "path": os.path.join(
                self.cache,
                meta["course_id"],
                f"{meta['student_id']}+{meta['assignment_id']}+{meta['timestamp']}",
            ),
            "notebooks": [],
        }
        fb_dir = os.path.join(
            self.local_dir(meta["course_id"], meta["assignment_id"]), "feedback", meta["timestamp"]
        )
        for nb in meta["notebooks"]:
            local = os.path.join(fb_dir, f"{nb}.html")
            has_local = local_feedback and os.path.isfile(local)
            exchange_sum = meta["feedback"].get(nb)
            info["notebooks"].append(
                {
                    "notebook_id": nb,
                    "path": os.path.join(info["path"], f"{nb}.ipynb"),
                    "has_local_feedback": has_local,
                    "has_exchange_feedback": exchange_sum is not None,
                    "local_feedback_path": local if has_local else None,
                    "feedback_updated": bool(has_local and exchange_sum and _md5(local) != exchange_sum),
                }
            )
        nbs = info["notebooks"]
        info["has_local_feedback"] = bool(nbs) and all(n["has_local_feedback"] for n in nbs)
        info["has_exchange_feedback"] = bool(nbs) and all(n["has_exchange_feedback"] for n in nbs)
        info["feedback_updated"] = any(n["feedback_updated"] for n in nbs)
        info["local_feedback_path"] = fb_dir if info["has_local_feedback"] else None
        return info

    def submitted_info(self) -> list[dict]:
        if self.inbound:
            student = self.coursedir.student_id if self.coursedir.student_id not in ("", "*") else ""
            metas = self.get_json(
                self.course_path("hand-ins"), {"assignment": self.coursedir.assignment_id, "student": student}
            )
        else:
            metas = self.get_json(
                self.course_path("my", "hand-ins"),
                {"assignment": self.coursedir.assignment_id, "student": self.claimed_student()},
            )
        groups = defaultdict(list)
        for meta in metas:
            groups[(meta["course_id"], meta["student_id"], meta["assignment_id"])].append(
                self.submission_info(meta, local_feedback=not self.inbound)
            )
        return [
            {
                "course_id": key[0],
                "student_id": key[1],
                "assignment_id": key[2],
                "status": "submitted",
                "submissions": sorted(subs, key=lambda s: parse_utc(s["timestamp"])),
            }
            for key, subs in sorted(groups.items())
        ]

    def list_files(self):
        if self.inbound or self.cached:
            assignments = self.submitted_info()
            self.log.info("Submitted assignments:")
            for a in assignments:
                for s in a["submissions"]:
                    note = (
                        " (feedback already fetched)"
                        if s["has_local_feedback"] and not s["feedback_updated"]
                        else " (feedback ready to be fetched)"
                        if s["has_exchange_feedback"]
                        else " (no feedback available)"
                    )
                    self.log.info(
                        "%s %s %s %s%s",
                        s["course_id"],
                        s["student_id"],
                        s["assignment_id"],
                        s["timestamp"],
                        note,
                    )
            return assignments
        assignments = self.released_info()
        self.log.info("Released assignments:")
        for a in assignments:
            self.log.info(
                "%s %s%s",
                a["course_id"],
                a["assignment_id"],
                " (already downloaded)" if a["status"] == "fetched" else "",
            )
        return assignments

    def remove_files(self):
        if self.inbound:
            self.fail("Hand-ins are kept by the course exchange and cannot be removed from here.")
        if self.cached:
            assignments = self.submitted_info()
            for a in assignments:
                for s in a["submissions"]:
                    shutil.rmtree(s["path"], ignore_errors=True)
                    s["status"] = "removed"
            return assignments
        if not self.coursedir.assignment_id:
            self.fail("Name the assignment to remove from the exchange.")
        assignments = self.released_info()
        self.request("DELETE", self.course_path("assignments", self.coursedir.assignment_id))
        for a in assignments:
            a["status"] = "removed"
        self.log.info(
            "Removed from the exchange: %s %s", self.coursedir.course_id, self.coursedir.assignment_id
        )
        return assignments


__all__ = [
    "HubExchange",
    "HubExchangeCollect",
    "HubExchangeFetchAssignment",
    "HubExchangeFetchFeedback",
    "HubExchangeList",
    "HubExchangeReleaseAssignment",
    "HubExchangeReleaseFeedback",
    "HubExchangeSubmit",
]
