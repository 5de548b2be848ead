"""The reflection-grader command line: score, score-batch, evaluate (plain and --cv)."""

from __future__ import annotations

import json
import subprocess
import sys

from grading import load_item
from grading.cli import main


def _labelled_rows() -> list[dict]:
    rows = []
    for item in ("minority-voice", "dialogue-design", "listening-response"):
        for n, ex in enumerate(load_item(item).exemplars):
            rows.append(
                {
                    "id": f"{item}-{n}",
                    "item": item,
                    "lang": ex.lang,
                    "text": ex.text,
                    "criteria": ex.criteria,
                    "attempt": True,
                }
            )
    rows.append(
        {
            "id": "non-1",
            "item": "stance-experience",
            "lang": "sv",
            "text": "vet inte",
            "criteria": dict.fromkeys(["concrete-situation", "names-stance", "own-role", "next-step"], False),
            "attempt": False,
        }
    )
    return rows


def test_score_reads_stdin_and_prints_json(monkeypatch, capsys):
    ex = load_item("resistance-line").exemplars[0]
    monkeypatch.setattr(sys, "stdin", _Stdin(ex.text))
    assert main(["score", "--item", "resistance-line", "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["item"] == "resistance-line" and out["lang"] == "en"
    assert out["points"] == 4 and out["attempt"] is True
    assert {c["id"] for c in out["criteria"]} == {c.id for c in load_item("resistance-line").criteria}


def test_score_batch(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in _labelled_rows()) + "\n", encoding="utf-8"
    )
    assert main(["score-batch", str(path)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == len(_labelled_rows())
    for line in lines:
        assert set(line) == {"id", "item", "points", "max_points", "attempt", "needs_review", "criteria"}
        assert line["points"] == sum(line["criteria"].values())
    assert lines[-1]["attempt"] is False and lines[-1]["points"] == 0


def test_evaluate_and_cv(tmp_path, capsys):
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in _labelled_rows()), encoding="utf-8")
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    for token in ("[sv]", "[en]", "[all]", "QWK", "mean kappa", "non-attempt recall", "needs_review"):
        assert token in out
    assert main(["evaluate", "--cv", "3", "--json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"cv", "fixed"}
    assert report["fixed"]["all"]["qwk"] > 0.9
    assert report["cv"]["all"]["non_attempt_recall"] == 1.0


def test_unknown_item_and_bad_input(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin("text"))
    assert main(["score", "--item", "nope"]) == 2
    assert "Known items" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["score-batch", str(bad)]) == 2
    assert main(["score-batch", str(tmp_path / "missing.jsonl")]) == 2


def test_console_script_runs():
    ex = load_item("stance-experience").exemplars[0]
    proc = subprocess.run(
        [sys.executable, "-m", "grading.cli", "score", "--item", "stance-experience"],
        input=ex.text,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(proc.stdout)["points"] == 4


class _Stdin:
    def __init__(self, text: str) -> None:
        self._text = text

    def read(self) -> str:
        return self._text
