"""The dashboard's pages, served by the Jupyter server it is loaded into (see __init__.py).

Pages are rendered on the server with Jinja2 autoescaping: learner text only ever reaches the page as
escaped text, and saving a review is a plain HTML form (keyboard operable, no script needed). Jupyter's
own login and XSRF checks guard every page; on JupyterHub that is the hub's login and the access scope
of the server it runs in.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from markupsafe import Markup
from tornado import web

from . import cohort as C
from .export import criteria_csv
from .reviews import ReviewError, load_reviews, save_review
from .texts import LANGS, t

HERE = Path(__file__).parent
PREFIX = "backa-instructor"
QUEUE_PAGE = 10
LEARNERS_PAGE = 50

_env = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(["html", "svg"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{round(x, 2):g}"


_env.filters["num"] = _fmt


class State:
    """The course the dashboard shows; opened on first use so that a wrong folder shows as a page."""

    def __init__(self, course_dir: Path) -> None:
        self.course_dir = course_dir
        self._course: C.Course | None = None

    def course(self) -> C.Course | None:
        if self._course is None:
            try:
                self._course = C.open_course(self.course_dir)
            except FileNotFoundError:
                return None
        return self._course


class Base(JupyterHandler):
    @property
    def state(self) -> State:
        return self.settings["backa_instructor"]

    def lang(self) -> str:
        chosen = self.get_argument("lang", None)
        if chosen in LANGS:
            self.set_cookie("backa-instructor-lang", chosen, path=self.base_url)
            return chosen
        cookie = self.get_cookie("backa-instructor-lang")
        if cookie in LANGS:
            return cookie
        accept = self.request.headers.get("Accept-Language", "")
        return "sv" if accept.lower().startswith("sv") else "en"

    def url(self, *parts: str, **query) -> str:
        path = url_path_join(self.base_url, PREFIX, *parts)
        q = {k: v for k, v in query.items() if v not in (None, "")}
        return path + ("?" + urlencode(q) if q else "")

    def page(self, template: str, status: int = 200, **ctx) -> None:
        lang = ctx.pop("lang", None) or self.lang()
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        # Learner text is personal data: never keep these pages in a shared cache.
        self.set_header("Cache-Control", "no-store")
        self.finish(
            _env.get_template(template).render(
                t=lambda key, **kw: t(key, lang, **kw),
                lang=lang,
                other_lang="en" if lang == "sv" else "sv",
                url=self.url,
                xsrf=Markup(self.xsrf_form_html()),
                static=lambda name: self.url("static", name),
                **ctx,
            )
        )

    def need_course(self) -> C.Course | None:
        course = self.state.course()
        if course is None:
            self.page("missing.html", status=404, path=str(self.state.course_dir), active="")
        return course

    def cohort(self, course: C.Course, with_grader: bool = True) -> tuple[C.Cohort, dict]:
        return C.read_cohort(course, with_grader=with_grader), load_reviews(course)


def _pages(n: int, per: int, page: int) -> tuple[int, int]:
    pages = max(1, math.ceil(n / per))
    return min(max(1, page), pages), pages


def _int(value: str | None, default: int = 1) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


class Overview(Base):
    @web.authenticated
    def get(self):
        course = self.need_course()
        if course is None:
            return
        lang = self.lang()
        cohort, reviews = self.cohort(course)
        queue = C.review_queue(cohort, reviews)
        waiting_review = {}
        for e in queue:
            waiting_review[e.sub.assignment] = waiting_review.get(e.sub.assignment, 0) + 1
        modules = []
        for m in cohort.modules:
            subs = cohort.of_module(m.assignment)
            handed = {s.student for s in subs}
            waiting = sorted(st for (st, a) in cohort.waiting if a == m.assignment)
            missing = [s for s in cohort.students if s not in handed and s not in waiting]
            dist = C.score_distribution(cohort, m.assignment)
            modules.append(
                {
                    "info": m,
                    "handed": sorted(handed),
                    "waiting": waiting,
                    "missing": missing,
                    "mean": (sum(s.score for s in subs) / len(subs)) if subs else None,
                    "review": waiting_review.get(m.assignment, 0),
                    "dist": dist,
                    "dist_max": max([n for _, n in dist] + [1]),
                    "shares": C.criterion_shares(cohort, m.assignment, reviews, lang),
                }
            )
        self.page(
            "overview.html",
            lang=lang,
            active="overview",
            modules=modules,
            n_students=len(cohort.students),
            names=cohort.names,
            queue_n=len(queue),
        )


class Queue(Base):
    @web.authenticated
    def get(self):
        self.show()

    def show(self, error: dict | None = None, status: int = 200):
        course = self.need_course()
        if course is None:
            return
        lang = self.lang()
        cohort, reviews = self.cohort(course)
        queue = C.review_queue(cohort, reviews)
        page, pages = _pages(len(queue), QUEUE_PAGE, _int(self.get_argument("page", None)))
        if error:  # show the page with the entry that could not be saved
            keys = [e.key for e in queue]
            if error["key"] in keys:
                page = keys.index(error["key"]) // QUEUE_PAGE + 1
        entries = queue[(page - 1) * QUEUE_PAGE : page * QUEUE_PAGE]
        saved = None
        if self.get_argument("saved", None):
            saved = {
                k: self.get_argument(k, "") for k in ("saved", "student", "module", "grade", "score", "max")
            }
        self.page(
            "queue.html",
            status=status,
            lang=lang,
            active="queue",
            entries=[_entry_view(e, lang) for e in entries],
            total=len(queue),
            page=page,
            pages=pages,
            names=cohort.names,
            saved=saved,
            error=error,
            queue_n=len(queue),
        )

    @web.authenticated
    def post(self):
        course = self.need_course()
        if course is None:
            return
        student = self.get_body_argument("student", "")
        assignment = self.get_body_argument("assignment", "")
        grade_id = self.get_body_argument("grade_id", "")
        comment = self.get_body_argument("comment", "")
        met = set(self.get_body_arguments("met"))
        raw_score = self.get_body_argument("score", None)
        key = C.review_key(student, assignment, grade_id)
        try:
            score = None
            if raw_score not in (None, ""):
                try:
                    score = float(raw_score.replace(",", "."))
                except ValueError:
                    raise ReviewError(f"{raw_score!r} is not a number.") from None
            item = grade_id in C.module_items(assignment)
            saved = save_review(
                course,
                student,
                assignment,
                grade_id,
                seen_sha1=self.get_body_argument("seen", ""),
                criteria={cid: True for cid in met} if item else None,
                score=score,
                comment=comment,
                by=getattr(self.current_user, "username", "") or "",
            )
        except ReviewError as e:
            self.show(error={"key": key, "message": str(e), "comment": comment, "met": met}, status=400)
            return
        self.redirect(
            self.url(
                "queue",
                page=self.get_body_argument("page", "1"),
                saved=key,
                student=student,
                module=assignment,
                grade=grade_id,
                score=f"{saved.score:g}",
                max=f"{saved.max_score:g}",
            )
        )


def _entry_view(e: C.QueueEntry, lang: str) -> dict:
    cell = e.cell
    result = cell.result or {}
    review_criteria = set(result.get("review_criteria") or [])
    decided = C.criterion_decisions(cell, e.review)
    prior = e.review if (e.review and e.review.get("text_sha1") == cell.text_sha1) else None
    labels = (
        {c["id"]: c["label"] for c in C.item_info(cell.grade_id)["criteria"]} if cell.kind == "item" else {}
    )
    criteria = []
    for c in result.get("criteria", []):
        obj = cell.objections.get(c["id"])
        criteria.append(
            {
                "id": c["id"],
                "label": labels.get(c["id"], {}).get(lang) or c["label"],
                "met": bool(c["met"]),
                "checked": decided.get(c["id"], bool(c["met"])),
                "evidence": c.get("evidence"),
                "feedback": c.get("feedback"),
                "unsure": c["id"] in review_criteria,
                "objection": obj,
                "objection_stale": bool(
                    obj and obj.get("text_sha1") and obj.get("text_sha1") != cell.text_sha1
                ),
                "objection_at": _when(obj.get("at")) if obj else "",
            }
        )
    return {
        "key": e.key,
        "anchor": "e-" + C.sha1(e.key)[:10],
        "student": e.sub.student,
        "assignment": e.sub.assignment,
        "grade_id": cell.grade_id,
        "kind": cell.kind,
        "text": cell.text,
        "lang": cell.lang,
        "seen": cell.text_sha1,
        "auto_score": cell.auto_score,
        "manual_score": cell.manual_score,
        "max_score": cell.max_score,
        "flagged": e.flagged,
        "objected": e.objected,
        "changed": e.changed,
        "criteria": criteria,
        "message": result.get("message"),
        "comment": cell.comment or (prior or {}).get("comment") or "",
        "submitted": e.sub.timestamp.strftime("%Y-%m-%d %H:%M") if e.sub.timestamp else "",
        "problem": e.sub.answers_problem,
    }


def _when(at) -> str:
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(float(at)))
    except (TypeError, ValueError, OverflowError):
        return ""


class Learners(Base):
    @web.authenticated
    def get(self):
        course = self.need_course()
        if course is None:
            return
        lang = self.lang()
        cohort, reviews = self.cohort(course, with_grader=False)
        queue = C.review_queue(cohort, reviews)
        to_review = {(e.sub.student, e.sub.assignment) for e in queue}
        q = (self.get_argument("q", "") or "").strip().lower()
        students = [
            s for s in cohort.students if not q or q in s.lower() or q in cohort.names.get(s, "").lower()
        ]
        page, pages = _pages(len(students), LEARNERS_PAGE, _int(self.get_argument("page", None)))
        rows = []
        for s in students[(page - 1) * LEARNERS_PAGE : page * LEARNERS_PAGE]:
            cells, total, top = [], 0.0, 0.0
            for m in cohort.modules:
                sub = cohort.submissions.get((s, m.assignment))
                top += m.max_score
                if sub:
                    total += sub.score
                    status = "review" if (s, m.assignment) in to_review else "graded"
                    cells.append(
                        {"status": status, "score": sub.score, "max": m.max_score, "module": m.assignment}
                    )
                elif (s, m.assignment) in cohort.waiting:
                    cells.append({"status": "waiting", "max": m.max_score, "module": m.assignment})
                else:
                    cells.append({"status": "missing", "max": m.max_score, "module": m.assignment})
            rows.append(
                {"student": s, "name": cohort.names.get(s, ""), "cells": cells, "total": total, "top": top}
            )
        self.page(
            "learners.html",
            lang=lang,
            active="learners",
            modules=cohort.modules,
            rows=rows,
            q=self.get_argument("q", ""),
            page=page,
            pages=pages,
            n=len(students),
            queue_n=len(queue),
        )


class Export(Base):
    @web.authenticated
    def get(self):
        course = self.need_course()
        if course is None:
            return
        cohort, reviews = self.cohort(course)
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="criteria.csv"')
        self.set_header("Cache-Control", "no-store")
        self.finish(criteria_csv(cohort, reviews))


class Static(web.StaticFileHandler):
    pass


def load(serverapp) -> None:
    course_dir = Path(os.environ.get("BACKA_COURSE_DIR") or serverapp.root_dir).resolve()
    webapp = serverapp.web_app
    webapp.settings["backa_instructor"] = State(course_dir)
    base = webapp.settings["base_url"]

    def route(path: str) -> str:
        return url_path_join(base, PREFIX, path)

    webapp.add_handlers(
        ".*$",
        [
            (route("/?"), Overview),
            (route("/queue/?"), Queue),
            (route("/learners/?"), Learners),
            (route("/criteria.csv"), Export),
            (route("/static/(.*)"), Static, {"path": str(HERE / "static")}),
        ],
    )
    serverapp.log.info("Instructor dashboard for %s at %s", course_dir, route("/"))
