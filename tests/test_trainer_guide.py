"""The trainer guide: sessions as data in both languages, a printable page that quotes the course's own
voices, observer sheets from the glossary and the exercises, checks, the CLI and the link widget."""

from __future__ import annotations

import copy
import html
import json
import re

import pytest

from coursekit import consistency, trainer_guide
from coursekit.cli import main
from coursekit.exercises import load_exercise
from coursekit.paths import COURSE

GUIDE = trainer_guide.guide()


def sessions_text(page: str) -> list[str]:
    return re.findall(r'<section class="session" id="([a-z-]+)"', page)


def test_the_guide_is_complete_and_passes_its_checks():
    assert trainer_guide.problems() == []
    ids = [s["id"] for s in GUIDE["sessions"]]
    assert {"listening-triads", "rising-anger", "charrette-fishbowl"} <= set(ids)
    groups = " ".join(s["group"]["en"].lower() for s in GUIDE["sessions"])
    assert "pairs" in groups and "triads" in groups and "fishbowl" in groups
    modules = {s["module"] for s in GUIDE["sessions"]}
    assert {"stance", "listening", "perspectives", "handling-conflict", "co-creative-dialogue"} <= modules


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_is_printable_offline_and_in_parity(lang):
    page = trainer_guide.render(lang)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    assert sessions_text(page) == [s["id"] for s in GUIDE["sessions"]]
    assert "@media print" in page and "break-before: page" in page and "@page" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing fetched from outside
    assert page.count('<section class="sheet"') == len(GUIDE["sessions"])
    for s in GUIDE["sessions"]:
        assert html.escape(trainer_guide._t(s["title"], lang)) in page
        for step in s["steps"]:
            assert html.escape(trainer_guide._t(step["text"], lang)) in page
    other = trainer_guide.render("en" if lang == "sv" else "sv")
    assert page.count("<tr>") == other.count("<tr>") and page.count("<li>") == other.count("<li>")


def test_the_voices_are_quoted_from_the_exercise_files():
    page = trainer_guide.render("sv")
    listening = load_exercise("listening-practice")
    for s in listening["statements"]:  # the rising-anger session uses all six
        assert s["text"]["sv"] in page
    charrette = load_exercise("charrette")
    start = next(n for n in charrette["nodes"] if n["id"] == "start")
    assert start["narration"]["sv"] in page
    voices = load_exercise("inventory-voices")
    assert next(v for v in voices["voices"] if v["id"] == "parent")["excerpt"]["sv"] in page


def test_observer_sheets_take_their_rows_from_the_glossary_and_the_criteria():
    glossary = json.loads((COURSE / "glossary.json").read_text(encoding="utf-8"))
    fishbowl = next(s for s in GUIDE["sessions"] if s["id"] == "charrette-fishbowl")
    assert trainer_guide.sheet_rows(fishbowl["sheet"], "sv") == [
        e["sv"] for e in glossary["decision_steps"]["steps"]
    ]
    triads = next(s for s in GUIDE["sessions"] if s["id"] == "listening-triads")
    rows = trainer_guide.sheet_rows(triads["sheet"], "en")
    labels = [c["label"]["en"] for c in load_exercise("listening-practice")["criteria"]]
    assert rows[: len(labels)] == labels and rows[-1] == "Words that closed the conversation"


def test_the_timings_add_up_and_a_mismatch_is_reported():
    for s in GUIDE["sessions"]:
        assert sum(step["minutes"] for step in s["steps"]) == s["minutes"]
    planted = copy.deepcopy(GUIDE)
    planted["sessions"][0]["steps"][0]["minutes"] += 5
    del planted["sessions"][1]["purpose"]["en"]
    planted["sessions"][2]["material"] = [{"exercise": "listening-practice", "items": ["s99"]}]
    planted["sessions"][3]["module"] = "nowhere"
    found = "\n".join(trainer_guide.problems(planted))
    assert "the steps take 25 minutes, but the session says 20" in found
    assert "sessions[1].purpose: lacks the text in en" in found
    assert "has no 's99'" in found
    assert "module 'nowhere' is not in course/modules.json" in found


def test_text_in_the_guide_is_escaped(monkeypatch):
    planted = copy.deepcopy(GUIDE)
    planted["sessions"][0]["title"]["sv"] = '<script>alert(1)</script> "Ramar"'
    planted["intro"]["sv"] = "<img src=x onerror=alert(1)> text"
    monkeypatch.setattr(trainer_guide, "guide", lambda: planted)
    page = trainer_guide.render("sv")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_the_guide_is_held_to_the_glossary():
    texts = [t for t in consistency.repository_texts() if t[0].startswith("course/trainer-guide.json")]
    assert texts and consistency.term_problems(texts) == []
    planted = [("course/trainer-guide.json x (sv)", "sv", 'Säg "nej" och sedan inlevelse.')]
    found = "\n".join(consistency.term_problems(planted))
    assert "quote with ”…”" in found and "empati" in found


def test_the_cli_writes_the_guide(tmp_path, capsys):
    assert main(["trainer-guide", "--lang", "en", "--out", str(tmp_path)]) == 0
    written = tmp_path / "trainer-guide.html"
    assert written.read_text(encoding="utf-8") == trainer_guide.render("en")
    assert str(written) in capsys.readouterr().out
    assert main(["trainer-guide", "--out", str(tmp_path / "sub" / "guide.html")]) == 0
    assert '<html lang="sv">' in (tmp_path / "sub" / "guide.html").read_text(encoding="utf-8")


def test_the_widget_offers_the_page_in_the_chosen_language():
    from widgets.trainer_guide import TrainerGuideWidget

    w = TrainerGuideWidget("sv")
    assert w.page == trainer_guide.render("sv") and w.filename == "kursledarhandledning.html"
    assert w.ui["sessions"] == f"{len(GUIDE['sessions'])} pass"
    w.set_lang("en")
    assert w.page == trainer_guide.render("en") and w.filename == "trainer-guide.html"
    assert "trainer-guide.html" in w.ui["download"]
