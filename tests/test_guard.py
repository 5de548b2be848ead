"""The widgets' side of the one-writing-window rule and of drafts: what the browser is told.

(The browser's side is in tests/browser/test_drafts_and_limits.py and tests/browser/test_faults.py.)
"""

from __future__ import annotations

import pytest

from coursekit.lesson import Lesson
from tests.test_store import Window


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr("coursekit.store.LEASE_WAIT_S", 0.2)


def test_a_second_window_is_told_why_it_reads_only_and_can_take_over(tmp_path, quick):
    first = Window(tmp_path)
    try:
        lesson = Lesson("stance", tmp_path)
        refl = lesson.reflection("stance-experience")
        ex = lesson.exercise("stance-moves")
        for w in (refl, ex):
            assert w.lock_reason == "elsewhere" and "annat fönster" in w.locked
            assert w.module_key == str(tmp_path.resolve())
        refl.text = "skrivet i fönster två"  # a send that slipped through: refused, not saved
        assert refl.status == "error" and "bara läsa här" in refl.notice
        refl._on_guard_msg(refl, {"backa": "take-over"}, [])
        assert refl.locked == "" and ex.locked == ""  # every view of the module follows
        lesson.set_lang("en")
        assert refl.guard_ui["take_over"] == "Write here instead"
        assert first.ask("save from the first window") == {"ok": False, "error": "taken-over"}
    finally:
        first.close()


def test_acked_follows_sent_once_the_kernel_has_saved(tmp_path, quick):
    lesson = Lesson("stance", tmp_path)
    refl = lesson.reflection("stance-experience")
    with refl.hold_trait_notifications():  # as the browser sends them: both in one message
        refl.sent = 3
        refl.text = "Jag lyssnade inte."
    assert refl.acked == 3
    with refl.hold_trait_notifications():
        refl.sent = 4
        refl.text = "Jag lyssnade inte."  # no change, nothing saved: the browser keeps its draft
    assert refl.acked == 3


# Views with a text field whose text is not learner work kept in answers.json (the certificate's name is
# only printed on the certificate), so they need no draft.
NOT_SAVED = {"certificate.js"}


def test_every_free_text_view_keeps_drafts_and_one_writing_window():
    """A new free-text view (say-it was one) must keep a draft until the kernel acknowledges it, number
    its sends, offer drafts back, and follow the one-writing-window rule; a static check, so that the
    omission is caught even before a browser test is written for the view."""
    import re
    from pathlib import Path

    widgets = Path(__file__).resolve().parent.parent / "widgets"
    free_text = [
        p
        for p in sorted(widgets.glob("*.js"))
        if p.name != "dom.js" and re.search(r'el\("textarea"|type: "text"', p.read_text(encoding="utf-8"))
    ]
    assert {p.name for p in free_text} >= {"reflection.js", "say_it.js", "listening_practice.js"}
    for p in free_text:
        if p.name in NOT_SAVED:
            continue
        src = p.read_text(encoding="utf-8")
        for needed in (
            "backaDrafts(",
            "drafts.keep(",
            "drafts.stamp()",
            "drafts.refresh()",
            "withGuard(render)",
        ):
            assert needed in src, f"{p.name} lacks {needed}"
