"""When the course exchange cannot be used, nbgrader says why in plain words, and nothing is lost."""

from __future__ import annotations

import json

import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError

from coursekit.exchange.client import HubExchangeFetchAssignment, HubExchangeSubmit
from tests.conftest import free_port


def submit(tmp_path, **traits) -> HubExchangeSubmit:
    coursedir = CourseDirectory(course_id="backa-dialogue", assignment_id="01-stance", root=str(tmp_path))
    return HubExchangeSubmit(
        coursedir=coursedir, authenticator=Authenticator(), assignment_dir=str(tmp_path), **traits
    )


def learner_folder(tmp_path):
    folder = tmp_path / "01-stance"
    folder.mkdir()
    (folder / "answers.json").write_text(json.dumps({"items": {"x": {"text": "min text"}}}))
    return folder


def test_an_unreachable_exchange_is_named_and_nothing_is_lost(tmp_path, caplog):
    folder = learner_folder(tmp_path)
    ex = submit(
        tmp_path, url=f"http://127.0.0.1:{free_port()}/services/course-exchange/", token="t", timeout=5
    )
    with pytest.raises(ExchangeError, match="cannot be reached.*Nothing was sent") as e:
        ex.start()
    assert e.value.code == "unreachable"  # for a page that says it in the learner's language
    assert json.loads((folder / "answers.json").read_text())["items"]["x"]["text"] == "min text"


def test_outside_the_hub_the_missing_address_or_token_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_EXCHANGE_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    learner_folder(tmp_path)
    with pytest.raises(ExchangeError, match="address is not set") as e:
        submit(tmp_path, token="t").start()
    assert e.value.code == "not-configured"
    with pytest.raises(ExchangeError, match="works only on the hub"):
        submit(tmp_path, url="http://127.0.0.1:1/").start()


def test_the_address_comes_from_the_environment_the_hub_sets(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_EXCHANGE_URL", "http://exchange:8765/services/course-exchange/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "server-token")
    ex = HubExchangeFetchAssignment(
        coursedir=CourseDirectory(root=str(tmp_path)), authenticator=Authenticator()
    )
    assert ex.url == "http://exchange:8765/services/course-exchange/"
    assert ex.token == "server-token"
