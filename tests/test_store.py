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
    assert again.text("x") == "second"  # the latest good save, not the one before it
    aside = tmp_path / again.report.aside
    assert aside.read_text(encoding="utf-8").startswith('{"items"')  # never deleted
    assert "kept as" in message("corrupt-restored", "en", aside=again.report.aside)


def test_corrupted_without_backup_starts_empty_with_message(tmp_path):
    (tmp_path / "answers.json").write_bytes(b"\xff\xfe not json")
    store = AnswersStore(tmp_path)
    assert store.report.problem == "corrupt-empty"
    assert store.data["items"] == {}
    assert store.save_text("x", "new").ok


def test_not_an_object_counts_as_corrupt(tmp_path):
    (tmp_path / "answers.json").write_text('["not", "an", "object"]', encoding="utf-8")
    assert AnswersStore(tmp_path).report.problem == "corrupt-empty"


def test_wrong_shape_of_one_kind_is_set_aside_and_the_other_kept(tmp_path):
    (tmp_path / "answers.json").write_text(
        '{"items": ["not", "a", "dict"], "exercises": {"e": {"answer": {"a": 1}, "rev": 2}}}',
        encoding="utf-8",
    )
    store = AnswersStore(tmp_path)
    assert store.report.problem == "repaired"
    assert store.answer("e") == {"a": 1} and store.data["items"] == {}
    assert json.loads((tmp_path / store.report.aside).read_text())["items"] == ["not", "a", "dict"]


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


# -- recovery restores the latest good save (issue 14, item 4) -----------------------------------------
@pytest.mark.parametrize("saves", [1, 2, 5])
def test_recovery_restores_the_latest_save(tmp_path, saves):
    store = AnswersStore(tmp_path)
    for i in range(saves):
        assert store.save_text("x", f"version {i}").ok
    (tmp_path / "answers.json").write_bytes(b"\x00\x00 damaged")
    again = AnswersStore(tmp_path)
    assert again.report.problem == "corrupt-restored"
    assert again.text("x") == f"version {saves - 1}"
    assert read_answers(tmp_path)["items"]["x"]["text"] == f"version {saves - 1}"


def test_read_answers_uses_the_latest_save_when_the_file_is_damaged(tmp_path):
    store = AnswersStore(tmp_path)
    store.save_text("x", "first")
    store.save_text("x", "second")
    (tmp_path / "answers.json").write_text("{", encoding="utf-8")
    assert read_answers(tmp_path)["items"]["x"]["text"] == "second"


# -- any answers file opens (issue 12, item 3) ---------------------------------------------------------
GOOD = {"text": "Ett bra svar som ska finnas kvar.", "rev": 3, "saved_at": 1700000000.0}
ODD_ITEMS = {
    "text-number": {"text": 42},
    "text-null": {"text": None},
    "text-list": {"text": ["a"]},
    "entry-string": "just text",
    "entry-number": 7,
    "entry-list": [1, 2],
    "entry-null": None,
}


@pytest.mark.parametrize("odd", sorted(ODD_ITEMS))
def test_an_odd_entry_is_set_aside_and_the_good_ones_kept(tmp_path, odd):
    original = {"format": 1, "lang": "en", "items": {"good": GOOD, "odd": ODD_ITEMS[odd]}, "exercises": {}}
    (tmp_path / "answers.json").write_text(json.dumps(original), encoding="utf-8")
    store = AnswersStore(tmp_path)
    assert store.report.problem == "repaired"
    assert store.text("good") == GOOD["text"] and store.get("items", "odd") is None
    assert "original file is kept as answers.corrupt-" in store.report.message("en")
    assert json.loads((tmp_path / store.report.aside).read_text()) == original  # set aside whole, not lost
    assert json.loads((tmp_path / "answers.json").read_text())["items"] == {"good": GOOD}
    assert store.save_text("odd", "new text").ok


@pytest.mark.parametrize(
    "field, value",
    [("rev", "3"), ("rev", -1), ("rev", True), ("rev", 1.5), ("saved_at", "yesterday"), ("saved_at", None),
     ("previous", "not a list"), ("previous", [1, {"text": 2}]), ("objections", ["x"])],
)  # fmt: skip
def test_a_wrong_type_in_a_known_key_is_left_out_and_the_text_kept(tmp_path, field, value):
    entry = dict(GOOD, **{field: value})
    (tmp_path / "answers.json").write_text(json.dumps({"items": {"x": entry}}), encoding="utf-8")
    store = AnswersStore(tmp_path)
    assert store.report.problem == "repaired"
    assert store.text("x") == GOOD["text"] and field not in store.get("items", "x")
    assert store.save_text("x", "more").ok


def test_answers_json_as_a_folder_is_moved_aside(tmp_path):
    store = AnswersStore(tmp_path)
    store.save_text("x", "kept in the last good copy")
    (tmp_path / "answers.json").unlink()
    (tmp_path / "answers.json").mkdir()
    (tmp_path / "answers.json" / "inside.txt").write_text("mine", encoding="utf-8")
    again = AnswersStore(tmp_path)
    assert again.report.problem == "corrupt-restored"
    assert again.text("x") == "kept in the last good copy"
    assert (tmp_path / again.report.aside / "inside.txt").read_text(encoding="utf-8") == "mine"
    assert again.save_text("x", "new").ok
    assert read_answers(tmp_path)["items"]["x"]["text"] == "new"


@pytest.mark.parametrize(
    "raw",
    [b'{"items": {"x": {"text": "a", "saved_at": NaN}}}', b'{"items": {"x": {"text": "a", "saved_at": 1e999}}}',
     b'\xef\xbb\xbf{"items": {"x": {"text": "a"}}}', b'{"lang": "klingon", "items": {"x": {"text": "a"}}}',
     b'{"format": "one", "items": {"x": {"text": "a"}}}', b'{"items": null, "exercises": []}'],
)  # fmt: skip
def test_readable_but_odd_files_open_with_a_message(tmp_path, raw):
    (tmp_path / "answers.json").write_bytes(raw)
    store = AnswersStore(tmp_path)
    assert store.report.problem in ("repaired", None)
    if b'"x"' in raw:
        assert store.text("x") == "a"
    assert store.lang in (None, "sv", "en")
    json.dumps(store.data, allow_nan=False)  # what the widgets send to the browser must be valid JSON


def test_deep_nesting_and_huge_values_do_not_break_loading(tmp_path):
    deep = "[" * 500 + "]" * 500  # readable JSON, deeper than any answer
    huge = "x" * (MAX_ENTRY_BYTES + 10)
    raw = (
        '{"items": {"ok": {"text": "fine"}, "huge": {"text": "' + huge + '"}}, '
        '"exercises": {"deep": {"answer": ' + deep + '}, "big-int": {"answer": 1, "rev": ' + "9" * 30 + "}}}"
    )
    (tmp_path / "answers.json").write_text(raw, encoding="utf-8")
    store = AnswersStore(tmp_path)
    assert store.report.problem == "repaired"
    assert store.text("ok") == "fine" and store.get("items", "huge") is None
    assert store.get("exercises", "deep") is None and store.answer("big-int") == 1
    assert (tmp_path / store.report.aside).stat().st_size == len(raw)


def test_unknown_keys_are_kept_and_survive_a_save(tmp_path):
    objection = {"c1": {"sentence": "Jag frågade.", "at": 1.0, "text_sha1": "ab"}}
    raw = {"items": {"x": {"text": "a", "rev": 1, "objections": objection, "future": {"k": 1}}}, "extra": [1]}
    (tmp_path / "answers.json").write_text(json.dumps(raw), encoding="utf-8")
    store = AnswersStore(tmp_path)
    assert store.report.problem is None
    assert store.save_text("x", "b").ok
    entry = AnswersStore(tmp_path).get("items", "x")
    assert entry["objections"] == objection and entry["future"] == {"k": 1} and entry["text"] == "b"
    assert read_answers(tmp_path)["extra"] == [1]


def test_a_folder_that_cannot_be_written_still_opens(tmp_path, monkeypatch):
    store = AnswersStore(tmp_path)
    store.save_text("x", "saved before")

    def refuse(*_a, **_k):
        raise OSError(28, "No space left on device")

    (tmp_path / "answers.json").write_text('{"items": {"x": {"text": 5}}}', encoding="utf-8")
    monkeypatch.setattr("coursekit.store.os.replace", refuse)
    again = AnswersStore(tmp_path)
    assert again.report.problem == "unreadable-folder"
    assert "No space left" in again.report.message("en")
    result = again.save_text("x", "new")
    assert not result.ok and "No space left" in result.message("en")
    assert json.loads((tmp_path / "answers.json").read_text()) == {"items": {"x": {"text": 5}}}  # untouched


# -- one writing window per module (issue 14, item 3) --------------------------------------------------
HOLDER = """
import json, sys
from coursekit.store import AnswersStore
store = AnswersStore(sys.argv[1], exclusive=True)
print(json.dumps({"writable": store.writable}), flush=True)
for line in sys.stdin:
    cmd, _, arg = line.strip().partition(" ")
    if cmd == "save":
        r = store.save_text("x", arg)
        print(json.dumps({"ok": r.ok, "error": r.error}), flush=True)
    elif cmd == "release":
        store.release()
        print(json.dumps({"writable": store.writable}), flush=True)
    else:
        print(json.dumps({"writable": store.check()}), flush=True)
"""


class Window:
    """A module window in its own kernel process, as a second browser tab has."""

    def __init__(self, folder) -> None:
        import subprocess
        import sys

        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.opened = json.loads(self.proc.stdout.readline())

    def ask(self, line: str) -> dict:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(30)


@pytest.fixture
def quick_lease(monkeypatch):
    monkeypatch.setattr("coursekit.store.LEASE_WAIT_S", 0.3)


def test_second_window_reads_but_cannot_overwrite_acknowledged_text(tmp_path, quick_lease):
    first = Window(tmp_path)
    try:
        assert first.opened == {"writable": True}
        assert first.ask("save acknowledged in the first window")["ok"]
        second = AnswersStore(tmp_path, exclusive=True)
        assert not second.writable
        assert "open in another window" in second.lock_message("en")
        result = second.save_text("x", "typed in the second window")
        assert not result.ok and result.error == "elsewhere"
        assert "only read here" in result.message("en")
        assert AnswersStore(tmp_path).text("x") == "acknowledged in the first window"
    finally:
        first.close()
    assert second.check(), "the other window closed: this one may write"
    assert second.save_text("x", "now from the second window").ok


def test_a_killed_kernel_does_not_block_the_next_window(tmp_path, quick_lease):
    first = Window(tmp_path)
    first.ask("save before the kill")
    first.kill()
    again = AnswersStore(tmp_path, exclusive=True)
    assert again.writable and again.text("x") == "before the kill"


def test_take_over_makes_the_first_window_read_only(tmp_path, quick_lease):
    first = Window(tmp_path)
    try:
        second = AnswersStore(tmp_path, exclusive=True)
        assert not second.writable
        assert second.take_over() is False  # nothing saved since it opened: no reload needed
        assert second.writable and second.save_text("x", "second writes").ok
        refused = first.ask("save first window again")
        assert refused == {"ok": False, "error": "taken-over"}
        assert AnswersStore(tmp_path).text("x") == "second writes"
    finally:
        first.close()


def test_take_over_after_the_other_window_saved_asks_for_a_reload(tmp_path, quick_lease):
    first = Window(tmp_path)
    try:
        second = AnswersStore(tmp_path, exclusive=True)
        first.ask("save after the second window opened")
        assert second.take_over() is True
        assert not second.writable and "Reload" in second.lock_message("en")
        assert not second.save_text("x", "stale").ok
        reloaded = AnswersStore(tmp_path, exclusive=True)  # the reloaded page's new kernel
        assert reloaded.writable and reloaded.text("x") == "after the second window opened"
        assert first.ask("save from the displaced window")["ok"] is False
    finally:
        first.close()


def test_windows_in_one_kernel_share_the_right_to_write(tmp_path):
    a, b = AnswersStore(tmp_path, exclusive=True), AnswersStore(tmp_path, exclusive=True)
    assert a.save_text("x", "a").ok and b.save_text("y", "b").ok


def test_second_window_must_reload_when_the_first_saved_after_it_opened(tmp_path, quick_lease):
    first = Window(tmp_path)
    second = AnswersStore(tmp_path, exclusive=True)
    assert first.ask("save typed after the second window opened")["ok"]
    first.close()
    assert not second.check(), "it shows older text than the file: writing now would hide the newer text"
    assert second.lock_reason == "reload" and "Reload" in second.lock_message("en")
    assert not second.save_text("x", "older view").ok
    assert AnswersStore(tmp_path, exclusive=True).text("x") == "typed after the second window opened"


def test_a_window_whose_page_went_quiet_stops_blocking(tmp_path, quick_lease, monkeypatch):
    first = Window(tmp_path)
    try:
        monkeypatch.setattr("coursekit.store.LEASE_STALE_S", 0.5)
        import time

        time.sleep(0.7)  # no beat from the first window's page: its tab is gone
        late = AnswersStore(tmp_path, exclusive=True)
        assert late.writable
        assert first.ask("save from the forgotten window") == {"ok": False, "error": "taken-over"}
    finally:
        first.close()


def test_released_window_lets_the_next_one_write_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr("coursekit.store.LEASE_WAIT_S", 30)
    first = Window(tmp_path)
    first.ask("release")  # what the page says when it is closed or reloaded (pagehide)
    import time

    start = time.monotonic()
    second = AnswersStore(tmp_path, exclusive=True)
    assert second.writable and time.monotonic() - start < 5
    first.close()


def test_take_over_on_a_full_disk_holds_once_space_is_free(tmp_path, quick_lease, monkeypatch):
    first = Window(tmp_path)
    try:
        second = AnswersStore(tmp_path, exclusive=True)
        real = second._atomic_write

        def full(target, payload):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(second, "_atomic_write", full)
        assert second.take_over() is False and second.writable
        assert second.save_text("x", "typed on a full disk").error == "unwritable:No space left on device"
        monkeypatch.setattr(second, "_atomic_write", real)  # space again
        assert second.save_text("x", "typed on a full disk").ok
        assert first.ask("save from the old window") == {"ok": False, "error": "taken-over"}
    finally:
        first.close()


# -- objections ("I did this here") with odd files and two windows ----------------------------------
def test_saving_text_keeps_objections_and_an_odd_objection_is_set_aside(tmp_path):
    good = {"sentence": "Jag frågade vem som såg det annorlunda.", "at": 1.0, "text_sha1": "ab"}
    entry = dict(GOOD, objections={"c1": good, "c2": "not an objection", "c3": {"sentence": 5}})
    (tmp_path / "answers.json").write_text(json.dumps({"items": {"x": entry}}), encoding="utf-8")
    store = AnswersStore(tmp_path)
    assert store.report.problem == "repaired"
    assert store.objections("x") == {"c1": good}
    assert store.save_text("x", "a new text").ok
    assert AnswersStore(tmp_path).objections("x") == {"c1": good}  # a new text never drops them


def test_a_read_only_window_cannot_object_or_withdraw(tmp_path, quick_lease):
    first = Window(tmp_path)
    try:
        assert first.ask("save Jag frågade.")["ok"]
        second = AnswersStore(tmp_path, exclusive=True)
        result = second.save_objection("x", "c1", "Jag frågade.")
        assert not result.ok and result.error == "elsewhere"
        assert AnswersStore(tmp_path).objections("x") == {}
    finally:
        first.close()
    assert second.check()
    assert second.save_objection("x", "c1", "Jag frågade.").ok
    assert AnswersStore(tmp_path).objections("x")["c1"]["sentence"] == "Jag frågade."
    assert second.withdraw_objection("x", "c1").ok and AnswersStore(tmp_path).objections("x") == {}
