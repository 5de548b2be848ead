"""The command lines on bad input: one line that says what is wrong, never a traceback, nothing guessed.

`reflection-grader score-batch` keeps going past a bad line: the line gets an error line with its number
and the other lines are scored. Input that is not UTF-8 is refused. `backa-course` refuses ports outside
1-65535 instead of serving somewhere else.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from grading import load_item

GOOD = load_item("stance-experience").exemplars[0].text


def run(module: str, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args], input=stdin, capture_output=True, timeout=120, env=_env()
    )


def _env() -> dict:
    import os

    env = dict(os.environ)
    env.pop("BACKA_DEBUG", None)
    return env


def one_line_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, err
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def test_score_batch_keeps_going_past_bad_lines(tmp_path):
    rows = [
        json.dumps({"id": "a", "item": "stance-experience", "text": GOOD, "lang": "sv"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "d", "text": "no item"}),
        json.dumps({"id": "e", "item": "no-such-item", "text": "x"}),
        json.dumps({"id": "f", "item": "stance-experience", "text": 42}),
        json.dumps({"id": "g", "item": "stance-experience", "text": "x", "lang": "de"}),
        "",
        json.dumps({"id": "i", "item": "stance-experience", "text": GOOD}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes("\n".join(rows).encode("utf-8") + b"\n" + b'{"id": "j", "text": "\xff\xfe"}\n')
    proc = run("grading.cli", "score-batch", str(path))
    assert proc.returncode == 2  # some lines had problems
    out = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert [o.get("id") for o in out if "error" not in o] == ["a", "i"]
    assert out[0]["points"] == 4 and out[-2]["points"] == 4
    errors = {o["line"]: o["error"] for o in out if "error" in o}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 10]
    assert "not valid JSON" in errors[2] and "not a JSON object" in errors[3]
    assert '"item"' in errors[4] and "no-such-item" in errors[5] and '"text"' in errors[6]
    assert '"lang"' in errors[7] and "not UTF-8" in errors[10]
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err and err.count("\n") == len(errors)


def test_score_refuses_text_that_is_not_utf8():
    proc = run(
        "grading.cli",
        "score",
        "--item",
        "stance-experience",
        stdin="Jag kände mig ".encode("latin-1") + "överkörd".encode("latin-1"),
    )
    assert proc.returncode == 2 and proc.stdout == b""
    one_line_error(proc, "not UTF-8", "0xe4")


def test_score_refuses_a_reference_that_is_not_utf8(tmp_path):
    ref = tmp_path / "case.txt"
    ref.write_bytes("Backa trängselskatt".encode("cp1252"))
    proc = run(
        "grading.cli", "score", "--item", "stance-experience", "--reference", str(ref), stdin=GOOD.encode()
    )
    assert proc.returncode == 2
    one_line_error(proc, "case.txt", "not UTF-8")


@pytest.mark.parametrize(
    "args, words",
    [
        ([], ["required"]),
        (["score"], ["--item"]),
        (["score", "--item", "nope"], ["Known items"]),
        (["score", "--item", "stance-experience", "--lang", "de"], ["--lang"]),
        (["score-batch"], ["file"]),
        (["score-batch", "/no/such/file.jsonl"], ["cannot read", "/no/such/file.jsonl"]),
        (["score-batch", "/"], ["cannot read"]),
        (["evaluate", "x.jsonl", "--cv", "many"], ["--cv"]),
        (["evaluate", "/no/such.jsonl", "--hash-split", "5"], ["cannot read"]),
        (["frobnicate"], ["invalid choice"]),
    ],
)
def test_reflection_grader_bad_arguments_give_one_line(args, words):
    proc = run("grading.cli", *args, stdin=GOOD.encode())
    assert proc.returncode == 2
    one_line_error(proc, *words)


def test_hash_split_must_be_two_numbers(tmp_path):
    path = tmp_path / "l.jsonl"
    path.write_text(
        json.dumps({"id": "a", "item": "stance-experience", "lang": "sv", "text": GOOD}), encoding="utf-8"
    )
    proc = run("grading.cli", "evaluate", str(path), "--hash-split", "five:three")
    assert proc.returncode == 2
    one_line_error(proc, "--hash-split")


@pytest.mark.parametrize(
    "args, words",
    [
        (["start", "--port", "99999"], ["99999", "1-65535"]),
        (["start", "--port", "0"], ["1-65535"]),
        (["start", "--port", "-5"], ["1-65535"]),
        (["start", "--port", "http"], ["not a port number"]),
        (["start", "--learner", __file__], ["is a file"]),
        (["build", "--course-dir", __file__], ["is a file"]),
        (["lab", "--port", "99999"], ["99999", "1-65535"]),
        (["instructor", "--port", "70000"], ["70000", "1-65535"]),
        (["instructor", "--course-dir", "/"], ["no nbgrader_config.py"]),
        (["autograde", "stance", "--jobs", "0"], ["--jobs must be at least 1"]),
        (["trainer-guide", "--lang", "de"], ["invalid choice"]),
        (["serve"], ["invalid choice"]),
        ([], ["required"]),
    ],
)
def test_backa_course_bad_arguments_give_one_line(args, words):
    proc = run("coursekit.cli", *args)
    assert proc.returncode == 2
    one_line_error(proc, *words)


def test_backa_course_port_is_checked_before_anything_is_built(monkeypatch, capsys):
    from coursekit import cli

    called = []
    monkeypatch.setattr("coursekit.build.build", lambda *a, **k: called.append(a))
    with pytest.raises(SystemExit) as exc:
        cli.main(["start", "--port", "99999"])
    assert exc.value.code == 2 and not called
    assert "1-65535" in capsys.readouterr().err
