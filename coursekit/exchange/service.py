"""The course exchange: nbgrader's hand-out and hand-in as a JupyterHub service.

Who someone is comes from the JupyterHub token their server sends, never from a name they type, so
learners who share one Unix user (every Zero to JupyterHub pod runs as jovyan) still cannot see,
replace or impersonate each other. What a token may do comes from the hub's groups:

- instructors of course C are the members of ``formgrade-C``: they release, collect, list hand-ins
  and release feedback;
- learners are the members of ``nbgrader-C`` (and the instructors): they fetch what is released,
  hand in as themselves, and see their own hand-ins and feedback, nobody else's.

Storage is a private folder of the service (mode 0700), which no learner's server mounts:

    <root>/<course>/released/<assignment>/{files.zip, meta.json}
    <root>/<course>/submissions/<student>/<assignment>/<id>/{files.zip, meta.json, feedback/}

Hand-ins are never changed once stored; each hand-in is a new one. Run by the hub (see
deploy/jupyterhub/jupyterhub_config.py) or as its own pod on Kubernetes (deploy/z2jh/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import logging
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

from tornado import ioloop, web

from .archive import ArchiveError, check_archive, check_id, notebooks_in, pack

SERVICE_NAME = "course-exchange"
# nbgrader's documented JupyterHub groups: who grades a course, and who takes it.
INSTRUCTOR_GROUP = "formgrade-{course}"
LEARNER_GROUP = "nbgrader-{course}"
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's default, in UTC
log = logging.getLogger("course-exchange")


# A short code beside each message, so a page can say it in the learner's own language.
CODES = {
    400: "bad-request",
    401: "not-signed-in",
    403: "forbidden",
    404: "not-found",
    409: "exists",
    503: "hub-unreachable",
}


class Refused(web.HTTPError):
    """A request the exchange turns down, with a message meant for the person who made it."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(status, reason=None)
        self.message = message
        self.code = code or CODES.get(status, "error")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


class Store:
    """The exchange's files. Only the service process reads or writes them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o700)

    def course(self, course: str) -> Path:
        return self.root / check_id(course, "course")

    # Released assignments
    def released(self, course: str) -> list[dict]:
        folder = self.course(course) / "released"
        if not folder.is_dir():
            return []
        out = []
        for meta in sorted(folder.glob("*/meta.json")):
            if not meta.parent.name.startswith("."):  # not a release left half-made by a crash
                out.append(json.loads(meta.read_text()))
        return out

    def release_dir(self, course: str, assignment: str) -> Path:
        return self.course(course) / "released" / check_id(assignment, "assignment")

    def release(
        self, course: str, assignment: str, data: bytes, names: list[str], by: str, force: bool
    ) -> dict:
        folder = self.release_dir(course, assignment)
        if folder.exists() and not force:
            raise Refused(409, f"{assignment} is already released; release again with --force to replace it")
        meta = {
            "course_id": course,
            "assignment_id": assignment,
            "notebooks": notebooks_in(names),
            "files": sorted(names),
            "released_at": utcnow().strftime(TIMESTAMP_FORMAT),
            "released_by": by,
            "checksum": md5(data),
        }
        # Build the new release beside the old one, then swap, so a learner never fetches half of it.
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".new-"))
        write_atomic(staging / "files.zip", data)
        write_atomic(staging / "meta.json", json.dumps(meta).encode())
        if folder.exists():
            old = folder.with_name(f".old-{assignment}-{os.getpid()}")
            os.replace(folder, old)
            os.replace(staging, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, folder)
        return meta

    def unrelease(self, course: str, assignment: str) -> None:
        folder = self.release_dir(course, assignment)
        if not folder.is_dir():
            raise Refused(404, f"{assignment} is not released in {course}", "not-released")
        shutil.rmtree(folder)

    # Hand-ins
    def student_dir(self, course: str, student: str, assignment: str) -> Path:
        return (
            self.course(course)
            / "submissions"
            / check_id(student, "user")
            / check_id(assignment, "assignment")
        )

    def submit(self, course: str, assignment: str, student: str, data: bytes, names: list[str]) -> dict:
        folder = self.student_dir(course, student, assignment)
        folder.mkdir(parents=True, exist_ok=True)
        now = utcnow()
        while True:  # two hand-ins in the same microsecond get distinct ids
            sid = now.strftime("%Y%m%dT%H%M%S.%fZ")
            try:
                (folder / sid).mkdir()
                break
            except FileExistsError:
                now += dt.timedelta(microseconds=1)
        meta = {
            "course_id": course,
            "assignment_id": assignment,
            "student_id": student,
            "id": sid,
            "timestamp": now.strftime(TIMESTAMP_FORMAT),
            "notebooks": notebooks_in(names),
            "checksum": md5(data),
        }
        write_atomic(folder / sid / "files.zip", data)
        write_atomic(folder / sid / "meta.json", json.dumps(meta).encode())
        return meta

    def submissions(
        self, course: str, assignment: str | None = None, student: str | None = None
    ) -> list[dict]:
        base = self.course(course) / "submissions"
        students = [check_id(student, "user")] if student else None
        out = []
        if not base.is_dir():
            return out
        for sdir in sorted(base.iterdir()):
            if students is not None and sdir.name not in students:
                continue
            for adir in sorted(sdir.iterdir()):
                if assignment and adir.name != assignment:
                    continue
                for sub in sorted(adir.iterdir()):
                    meta_path = sub / "meta.json"
                    if not meta_path.is_file():
                        continue  # a hand-in still being written
                    meta = json.loads(meta_path.read_text())
                    meta["feedback"] = self.feedback_checksums(sub)
                    out.append(meta)
        return out

    def find(
        self, course: str, student: str, assignment: str, timestamp: str | None = None, sid: str | None = None
    ) -> Path:
        folder = self.student_dir(course, student, assignment)
        if folder.is_dir():
            for sub in sorted(folder.iterdir(), reverse=True):
                meta_path = sub / "meta.json"
                if not meta_path.is_file():
                    continue
                meta = json.loads(meta_path.read_text())
                if (sid and meta["id"] == sid) or (timestamp and meta["timestamp"] == timestamp):
                    return sub
        raise Refused(404, f"No hand-in of {assignment} by {student} at {timestamp or sid}")

    @staticmethod
    def feedback_checksums(sub: Path) -> dict[str, str]:
        fb = sub / "feedback"
        if not fb.is_dir():
            return {}
        return {p.stem: md5(p.read_bytes()) for p in sorted(fb.glob("*.html"))}

    def set_feedback(self, sub: Path, files: dict[str, bytes]) -> None:
        staging = Path(tempfile.mkdtemp(dir=sub, prefix=".feedback-"))
        for name, data in files.items():
            (staging / name).write_bytes(data)
        old = sub / ".feedback-old"
        if (sub / "feedback").exists():
            os.replace(sub / "feedback", old)
        os.replace(staging, sub / "feedback")
        shutil.rmtree(old, ignore_errors=True)


class ExchangeHandler(web.RequestHandler):
    """Every request is authenticated with a JupyterHub token in the Authorization header."""

    user: dict

    @property
    def store(self) -> Store:
        return self.settings["store"]

    @property
    def hub_auth(self):
        return self.settings["hub_auth"]

    def write_error(self, status_code: int, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        message = getattr(exc, "message", None) or self._reason
        code = getattr(exc, "code", None) or CODES.get(status_code, "error")
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message, "code": code}))

    async def prepare(self) -> None:
        token = self.hub_auth.get_token(self, in_cookie=False)
        if not token:
            raise Refused(401, "Sign in to the hub first: the request carried no JupyterHub token")
        try:
            model = await self.hub_auth.user_for_token(token, sync=False)
        except web.HTTPError as e:  # HubAuth's way of saying the hub did not answer
            log.error("cannot check a token with the hub: %s", e)
            raise Refused(
                503, "The hub cannot be reached to check who you are. Try again in a minute."
            ) from e
        if not model:
            raise Refused(
                401, "The hub did not accept this token; restart your server from the hub's control panel"
            )
        if model.get("kind", "user") != "user":
            raise Refused(403, "Only hub users can use the course exchange")
        try:
            check_id(model["name"], "user")  # it names their folder here and in the instructor's course
        except ArchiveError as e:
            raise Refused(403, f"{e}; ask the hub's administrator for a plain user name") from e
        if not self.hub_auth.check_scopes(self.hub_auth.access_scopes, model):
            raise Refused(
                403,
                f"{model['name']} is not enrolled in any course on this exchange. Ask the instructor to add you "
                "to the course's group on the hub, then restart your server from the hub's control panel.",
                "not-enrolled",
            )
        self.user = model

    @property
    def name(self) -> str:
        return self.user["name"]

    def is_instructor(self, course: str) -> bool:
        return self.settings["instructor_group"].format(course=course) in self.user.get("groups", [])

    def is_learner(self, course: str) -> bool:
        return self.is_instructor(course) or self.settings["learner_group"].format(
            course=course
        ) in self.user.get("groups", [])

    def need_instructor(self, course: str, what: str) -> None:
        if not self.is_instructor(course):
            log.warning("refused %s: %s is not an instructor of %s", what, self.name, course)
            raise Refused(403, f"Only the instructors of {course} can {what}.")

    def need_learner(self, course: str) -> None:
        if not self.is_learner(course):
            raise Refused(
                403,
                f"{self.name} is not enrolled in {course}. Ask the instructor to add you.",
                "not-enrolled",
            )

    def body_archive(self, only_suffix: str | None = None) -> tuple[bytes, list[str]]:
        try:
            data = self.request.body
            return data, check_archive(data, self.settings["max_bytes"], only_suffix)
        except ArchiveError as e:
            raise Refused(400, str(e)) from e

    def send_json(self, value) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(value))

    def send_zip(self, data: bytes, filename: str) -> None:
        self.set_header("Content-Type", "application/zip")
        self.set_header("Content-Disposition", f'attachment; filename="{filename}"')
        self.finish(data)

    def ids(self, course: str, assignment: str | None = None, student: str | None = None) -> None:
        try:
            check_id(course, "course")
            if assignment is not None:
                check_id(assignment, "assignment")
            if student is not None:
                check_id(student, "user")
        except ArchiveError as e:
            raise Refused(400, str(e)) from e


class WhoAmI(ExchangeHandler):
    def get(self, course: str) -> None:
        self.ids(course)
        self.send_json(
            {"name": self.name, "instructor": self.is_instructor(course), "learner": self.is_learner(course)}
        )


class Released(ExchangeHandler):
    def get(self, course: str) -> None:
        self.ids(course)
        self.need_learner(course)
        self.send_json(self.store.released(course))


class ReleasedAssignment(ExchangeHandler):
    def get(self, course: str, assignment: str) -> None:
        self.ids(course, assignment)
        self.need_learner(course)
        folder = self.store.release_dir(course, assignment)
        if not (folder / "files.zip").is_file():
            raise Refused(404, f"{assignment} is not released in {course}", "not-released")
        log.info("%s fetched %s/%s", self.name, course, assignment)
        self.send_zip((folder / "files.zip").read_bytes(), f"{assignment}.zip")

    def put(self, course: str, assignment: str) -> None:
        self.ids(course, assignment)
        self.need_instructor(course, "release assignments")
        data, names = self.body_archive()
        meta = self.store.release(
            course, assignment, data, names, self.name, self.get_argument("force", "") == "1"
        )
        log.info("%s released %s/%s (%d files)", self.name, course, assignment, len(names))
        self.send_json(meta)

    def delete(self, course: str, assignment: str) -> None:
        self.ids(course, assignment)
        self.need_instructor(course, "remove released assignments")
        self.store.unrelease(course, assignment)
        log.info("%s removed the release of %s/%s", self.name, course, assignment)
        self.send_json({"removed": assignment})


class HandIn(ExchangeHandler):
    def post(self, course: str, assignment: str) -> None:
        self.ids(course, assignment)
        self.need_learner(course)
        claimed = self.get_argument("student", "")
        if claimed and claimed != self.name:
            log.warning(
                "refused hand-in: %s tried to hand in %s/%s as %s", self.name, course, assignment, claimed
            )
            raise Refused(
                403, f"You are signed in as {self.name}; you can only hand in as yourself, not as {claimed}."
            )
        if not (self.store.release_dir(course, assignment) / "meta.json").is_file():
            raise Refused(
                404, f"{assignment} is not released in {course}, so it cannot be handed in", "not-released"
            )
        data, names = self.body_archive()
        meta = self.store.submit(course, assignment, self.name, data, names)
        log.info("%s handed in %s/%s at %s", self.name, course, assignment, meta["timestamp"])
        self.send_json(meta)


class MyHandIns(ExchangeHandler):
    """A learner's own hand-ins (and whether feedback waits for them); never anyone else's."""

    def get(self, course: str) -> None:
        self.ids(course)
        self.need_learner(course)
        claimed = self.get_argument("student", "")
        if claimed and claimed != self.name:
            raise Refused(403, f"You are signed in as {self.name}; you can only see your own hand-ins.")
        assignment = self.get_argument("assignment", "") or None
        if assignment:
            self.ids(course, assignment)
        self.send_json(self.store.submissions(course, assignment, self.name))


class MyFeedback(ExchangeHandler):
    def get(self, course: str, assignment: str) -> None:
        self.ids(course, assignment)
        self.need_learner(course)
        claimed = self.get_argument("student", "")
        if claimed and claimed != self.name:
            log.warning("refused feedback: %s asked for the feedback of %s", self.name, claimed)
            raise Refused(403, f"You are signed in as {self.name}; you can only fetch your own feedback.")
        log.info("%s fetched feedback for %s/%s", self.name, course, assignment)
        self.send_zip(feedback_zip(self.store, course, self.name, assignment), f"{assignment}-feedback.zip")


def feedback_zip(store: Store, course: str, student: str, assignment: str) -> bytes:
    """Feedback for each of a learner's hand-ins, as <timestamp>/<notebook>.html (nbgrader's layout)."""
    files = []
    for meta in store.submissions(course, assignment, student):
        sub = store.find(course, student, assignment, sid=meta["id"])
        for html in sorted((sub / "feedback").glob("*.html")):
            files.append((f"{meta['timestamp']}/{html.name}", html))
    return pack(files)


class AllHandIns(ExchangeHandler):
    def get(self, course: str) -> None:
        self.ids(course)
        self.need_instructor(course, "list hand-ins")
        assignment = self.get_argument("assignment", "") or None
        student = self.get_argument("student", "") or None
        self.ids(course, assignment, student)
        self.send_json(self.store.submissions(course, assignment, student))


class OneHandIn(ExchangeHandler):
    def get(self, course: str, student: str, assignment: str, sid: str) -> None:
        self.ids(course, assignment, student)
        self.need_instructor(course, "read hand-ins")
        sub = self.store.find(course, student, assignment, sid=sid)
        log.info("%s collected %s/%s by %s (%s)", self.name, course, assignment, student, sid)
        self.send_zip((sub / "files.zip").read_bytes(), f"{student}-{assignment}.zip")


class Feedback(ExchangeHandler):
    def put(self, course: str, student: str, assignment: str) -> None:
        self.ids(course, assignment, student)
        self.need_instructor(course, "release feedback")
        timestamp = self.get_argument("timestamp")
        sub = self.store.find(course, student, assignment, timestamp=timestamp)
        data, names = self.body_archive(only_suffix=".html")
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            files = {n: zf.read(n) for n in names}
        self.store.set_feedback(sub, files)
        log.info("%s released feedback on %s/%s to %s", self.name, course, assignment, student)
        self.send_json({"student_id": student, "timestamp": timestamp, "files": sorted(files)})

    def get(self, course: str, student: str, assignment: str) -> None:
        self.ids(course, assignment, student)
        if student != self.name:
            log.warning("refused feedback: %s asked for the feedback of %s", self.name, student)
            self.need_instructor(course, "read other people's feedback")
        self.send_zip(feedback_zip(self.store, course, student, assignment), f"{assignment}-feedback.zip")


class Health(web.RequestHandler):
    def get(self) -> None:
        self.finish({"ok": True})


def make_app(
    store: Store,
    hub_auth,
    prefix: str = f"/services/{SERVICE_NAME}/",
    instructor_group: str = INSTRUCTOR_GROUP,
    learner_group: str = LEARNER_GROUP,
    max_bytes: int = 100_000_000,
) -> web.Application:
    p = prefix.rstrip("/") + "/api"
    part = r"([^/]+)"
    return web.Application(
        [
            (f"{p}/health", Health),
            (f"{p}/courses/{part}/whoami", WhoAmI),
            (f"{p}/courses/{part}/assignments", Released),
            (f"{p}/courses/{part}/assignments/{part}", ReleasedAssignment),
            (f"{p}/courses/{part}/assignments/{part}/hand-in", HandIn),
            (f"{p}/courses/{part}/my/hand-ins", MyHandIns),
            (f"{p}/courses/{part}/my/feedback/{part}", MyFeedback),
            (f"{p}/courses/{part}/hand-ins", AllHandIns),
            (f"{p}/courses/{part}/hand-ins/{part}/{part}/{part}", OneHandIn),
            (f"{p}/courses/{part}/feedback/{part}/{part}", Feedback),
        ],
        store=store,
        hub_auth=hub_auth,
        instructor_group=instructor_group,
        learner_group=learner_group,
        max_bytes=max_bytes,
        # The largest upload tornado accepts; archives are checked again against max_bytes.
        max_body_size=max_bytes + 10_000_000,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-exchange", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--root", default=os.environ.get("COURSE_EXCHANGE_ROOT", "/srv/nbgrader/course-exchange")
    )
    parser.add_argument("--name", default=os.environ.get("JUPYTERHUB_SERVICE_NAME", SERVICE_NAME))
    parser.add_argument(
        "--url",
        default=os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:8765"),
        help="where to listen (the hub passes this to a service it runs)",
    )
    parser.add_argument("--prefix", default=None, help="URL prefix (default: /services/<name>/)")
    parser.add_argument(
        "--instructor-group", default=INSTRUCTOR_GROUP, help="hub group of a course's instructors"
    )
    parser.add_argument("--learner-group", default=LEARNER_GROUP, help="hub group of a course's learners")
    parser.add_argument("--max-mb", type=int, default=100, help="largest hand-in or release, in MB")
    args = parser.parse_args(argv)
    url = urlparse(args.url)
    if not url.port:
        parser.error(f"--url needs a port: {args.url}")
    if not os.environ.get("JUPYTERHUB_API_TOKEN") or not os.environ.get("JUPYTERHUB_API_URL"):
        parser.error(
            "JUPYTERHUB_API_TOKEN and JUPYTERHUB_API_URL must be set (the hub sets them for its services)"
        )
    os.umask(0o077)
    logging.basicConfig(level=logging.WARNING, format="[%(name)s %(asctime)s] %(message)s", stream=sys.stderr)
    log.setLevel(logging.INFO)  # its own record of who released, handed in, collected or was refused

    from jupyterhub.services.auth import HubAuth

    hub_auth = HubAuth(access_scopes={f"access:services!service={args.name}"}, cache_max_age=60)
    prefix = args.prefix or os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or f"/services/{args.name}/"
    app = make_app(
        Store(Path(args.root)),
        hub_auth,
        prefix,
        args.instructor_group,
        args.learner_group,
        args.max_mb * 1_000_000,
    )
    app.listen(url.port, url.hostname or "127.0.0.1", xheaders=True)
    log.info("course exchange at %s%s, files in %s", args.url.rstrip("/"), prefix, args.root)
    ioloop.IOLoop.current().start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
