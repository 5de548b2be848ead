"""Generated odd answers files: wrong types at every level, missing keys, extra keys, huge values.

None of what reads the file may raise: the store, every widget of the module, the start page's progress
and the hidden nbgrader test cells. Each example starts from a real answers file of a module (the test
fixtures) and changes it in a few places, or replaces it with any JSON value at all.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coursekit.autograde import grade_exercise, grade_item
from coursekit.content import catalogue
from coursekit.exercises import load_exercise, module_name
from coursekit.home import Home
from coursekit.progress import course_progress, module_progress
from coursekit.store import KINDS, AnswersStore, read_answers

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
MODULES = {m.assignment: m for m in catalogue()}
SEEDS = sorted(p for p in FIXTURES.glob("*/*.json") if p.parent.name in MODULES)

DEEP: list = ["deep"]
for _ in range(80):  # deeper than any answer needs
    DEEP = [DEEP]
HUGE = st.sampled_from(
    [
        "x" * 300_000,
        "å" * 6_000,
        "ord " * 1_500,
        10**100,
        2**63,
        -(2**63),
        1e308,
        -1,
        [0] * 5_000,
        {f"k{i}": i for i in range(2_000)},
        DEEP,
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
VALUES = st.recursive(
    SCALARS | HUGE,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)


def _paths(value, path=()):
    """Every place in a JSON value: (path, value) for the value itself and all nested parts."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


def _apply(doc, path, op, new, extra_key):
    if not path:
        return new if op == "replace" else doc
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if op == "replace":
        parent[last] = new
    elif op == "delete":
        del parent[last]
    elif op == "extra" and isinstance(parent[last], dict):
        parent[last][extra_key] = new
    elif op == "extra" and isinstance(parent[last], list):
        parent[last].append(new)
    return doc


@st.composite
def odd_files(draw):
    """(assignment, bytes of answers.json)."""
    seed = draw(st.sampled_from(SEEDS))
    assignment = seed.parent.name
    if draw(st.integers(0, 9)) == 0:  # now and then: anything at all
        return assignment, json.dumps(draw(VALUES)).encode()
    doc = json.loads(seed.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        places = list(_paths(doc))
        path, _ = places[draw(st.integers(0, len(places) - 1))]
        op = draw(st.sampled_from(["replace", "replace", "delete", "extra"]))
        doc = _apply(doc, path, op, copy.deepcopy(draw(VALUES)), draw(st.text(max_size=8)))
    return assignment, json.dumps(doc).encode()  # NaN and Infinity as Python writes them


def _widgets(module, store: AnswersStore, lang: str) -> list:
    from widgets.reflection import ReflectionWidget

    out = [ReflectionWidget(item, store, lang) for item in module.items]
    for ex in module.exercises:
        spec = load_exercise(ex)
        view = importlib.import_module(f"widgets.{module_name(spec['type'])}")
        out.append(view.build(ex, spec, store, lang))
    return out


def _state_is_valid_json(widget) -> None:
    """What the browser gets must be plain JSON (no NaN, no Infinity), or the page breaks."""
    state = {k: v for k, v in widget.get_state().items() if not isinstance(v, (bytes, memoryview))}
    json.dumps(state, allow_nan=False)


@settings(
    max_examples=int(os.environ.get("BACKA_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(odd_files(), st.sampled_from(["sv", "en"]))
# Cases the generator once found, kept so that every run tries them.
@example(
    (
        "06-co-creative-dialogue",
        b'{"format": 1, "lang": "en", "items": {}, "exercises": {"between-perspectives": {"answer": '
        b'{"responses": {"name-polarity": "I hear both sides."}, "revealed": null}}}}',
    ),
    "sv",
)
@example(
    (
        "00-welcome",
        b'{"format": 1, "lang": "sv", "items": {}, "exercises": {"welcome-check": {"answer": {"choices": null}}}}',
    ),
    "en",
)
def test_odd_answers_files_never_raise(case, lang):
    assignment, raw = case
    module = MODULES[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        learner = Path(tmp)
        folder = learner / assignment
        folder.mkdir()
        (folder / "answers.json").write_bytes(raw)

        store = AnswersStore(folder, exclusive=True)
        for kind in KINDS:
            for key, entry in store.data[kind].items():
                assert isinstance(key, str) and isinstance(entry, dict)
                assert isinstance(entry.get("text", ""), str)
                assert isinstance(entry.get("rev", 0), int)
                objections = entry.get("objections", {})
                assert isinstance(objections, dict)
                assert all(isinstance(o.get("sentence"), str) for o in objections.values())
        if store.report.problem:
            assert store.report.message(lang)
            if store.report.aside:
                assert (folder / store.report.aside).read_bytes() == raw  # set aside whole, never lost
        read_answers(folder)

        for w in _widgets(module, store, lang):
            _state_is_valid_json(w)
            w.close()

        assert 0 <= module_progress(module, learner).done <= module_progress(module, learner).total
        assert len(course_progress(learner)) == len(catalogue())
        page = Home(learner)._html().data
        assert page.count('class="backa-module"') == len(catalogue())  # the home page lists every module

        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            for item in module.items:
                assert grade_item(item, folder) >= 0
            for ex in module.exercises:
                assert grade_exercise(ex, folder) >= 0
        assert err.getvalue() == ""


@pytest.mark.parametrize("raw", [b"", b"[]", b"42", b'"text"', b"null", b"\xff\xfe", b"{" * 3000])
def test_unreadable_files_never_raise_anywhere(tmp_path, raw):
    module = MODULES["07-capstone"]
    folder = tmp_path / module.assignment
    folder.mkdir()
    (folder / "answers.json").write_bytes(raw)
    assert module_progress(module, tmp_path).done == 0
    assert Home(tmp_path)._html().data.count('class="backa-module"') == len(catalogue())
    store = AnswersStore(folder, exclusive=True)
    for w in _widgets(module, store, "en"):
        _state_is_valid_json(w)
    for ex in module.exercises:
        assert grade_exercise(ex, folder) == 0


def test_answers_file_as_a_folder_never_raises(tmp_path):
    for module in catalogue():
        folder = tmp_path / module.assignment
        (folder / "answers.json").mkdir(parents=True)
    assert Home(tmp_path)._html().data.count('class="backa-module"') == len(catalogue())
    for module in catalogue():
        folder = tmp_path / module.assignment
        for item in module.items:
            assert grade_item(item, folder) == 0
        store = AnswersStore(folder, exclusive=True)
        assert store.report.problem == "corrupt-empty"
        for w in _widgets(module, store, "sv"):
            _state_is_valid_json(w)
