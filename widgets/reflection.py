"""The reflection widget: learners write, get per-criterion feedback while they write, and the text is
saved to the module's answers file on every pause.

For a criterion the grader did not find, the learner can point to the sentence where they think they
did it ("I did this here"). The objection is saved in the answers file (AnswersStore.save_objection),
puts the criterion up for a teacher's review in nbgrader, and leaves the automatic decision as it is.
"""

from __future__ import annotations

import threading

import anywidget
import traitlets

from coursekit.store import AnswersStore, message, text_sha1
from grading import load_item, score, warm_up
from grading.text import clean, split_sentences

from .base import Guarded, css, esm, tr, ui

MAX_SENTENCES = 400  # the grader reads no more than this either


class ReflectionWidget(Guarded, anywidget.AnyWidget):
    _esm = esm("reflection.js")
    _css = css()

    item = traitlets.Unicode().tag(sync=True)
    lang = traitlets.Unicode("sv").tag(sync=True)
    title = traitlets.Unicode().tag(sync=True)
    prompt = traitlets.Unicode().tag(sync=True)
    scenario = traitlets.Unicode().tag(sync=True)
    ui = traitlets.Dict().tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)
    feedback = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("unsaved").tag(sync=True)
    saved_at = traitlets.Float(0.0).tag(sync=True)
    notice = traitlets.Unicode().tag(sync=True)
    # The text's sentences, as the grader splits them: what an objection can point to.
    sentences = traitlets.List(traitlets.Unicode()).tag(sync=True)
    # criterion id -> {"sentence", "at", "stale"}; stale: the text changed after the objection.
    objections = traitlets.Dict().tag(sync=True)
    # What the page announces to screen readers after an objection is saved or withdrawn.
    announce = traitlets.Dict().tag(sync=True)

    def __init__(self, item: str, store: AnswersStore, lang: str = "sv", **kwargs) -> None:
        self._spec = load_item(item)  # raises UnknownItemError with the valid ids
        self._store = store
        self._announced = 0
        super().__init__(item=item, **kwargs)
        entry = store.get("items", item) or {}
        self.set_lang(lang)
        self.text = entry.get("text", "")
        self.saved_at = float(entry.get("saved_at", 0.0))
        self.status = "saved" if entry else "unsaved"
        if store.report.problem:
            self.notice = store.report.message(lang)
        if not self.text:  # nothing scored yet: compile the item's rules while the learner reads
            threading.Thread(target=warm_up, args=(item,), name=f"warm-up-{item}", daemon=True).start()
        self._rescore()
        self.observe(self._on_text, names="text")
        self.on_msg(self._on_msg)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.ui = ui(lang)
        self.title = self.ui["reflection"]
        self.prompt = tr(self._spec.prompt, lang)
        self.scenario = tr(self._spec.scenario, lang)
        if self.text:
            self._rescore()

    def _rescore(self) -> None:
        self.sentences = split_sentences(clean(self.text))[:MAX_SENTENCES]
        self._show_objections()
        # Before the learner has written anything there is nothing to comment on; once they have
        # (even if they then cleared the box) the grader's "empty" message is shown.
        if not self.text.strip() and self._store.get("items", self.item) is None:
            self.feedback = {}
            return
        self.feedback = score(self.item, self.text, self.lang).to_dict()

    def _on_text(self, change: dict) -> None:
        self.status = "saving"
        result = self._store.save_text(self.item, change["new"], self.lang)
        if result.ok:
            self.status = "conflict" if result.conflict else "saved"
            self.saved_at = result.saved_at or 0.0
            self.notice = message("conflict", self.lang) if result.conflict else ""
        else:
            self.status = "error"
            self.notice = result.message(self.lang)
        self._rescore()

    # -- "I did this here" -------------------------------------------------------------------------
    def _show_objections(self) -> None:
        sha = text_sha1(self.text)
        self.objections = {
            cid: {"sentence": o.get("sentence", ""), "at": o.get("at"), "stale": o.get("text_sha1") != sha}
            for cid, o in self._store.objections(self.item).items()
            if isinstance(o, dict)
        }

    def _label(self, criterion: str) -> str:
        c = next((c for c in self._spec.criteria if c.id == criterion), None)
        return tr(c.label, self.lang) if c else criterion

    def _say(self, key: str, criterion: str) -> None:
        self._announced += 1
        text = self.ui.get(key, key).format(label=self._label(criterion))
        self.announce = {"text": text, "n": self._announced, "criterion": criterion}

    def object_to(self, criterion: str, sentence: str) -> bool:
        """The learner says they met `criterion` in `sentence`; False (with a notice) if it cannot be saved."""
        unmet = {c["id"] for c in self.feedback.get("criteria", []) if not c.get("met")}
        if criterion not in unmet or sentence not in self.sentences:
            # Only a sentence of the current text, for a criterion not found, can be pointed to.
            self._say("objection_invalid", criterion)
            return False
        result = self._store.save_objection(self.item, criterion, sentence, self.lang)
        if not result.ok:
            self.notice = result.message(self.lang)
            self._say("objection_failed", criterion)
            return False
        self._show_objections()
        self._say("objection_saved", criterion)
        return True

    def withdraw(self, criterion: str) -> bool:
        result = self._store.withdraw_objection(self.item, criterion)
        if not result.ok:
            self.notice = result.message(self.lang)
            self._say("objection_failed", criterion)
            return False
        self._show_objections()
        self._say("objection_withdrawn", criterion)
        return True

    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("criterion"), str):
            return
        if content.get("type") == "object" and isinstance(content.get("sentence"), str):
            self.object_to(content["criterion"], content["sentence"])
        elif content.get("type") == "withdraw":
            self.withdraw(content["criterion"])
