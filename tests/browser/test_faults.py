"""Fault injection in a real browser: the learner types, something breaks, nothing typed is lost.

Faults: the kernel is killed, the tab is closed, the tab crashes, a second tab is opened (and closed, or
takes over), the answers file is damaged on disk, the disk is full. Each fault happens right after the
last keystroke (or a little later); then the learner does what the page offers (reload, reopen, restore
the browser's draft, write here instead) and the test reads the answers file.

Every character typed more than 100 ms before the fault must be in the saved text afterwards. Five fields
are used: the reflection, listening practice, the dialogue planner, say-it and the self-assessment.

`make test` runs one fault of each kind; `make faults` (BACKA_FAULTS=full) runs all of them, over 100.
The suite ends with one summary line (also in test-artifacts/faults.json).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.faults]

FULL = os.environ.get("BACKA_FAULTS") == "full"
GRACE_S = 0.1  # characters typed this close to a fault may be lost (the goal covers the rest)


@dataclass(frozen=True)
class Field:
    assignment: str
    notebook: str
    selector: str
    path: tuple


FIELDS = {
    "reflection": Field(
        "01-stance",
        "stance",
        ".backa-reflection textarea.backa-refl-text",
        ("items", "stance-experience", "text"),
    ),
    "listening": Field(
        "02-listening",
        "listening",
        "textarea.lp-text",
        ("exercises", "listening-practice", "answer", "responses", "s1"),
    ),
    "planner": Field(
        "06-co-creative-dialogue",
        "co_creative_dialogue",
        ".backa-plan textarea[id$='-issue']",
        ("exercises", "dialogue-plan", "answer", "issue"),
    ),
    "say-it": Field(
        "05-handling-conflict",
        "handling_conflict",
        '.backa-say .say-card[data-prompt="safe-no"] textarea',
        ("exercises", "invite-the-no", "answer", "responses", "safe-no"),
    ),
    "self-assessment": Field(
        "07-capstone",
        "capstone",
        ".backa-sa-next textarea",
        ("exercises", "self-assessment", "answer", "next_step"),
    ),
}
WORDS = (
    "jag lyssnade på de boende i Backa och märkte att flera kände sig instängda av betalstationerna "
    "nästa gång ställer jag öppna frågor innan jag svarar och låter alla tala klart "
    "I noticed that the parents felt unheard so I named the feeling and asked what a normal week looks like"
).split()


def _cases() -> list[tuple[str, str, object]]:
    if not FULL:
        return [
            ("kernel-kill", "reflection", 0.0),
            ("tab-close", "planner", 0.0),
            ("tab-crash", "self-assessment", 0.0),
            ("two-tabs-close", "listening", 0.0),
            ("corrupt-file", "reflection", "garbage"),
            ("full-disk", "reflection", 0.0),
        ]
    cases: list[tuple[str, str, object]] = []
    for f in FIELDS:
        cases += [("kernel-kill", f, d) for d in (0.0, 0.05, 0.3, 0.8, 2.0)]
        cases += [("tab-close", f, d) for d in (0.0, 0.05, 0.3, 0.8, 2.0)]
        cases += [("tab-crash", f, d) for d in (0.0, 0.3, 1.0)]
        cases += [("two-tabs-close", f, d) for d in (0.0, 0.3, 1.0)]
        cases += [("two-tabs-take-over", f, d) for d in (0.0, 1.0)]
        cases += [("corrupt-file", f, c) for c in ("garbage", "truncated", "wrong-types", "folder")]
        cases += [("full-disk", f, d) for d in (0.0, 0.5, 2.0)]
    return cases


RESULTS: list[dict] = []


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    yield
    if not RESULTS:
        return
    typed = sum(r["typed"] for r in RESULTS)
    lost = sum(r["lost"] for r in RESULTS)
    late = sum(r["late_lost"] for r in RESULTS)
    line = (
        f"fault suite: {len(RESULTS)} faults, {typed} characters typed, {lost} characters lost "
        f"(typed more than {int(GRACE_S * 1000)} ms before the fault); {late} typed within "
        f"{int(GRACE_S * 1000)} ms of a fault not recovered"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "faults.json").write_text(
        json.dumps({"summary": line, "faults": RESULTS}, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n{line}", flush=True)


# -- the learner ---------------------------------------------------------------------------------------
class Typist:
    """Types into a field key by key and remembers when each character was typed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.text = ""
        self.times: list[float] = []

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n)) + " "

    def type(self, page, chunk: str) -> None:
        for ch in chunk:
            page.keyboard.type(ch)
            self.text += ch
            self.times.append(time.monotonic())

    def protected(self, fault_at: float) -> int:
        """How many leading characters were typed more than GRACE_S before the fault."""
        return sum(1 for t in self.times if t < fault_at - GRACE_S)


def saved_value(voila, field: Field) -> str:
    try:
        value = json.loads(voila.answers(field.assignment).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    for key in field.path:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) else ""


def wait_writable(page, field: Field, timeout: float = 90) -> None:
    """Until the field takes text (the page may reload on its way there)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(
                "(s) => { const a = document.querySelector(s); return !!a && !a.readOnly; }", field.selector
            ):
                return
        except Exception:
            pass  # the page is reloading
        time.sleep(0.2)
    raise AssertionError("the field never became writable")


def open_field(context, voila, field: Field, writable: bool = True):
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(voila.module_url(field.assignment, field.notebook))
    area = page.locator(field.selector).first
    area.wait_for(state="visible", timeout=90_000)
    if writable:
        wait_writable(page, field)
    return page, area


def focus_end(page, area) -> None:
    area.scroll_into_view_if_needed()
    area.focus()
    page.keyboard.press("Control+End")


def wait_saved(voila, field: Field, text: str, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if saved_value(voila, field) == text:
            return True
        time.sleep(0.2)
    return False


def restore_drafts(page, timeout: float = 8) -> bool:
    """Press every "restore" the page offers (the browser's unsaved text)."""
    buttons = page.locator(".backa-draft:not([hidden]) .backa-draft-restore")
    try:
        buttons.first.wait_for(state="visible", timeout=timeout * 1000)
    except Exception:
        return False
    for i in range(buttons.count()):
        if buttons.nth(i).is_visible():
            buttons.nth(i).click()
    return True


def kernel_process(page):
    import psutil

    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    return next(
        p
        for p in psutil.process_iter(["cmdline"])
        if f"kernel-{kernel_id}" in " ".join(p.info["cmdline"] or [])
    )


def settle_after(voila, field: Field, page, typist: Typist, timeout: float = 40) -> str:
    """Restore what the page offers, then wait for the file to hold all typed text (or time out)."""
    restore_drafts(page)
    wait_saved(voila, field, typist.text, timeout)
    return saved_value(voila, field)


def record(kind: str, field: str, variant, typist: Typist, fault_at: float, final: str) -> dict:
    common = len(os.path.commonprefix([final, typist.text]))
    protected = typist.protected(fault_at)
    result = {
        "fault": kind,
        "field": field,
        "variant": variant,
        "typed": len(typist.text),
        "lost": max(protected - common, 0),
        "late_lost": max(len(typist.text) - max(common, protected), 0),
    }
    RESULTS.append(result)
    return result


# -- full disk -----------------------------------------------------------------------------------------
@functools.cache
def can_mount() -> bool:
    probe = Path(tempfile.mkdtemp(prefix="fault-mount-"))
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
    if ok.returncode == 0:
        subprocess.run(["umount", str(probe)], capture_output=True)
    probe.rmdir()
    return ok.returncode == 0


class FullDisk:
    """A full disk for the module folder: a tiny tmpfs mounted over it and filled to the last byte (root
    may mount), or else the test-only write wrapper in faultinject/ (fsync fails with ENOSPC)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.mounted = can_mount() and not os.environ.get("BACKA_FAULT_WRAPPER")
        self.copy = Path(tempfile.mkdtemp(prefix="fault-copy-"))

    def __enter__(self):
        if self.mounted:
            shutil.copytree(self.folder, self.copy, dirs_exist_ok=True)
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(self.folder)], check=True)
            shutil.copytree(self.copy, self.folder, dirs_exist_ok=True)
        return self

    def fill(self) -> None:
        if not self.mounted:
            (self.folder / ".disk-full").touch()
            return
        for path, block in (
            (self.folder / ".filler", 4096),
            (self.folder / ".filler2", 1),
        ):  # then the last bytes
            with open(path, "ab", buffering=0) as fh, contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * block)

    def free(self) -> None:
        for name in (".filler", ".filler2", ".disk-full"):
            (self.folder / name).unlink(missing_ok=True)

    def __exit__(self, *exc):
        self.free()
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True)
        shutil.rmtree(self.copy, ignore_errors=True)


@pytest.fixture(scope="module")
def fault_voila(built_course, tmp_path_factory):
    """A Voilà server like the suite's, whose kernels load the test-only write wrapper (faultinject/)."""
    from tests.conftest import self_study_server

    inject = str(Path(__file__).parent / "faultinject")
    with self_study_server(
        built_course,
        tmp_path_factory.mktemp("fault-learner"),
        tmp_path_factory.mktemp("fault-home"),
        tmp_path_factory.mktemp("fault-logs") / "voila.log",
        PYTHONPATH=os.pathsep.join(p for p in (inject, os.environ.get("PYTHONPATH")) if p),
    ) as server:
        yield server


# -- the faults ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fault_browser(browser):
    """Chromium without a spare renderer, so that the renderer of a new tab can be told apart (started
    by the same Playwright as the suite's browser: only one may run)."""
    b = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--disable-features=SpareRendererForSitePerProcess"]
    )
    yield b
    b.close()


def _kernels(server) -> set[str]:
    return {k["id"] for k in server.api("/api/kernels")}


@pytest.fixture
def no_leftover_kernels(request):
    """Shut down the kernels a fault leaves behind (a closed or crashed tab does not end its kernel here),
    so a hundred faults do not fill the machine's memory."""
    servers = [request.getfixturevalue("voila")]
    before = {id(s): _kernels(s) for s in servers}
    yield servers
    if "fault_voila" in request.fixturenames:
        servers.append(request.getfixturevalue("fault_voila"))
    for server in servers:
        with contextlib.suppress(OSError):
            left = _kernels(server) - before.get(id(server), set())
            if left:
                _shut_down(server, left)


def _shut_down(server, kernel_ids: set[str]) -> None:
    """DELETE /api/kernels/<id> with the server's token (a token-authenticated request needs no XSRF)."""
    for kid in kernel_ids:
        req = urllib.request.Request(
            f"{server.url}/api/kernels/{kid}",
            method="DELETE",
            headers={"Authorization": f"token {server.token}"},
        )
        with contextlib.suppress(OSError):
            urllib.request.urlopen(req, timeout=30).close()


@pytest.fixture
def context(fault_browser):
    ctx = fault_browser.new_context(viewport={"width": 1100, "height": 1000})
    yield ctx
    ctx.close()


def my_renderers() -> set[int]:
    """Renderer processes of this test's own browser (never anyone else's)."""
    import psutil

    pids = set()
    for p in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):  # a killed renderer lingers as a zombie
            if "--type=renderer" in " ".join(p.cmdline()):
                pids.add(p.pid)
    return pids


def _corrupt(path: Path, how: str) -> None:
    if how == "garbage":
        path.write_bytes(os.urandom(300))
    elif how == "truncated":
        raw = path.read_bytes()
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "wrong-types":
        path.write_text(
            '{"items": {"stance-experience": {"text": 42}}, "exercises": [1, 2]}', encoding="utf-8"
        )
    elif how == "folder":
        path.unlink()
        path.mkdir()


@pytest.mark.parametrize("kind, field_name, variant", _cases())
def test_fault(kind, field_name, variant, voila, context, request, no_leftover_kernels):
    field = FIELDS[field_name]
    if kind == "full-disk" and (os.environ.get("BACKA_FAULT_WRAPPER") or not can_mount()):
        voila = request.getfixturevalue("fault_voila")  # no mount rights: the write wrapper instead
    voila.reset(field.assignment)
    typist = Typist(hash((kind, field_name, str(variant))) & 0xFFFF)
    before = my_renderers()
    page, area = open_field(context, voila, field)
    renderers = my_renderers() - before
    focus_end(page, area)
    typist.type(page, typist.words(8))
    assert wait_saved(voila, field, typist.text), "the first words were never saved"
    delay = variant if isinstance(variant, float) else 0.0

    if kind == "kernel-kill":
        typist.type(page, typist.words(10))
        time.sleep(delay)
        fault_at = time.monotonic()
        kernel_process(page).kill()  # as the machine would: no goodbye
        time.sleep(0.5)
        page.reload()
        page.locator(field.selector).first.wait_for(state="visible", timeout=90_000)
        final = settle_after(voila, field, page, typist)

    elif kind == "tab-close":
        typist.type(page, typist.words(10))
        time.sleep(delay)
        fault_at = time.monotonic()
        page.close(run_before_unload=True)
        page, area = open_field(context, voila, field)
        final = settle_after(voila, field, page, typist)

    elif kind == "tab-crash":
        typist.type(page, typist.words(10))
        time.sleep(delay)
        fault_at = time.monotonic()
        for pid in renderers:  # the tab's renderer dies: no unload handler runs
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        page.close()
        # The crashed tab's kernel still runs and its mark is still in the browser: the new tab is
        # read-only at first and offers to write here instead.
        page, area = open_field(context, voila, field, writable=False)
        take = page.locator(".backa-lock:not([hidden]) .backa-lock-take").first
        take.wait_for(state="visible", timeout=30_000)
        take.click()
        wait_writable(page, field)
        final = settle_after(voila, field, page, typist)

    elif kind in ("two-tabs-close", "two-tabs-take-over"):
        second, second_area = open_field(context, voila, field, writable=False)
        second.locator(".backa-lock:not([hidden])").first.wait_for(state="visible", timeout=30_000)
        assert second_area.evaluate("a => a.readOnly"), "the second tab must not accept text"
        before = second_area.input_value()
        focus_end(second, second_area)
        second.keyboard.type("ignored")
        assert second_area.input_value() == before
        page.bring_to_front()
        focus_end(page, area)
        typist.type(page, typist.words(10))
        time.sleep(delay)
        if kind == "two-tabs-close":
            fault_at = time.monotonic()
            page.close(run_before_unload=True)
            # The remaining tab takes over by itself, draws the latest save and offers the draft.
            wait_writable(second, field)
            final = settle_after(voila, field, second, typist)
        else:
            assert wait_saved(voila, field, typist.text), "the first tab's text was never saved"
            fault_at = time.monotonic()
            second.bring_to_front()
            second.locator(".backa-lock-take").first.click()
            wait_writable(second, field)
            final = settle_after(voila, field, second, typist)
            # The first tab learns it no longer writes (here: when it next saves), and says so.
            page.bring_to_front()
            focus_end(page, area)
            page.keyboard.type(".")
            page.locator(".backa-lock:not([hidden])").first.wait_for(state="visible", timeout=30_000)
            assert page.locator(field.selector).first.evaluate("a => a.readOnly")
        assert second.locator(field.selector).first.input_value() == final

    elif kind == "corrupt-file":
        typist.type(page, typist.words(4))
        assert wait_saved(voila, field, typist.text)
        fault_at = time.monotonic()
        _corrupt(voila.answers(field.assignment), variant)
        focus_end(page, area)
        typist.type(page, typist.words(6))  # the next save recovers the latest copy and adds this
        assert wait_saved(voila, field, typist.text), f"not saved after a {variant} answers file"
        page.reload()
        page.locator(field.selector).first.wait_for(state="visible", timeout=90_000)
        final = settle_after(voila, field, page, typist)
        assert page.locator(field.selector).first.input_value() == final
        for aside in voila.answers(field.assignment).parent.glob("answers.corrupt-*"):
            if aside.is_dir():  # the folder that stood in for the file, set aside: not for voila.reset
                shutil.rmtree(aside)

    elif kind == "full-disk":
        page.close(run_before_unload=True)
        with FullDisk(voila.learner / field.assignment) as disk:
            page, area = open_field(context, voila, field)
            assert page.locator(field.selector).first.input_value() == typist.text
            disk.fill()
            focus_end(page, area)
            typist.type(page, typist.words(10))
            time.sleep(delay)
            fault_at = time.monotonic()
            page.locator(".backa-refl-notice:not([hidden]), .backa-ex-notice:not([hidden])").filter(
                has_text="No space left"
            ).first.wait_for(timeout=30_000)
            page.reload()  # the learner gives up on this page; the disk is still full
            page.locator(field.selector).first.wait_for(state="visible", timeout=90_000)
            disk.free()
            final = settle_after(voila, field, page, typist)
    else:  # pragma: no cover
        raise AssertionError(kind)

    result = record(kind, field_name, variant, typist, fault_at, final)
    assert result["lost"] == 0, f"{result['lost']} characters lost: saved {final!r}, typed {typist.text!r}"
