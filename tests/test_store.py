"""The answers file: atomic, merged, never loses text, survives corruption."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from coursekit.store import MAX_ENTRY_BYTES, AnswersStore, message, read_answers


def test_save_and_reload(tmp_path):
    store = AnswersStore(tmp_path)
    assert store.save_text("stance-experience", "Hej", "sv").ok
    again = AnswersStore(tmp_path)
    assert again.text("stance-experience") == "Hej"
    assert again.lang == "sv"
    assert json.loads((tmp_path / "answers.json").read_text())["format"] == 1


def test_two_tabs_different_answers_merge(tmp_path):
    a, b = AnswersStore(tmp_path), AnswersStore(tmp_path)
    a.save_text("one", "from tab a")
    b.save_answer("ex", {"choices": {"m1": "listening"}})
    fresh = AnswersStore(tmp_path)
    assert fresh.text("one") == "from tab a"
    assert fresh.answer("ex") == {"choices": {"m1": "listening"}}


def test_two_tabs_same_answer_keeps_both_versions(tmp_path):
    a, b = AnswersStore(tmp_path), AnswersStore(tmp_path)
    a.save_text("x", "version A")
    result = b.save_text("x", "version B")
    assert result.ok and result.conflict
    entry = AnswersStore(tmp_path).get("items", "x")
    assert entry["text"] == "version B"
    assert [p["text"] for p in entry["previous"]] == ["version A"]


def test_same_tab_saving_twice_is_no_conflict(tmp_path):
    a = AnswersStore(tmp_path)
    a.save_text("x", "one")
    assert not a.save_text("x", "two").conflict
    assert "previous" not in AnswersStore(tmp_path).get("items", "x")


def test_corrupted_file_restores_last_good_copy_and_keeps_damaged(tmp_path):
    s = AnswersStore(tmp_path)
    s.save_text("x", "first")
    s.save_text("x", "second")
    (tmp_path / "answers.json").write_text('{"items": {"x": {"text": "sec', encoding="utf-8")
    again = AnswersStore(tmp_path)
    assert again.report.problem == "corrupt-restored"
    assert again.text("x") == "first"  # the last good copy
    aside = tmp_path / again.report.aside
    assert aside.read_text(encoding="utf-8").startswith('{"items"')  # never deleted
    assert "kept as" in message("corrupt-restored", "en", aside=again.report.aside)


def test_corrupted_without_backup_starts_empty_with_message(tmp_path):
    (tmp_path / "answers.json").write_bytes(b"\xff\xfe not json")
    store = AnswersStore(tmp_path)
    assert store.report.problem == "corrupt-empty"
    assert store.data["items"] == {}
    assert store.save_text("x", "new").ok


def test_wrong_shape_counts_as_corrupt(tmp_path):
    (tmp_path / "answers.json").write_text('{"items": ["not", "a", "dict"]}', encoding="utf-8")
    assert AnswersStore(tmp_path).report.problem == "corrupt-empty"


def test_too_large_entry_is_refused_with_message(tmp_path):
    store = AnswersStore(tmp_path)
    result = store.save_text("x", "a" * (MAX_ENTRY_BYTES + 10))
    assert not result.ok and result.error == "too-large"
    assert not (tmp_path / "answers.json").exists()


def test_one_megabyte_paste_is_saved(tmp_path):
    store = AnswersStore(tmp_path)
    assert store.save_text("x", "ord " * 250_000).ok
    assert len(AnswersStore(tmp_path).text("x")) == 1_000_000


def test_read_answers_never_raises(tmp_path):
    (tmp_path / "answers.json").write_text("garbage", encoding="utf-8")
    assert read_answers(tmp_path)["items"] == {}
    assert read_answers(tmp_path / "missing")["exercises"] == {}


def test_unknown_kind_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="kind"):
        AnswersStore(tmp_path).save("notes", "x", {"text": "y"})


def _writer(folder: str, key: str, n: int) -> None:
    store = AnswersStore(folder)
    for i in range(n):
        store.save_text(key, f"{key} {i}")


def test_concurrent_processes_never_corrupt_or_drop_entries(tmp_path):
    procs = [multiprocessing.Process(target=_writer, args=(str(tmp_path), f"k{i}", 40)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    data = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    assert {k: v["text"] for k, v in data["items"].items()} == {f"k{i}": f"k{i} 39" for i in range(4)}


def test_save_result_says_what_went_wrong_in_the_learners_language(tmp_path):
    from coursekit.store import SaveResult

    too_big = AnswersStore(tmp_path).save_text("x", "a" * (MAX_ENTRY_BYTES + 10))
    assert too_big.size_mb == 2.0
    assert (
        too_big.message("en")
        == "The answer is too large to save (2.0 MB). Shorten the text; it is still in the box."
    )
    denied = SaveResult(False, 0, None, error="unwritable:Permission denied")
    assert "Permission denied" in denied.message("sv") and denied.message("sv").startswith(
        "Svaret kunde inte sparas"
    )
    assert SaveResult(True, 1, 1.0).message("en") == ""
