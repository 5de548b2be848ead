"""Hand in without a browser: coursekit.handin over nbgrader's real exchange in a temporary folder, the
view's requests (widgets.handin), and the course home the hub's server extension writes.

coursekit.handin goes through whatever exchange nbgrader is configured with, so these tests use
nbgrader's own folder exchange (fast, no hub). The hub's configuration names the course exchange
instead: tests/test_hub_learner.py hands in through it on a real hub, and the course exchange's errors
are mapped to the learner's words here and there.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.exchange.default import ExchangeList, ExchangeSubmit
from traitlets.config import Config

from coursekit.build import write_config
from coursekit.content import module
from coursekit.exchange.client import HubExchangeError
from coursekit.handin import EXCHANGE_CODES, KINDS, CourseExchange, HandInError, course_mode
from tests.test_deploy import DEPLOY, load_py_config

pytestmark = pytest.mark.slow

COURSE_ID = "backa-dialogue"
STANCE, WELCOME = module("stance"), module("welcome")


@pytest.mark.parametrize(
    ("env", "mode"),
    [
        ({}, "self-study"),
        ({"JUPYTERHUB_USER": "anna"}, "hub"),
        # `make start` from a terminal on the hub is still self-study
        ({"JUPYTERHUB_USER": "anna", "BACKA_LEARNER_DIR": "/x"}, "self-study"),
        ({"BACKA_COURSE_MODE": "hub"}, "hub"),
        ({"JUPYTERHUB_USER": "anna", "BACKA_COURSE_MODE": "self-study"}, "self-study"),
        ({"BACKA_COURSE_MODE": "nonsense"}, "self-study"),
    ],
)
def test_hub_or_self_study_from_the_environment(env, mode):
    assert course_mode(env) == mode


def test_an_nbgrader_exchange_in_the_configuration_means_hand_in(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path / "none"))
    config = tmp_path / "nbgrader_config.py"
    assert course_mode({}, tmp_path) == "self-study"
    config.write_text(f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n")
    assert course_mode({}, tmp_path) == "self-study"  # an instructor's course folder: no exchange named
    config.write_text(config.read_text() + "c.Exchange.root = '/srv/nbgrader/exchange'\n")
    assert course_mode({}, tmp_path) == "hub"
    assert course_mode({"BACKA_LEARNER_DIR": str(tmp_path)}, tmp_path) == "self-study"


class Setup:
    def __init__(self, tmp: Path, built: Path) -> None:
        self.tmp = tmp
        self.exchange = tmp / "exchange"
        self.exchange.mkdir()
        self.exchange.chmod(0o777)
        self.course = tmp / "instructor"
        shutil.copytree(
            built, self.course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
        )
        write_config(self.course, COURSE_ID)

    def instructor(self, action: str, assignment: str) -> None:
        """What `nbgrader <action> <assignment>` does, through nbgrader's API in this process (faster)."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        cfg = load_py_config(self.course / "nbgrader_config.py")  # as written by `backa-course build`
        cfg.Exchange.root = str(self.exchange)
        api = NbGraderAPI(CourseDirectory(config=cfg), config=cfg)
        result = getattr(api, action)(assignment)
        assert result["success"], result

    def learner(self, name: str, root: Path | None = None, **extra) -> CourseExchange:
        """A learner's exchange, configured as the hub configures it (course id, files to carry), but
        with nbgrader's own folder exchange in place of the course exchange."""
        root = root or self.tmp / name
        root.mkdir(exist_ok=True)
        cfg = load_py_config(DEPLOY / "nbgrader_config.py")  # the hub's system-wide configuration
        assert "coursekit.exchange.client" in cfg.ExchangeFactory.submit
        del cfg["ExchangeFactory"]  # nbgrader's defaults: its folder exchange
        cfg.Exchange.root = str(self.exchange)
        cfg.Exchange.cache = str(root / ".cache")  # nbgrader's default is in the learner's home
        for section, values in extra.items():
            for key, value in values.items():
                setattr(cfg[section], key, value)
        return CourseExchange(root, config=cfg, env={"JUPYTERHUB_USER": name})


@pytest.fixture
def setup(built_course, tmp_path):
    return Setup(tmp_path, built_course)


def test_release_fetch_hand_in_and_feedback(setup):
    anna, bertil = setup.learner("anna"), setup.learner("bertil")
    assert anna.states() == {}
    setup.instructor("release_assignment", STANCE.assignment)
    state = anna.states()[STANCE.assignment]
    assert state.released and not state.fetched and state.last is None

    with pytest.raises(HandInError) as err:
        anna.submit(STANCE.assignment)
    assert err.value.kind == "not-fetched"
    folder = anna.fetch(STANCE.assignment)
    assert (folder / STANCE.notebook_file).exists()
    answers = {
        "format": 1,
        "lang": "sv",
        "items": {"stance-experience": {"text": "Mitt svar."}},
        "exercises": {},
    }
    (folder / "answers.json").write_text(json.dumps(answers, ensure_ascii=False))
    (folder / "answers.json.lock").write_text("")
    assert anna.fetch(STANCE.assignment) == folder  # already there: nothing fetched over the work
    assert json.loads((folder / "answers.json").read_text()) == answers

    receipt = anna.submit(STANCE.assignment)
    assert receipt.at is not None and receipt.timestamp
    bertil.fetch(STANCE.assignment)
    bertil.submit(STANCE.assignment)
    inbound = sorted(p.name.split("+")[0] for p in (setup.exchange / COURSE_ID / "inbound").iterdir())
    assert inbound == ["anna", "bertil"]  # each learner under their hub name
    assert anna.state(STANCE.assignment).last.timestamp == receipt.timestamp

    setup.instructor("collect", STANCE.assignment)
    submitted = setup.course / "submitted" / "anna" / STANCE.assignment
    assert json.loads((submitted / "answers.json").read_text()) == answers
    assert not (submitted / "answers.json.lock").exists()
    # Feedback for anna only, released through the exchange as generate_feedback leaves it.
    feedback = setup.course / "feedback" / "anna" / STANCE.assignment
    feedback.mkdir(parents=True)
    (feedback / f"{STANCE.notebook}.html").write_text("<html><body>Feedback for anna</body></html>")
    for name in ("timestamp.txt", "submission_secret.txt"):
        shutil.copy(submitted / name, feedback / name)
    setup.instructor("release_feedback", STANCE.assignment)

    assert anna.state(STANCE.assignment).last.feedback_waiting
    anna.fetch_feedback()
    page = anna.state(STANCE.assignment).feedback.feedback
    assert page.read_text() == "<html><body>Feedback for anna</body></html>"
    assert page.is_relative_to(folder)
    bertil.fetch_feedback()
    assert bertil.state(STANCE.assignment).feedback is None


def test_what_cannot_be_done_is_named(setup, tmp_path):
    anna = setup.learner("anna")
    setup.instructor("release_assignment", STANCE.assignment)
    with pytest.raises(HandInError) as err:
        anna.submit(WELCOME.assignment)
    assert err.value.kind == "not-released"
    with pytest.raises(HandInError) as err:
        anna.fetch(WELCOME.assignment)
    assert err.value.kind == "not-released"

    gone = setup.learner("bertil", Exchange={"root": str(tmp_path / "no-such-exchange")})
    for action in (
        gone.states,
        lambda: gone.submit(STANCE.assignment),
        lambda: gone.fetch(STANCE.assignment),
    ):
        with pytest.raises(HandInError) as err:
            action()
        assert err.value.kind == "unreachable"
        assert "no-such-exchange" in err.value.detail

    unconfigured = CourseExchange(tmp_path / "carl", config=Config(), env={})
    with pytest.raises(HandInError) as err:
        unconfigured.states()
    assert err.value.kind == "not-configured"


class RefusingList(ExchangeList):
    """An exchange that refuses as the course exchange does (its HubExchangeError and code)."""

    code = "error"

    def start(self):
        raise HubExchangeError(f"The course exchange says: refused ({RefusingList.code})", RefusingList.code)


@pytest.mark.parametrize("code", [*sorted(EXCHANGE_CODES), "error", "not-found"])
def test_the_course_exchanges_errors_reach_the_learner_in_words(setup, monkeypatch, code):
    from widgets.handin import HandInWidget, ui

    monkeypatch.setattr(RefusingList, "code", code)
    anna = setup.learner("anna", ExchangeFactory={"list": f"{__name__}.RefusingList"})
    with pytest.raises(HandInError) as err:
        anna.states()
    # Its own code where the learner can be told something specific, else the step's own failure.
    assert err.value.kind == (code if code in EXCHANGE_CODES else "unreachable")
    assert f"refused ({code})" in err.value.detail
    with pytest.raises(HandInError) as err:
        anna.submit(STANCE.assignment)
    assert err.value.kind == (code if code in EXCHANGE_CODES else "unreachable")

    monkeypatch.setattr(CourseExchange, "for_home", lambda folder, **kw: anna)
    home = HandInWidget(setup.tmp / "anna", place="home", lang="sv")
    home.request = {"action": "refresh", "n": 1}
    assert home.notice == {"kind": err.value.kind, "detail": err.value.detail}
    assert ui("sv")[home.notice["kind"]] and ui("en")[home.notice["kind"]]


def test_every_kind_has_words_and_not_enrolled_says_what_to_do():
    from widgets.handin import ui

    for lang in ("sv", "en"):
        assert set(KINDS) <= set(ui(lang)), lang
    assert "Be kursledaren att lägga till dig" in ui("sv")["not-enrolled"]
    assert "starta då om din server" in ui("sv")["not-enrolled"].lower()
    assert "Ask your course leader to add you" in ui("en")["not-enrolled"]


class RecordingSubmit(ExchangeSubmit):
    """A deployment's own submit plugin (c.ExchangeFactory.submit)."""

    used: list[str] = []

    def start(self):
        RecordingSubmit.used.append(self.coursedir.assignment_id)
        return super().start()


def test_the_deployments_exchange_plugins_are_used(setup):
    setup.instructor("release_assignment", STANCE.assignment)
    anna = setup.learner("anna", ExchangeFactory={"submit": f"{__name__}.RecordingSubmit"})
    anna.fetch(STANCE.assignment)
    anna.submit(STANCE.assignment)
    assert RecordingSubmit.used == [STANCE.assignment]


def test_configuration_is_read_from_the_learners_folder_and_a_module(setup, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path / "no-config-here"))
    root = tmp_path / "home"
    root.mkdir()
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(setup.exchange)!r}\nc.Exchange.cache = {str(root / '.cache')!r}\n"
    )
    setup.instructor("release_assignment", STANCE.assignment)
    home = CourseExchange.for_home(root, env={"JUPYTERHUB_USER": "anna"})
    folder = home.fetch(STANCE.assignment)
    inside = CourseExchange.for_module(folder, env={"JUPYTERHUB_USER": "anna"})
    assert inside.root == root.resolve() and inside.folder(STANCE.assignment) == folder
    inside.submit(STANCE.assignment)
    assert home.state(STANCE.assignment).last is not None


def test_the_view_hands_in_and_says_what_went_wrong(setup, tmp_path, monkeypatch):
    from widgets.handin import HandInWidget

    monkeypatch.setenv("JUPYTERHUB_USER", "anna")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/anna/")
    root = tmp_path / "home"
    root.mkdir()
    config = root / "nbgrader_config.py"
    config.write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(setup.exchange)!r}\nc.Exchange.cache = {str(root / '.cache')!r}\n"
    )
    home = HandInWidget(root, place="home", lang="en")
    assert home.notice == {} and home.rows == []  # the exchange is asked when the view first asks
    home.request = {"action": "refresh", "n": 1}
    assert home.notice["kind"] == "none_released" and home.rows == []
    setup.instructor("release_assignment", STANCE.assignment)
    home.request = {"action": "refresh", "n": 2}
    assert home.reply == {"n": 2, "ok": True} and not home.notice
    (row,) = home.rows
    assert row["assignment"] == STANCE.assignment and not row["fetched"]

    home.request = {"action": "open", "assignment": STANCE.assignment, "n": 3}
    assert home.reply["ok"] and home.reply["navigate"] == f"{STANCE.assignment}/{STANCE.notebook_file}"
    assert (root / STANCE.assignment / STANCE.notebook_file).exists()

    bar = HandInWidget(root / STANCE.assignment, place="module", module=STANCE, lang="sv")
    assert bar.home_url == "/user/anna/voila/render/course-home.ipynb"
    bar.request = {"action": "submit", "assignment": STANCE.assignment, "n": 1}
    assert bar.reply == {"n": 1, "ok": True}
    (row,) = bar.rows
    assert row["message"]["kind"] == "receipt" and row["submitted_at"] == pytest.approx(row["message"]["at"])

    config.write_text(config.read_text().replace(str(setup.exchange), str(tmp_path / "gone")))
    bar = HandInWidget(root / STANCE.assignment, place="module", module=STANCE, lang="sv")
    bar.request = {"action": "refresh", "n": 0}
    assert bar.notice["kind"] == "unreachable"
    bar.request = {"action": "submit", "assignment": STANCE.assignment, "n": 1}
    assert bar.reply == {"n": 1, "ok": False}
    assert bar.rows[0]["message"]["kind"] == "unreachable"
    assert str(tmp_path / "gone") in bar.rows[0]["message"]["detail"]


def test_the_hub_home_is_written_and_a_learners_own_file_is_left_alone(tmp_path):
    from coursekit.hub_home import HOME_NOTEBOOK, MARK, write_home

    assert write_home(tmp_path).startswith("wrote")
    nb = nbformat.read(tmp_path / HOME_NOTEBOOK, as_version=4)
    assert nb.metadata[MARK] is True
    assert any("Home().show()" in c.source for c in nb.cells)
    assert write_home(tmp_path).endswith("up to date")
    (tmp_path / HOME_NOTEBOOK).write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    assert write_home(tmp_path).startswith("left")
    assert json.loads((tmp_path / HOME_NOTEBOOK).read_text())["cells"] == []


def test_ui_strings_in_both_languages():
    data = json.loads((Path(__file__).parents[1] / "widgets" / "handin_ui.json").read_text())
    data.pop("_comment")
    for key, texts in data.items():
        assert set(texts) == {"sv", "en"} and all(t.strip() for t in texts.values()), key
        assert texts["sv"].count("{") == texts["en"].count("{"), key


def test_the_hub_links_escape_the_user_name(monkeypatch, tmp_path):
    from coursekit.home import Home

    monkeypatch.setenv("JUPYTERHUB_USER", '<img src=x onerror="alert(1)">')
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/x/")
    nav = Home(tmp_path)._hub_nav()
    assert "<img" not in nav and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in nav
    assert 'href="/user/x/lab"' in nav and 'href="/hub/logout"' in nav
    assert 'href="/hub/home"' in nav  # where the hand-in messages send a learner to restart their server
