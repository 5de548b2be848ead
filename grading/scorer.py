"""Scoring a reflection against its item's criteria.

The decision has three layers, all driven by data in grading/items/*.json and grading/lexicon.json:

1. Non-attempt guards (guards.py): empty/too short, repeated text, copy of the prompt or course
   text, gibberish, another language, a bare keyword list, off-topic text. A non-attempt scores 0.
2. Cue rules per criterion (rules.py), matched sentence by sentence on normalised text, with
   negation scope, "real sentence" and keyword-stuffing checks. Sentences copied from the prompt or
   scenario are ignored, so are repeated sentences.
3. The decision per criterion: evidence criteria are met when one sentence carries enough cue
   weight; guard criteria ("does not judge", "does not suppress") are met when the answer contains
   what they presuppose and no sentence shows the unwanted move.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from . import gaming, guards, perturb, reader, review, review_model
from .bank import LANGS, Criterion, Item, load_item
from .rules import (
    Hit,
    find_hits,
    hit_score,
    hypothetical_patterns,
    in_condition,
    rejection_patterns,
    token_starts,
)
from .text import clean, function_shares, lexicon, normalise, said_back, split_sentences, tokens

MIN_WORDS = 15
NO_ANSWER_SIGNAL = 0.5
GENERIC_SHARE = 0.5  # this share of general statements, in an impersonal text, is a generic essay  # a generic comment with a cue weight above this is flagged for a person
MAX_CHARS = 12_000  # about 2,000 words; longer input is cut and flagged for a person
MAX_SENTENCES = 400
STUFFED_FUNCTION_SHARE = 0.2
SUPPORT_FLAGS = True
SHORT_SENTENCE_FACTOR = 0.6  # cues in a two- or three-word sentence count this much
READER = True  # the trained second reader (reader.py) may add a point the rules missed
FRAGMENT_FACTOR = 1.0  # telegraphic notes of four or more words count fully ("Next time: questions first");
# keyword strings are caught as a keyword list, salad (gaming.py) or stuffing instead


@dataclass
class CriterionResult:
    id: str
    label: str
    met: bool
    confidence: float
    evidence: str | None
    feedback: str


@dataclass
class Score:
    item: str
    lang: str
    points: int
    max_points: int
    attempt: bool
    needs_review: bool
    reason: str | None = None
    message: str | None = None
    criteria: list[CriterionResult] = field(default_factory=list)
    detected_lang: str | None = None
    review_reasons: list[str] = field(default_factory=list)
    # criterion ids the grader is unsure of (a person should look there first); empty when sure
    review_criteria: list[str] = field(default_factory=list)
    # the review model's highest probability that a criterion's decision is wrong (review_model.py);
    # the review queue shows the most likely wrong answers first
    review_probability: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def criteria_map(self) -> dict[str, bool]:
        return {c.id: c.met for c in self.criteria}


@dataclass(frozen=True)
class SentenceAnalysis:
    text: str
    norm: str
    real: bool
    stuffed: bool
    rejected: bool
    factor: float  # 1 for a real sentence, less for a very short one ("Listen first."), 0 for fragments
    hypothetical: bool
    pos: tuple[tuple[Hit, ...], ...]  # per criterion, in item order
    neg: tuple[tuple[Hit, ...], ...]
    req: tuple[tuple[Hit, ...], ...]
    neg_any: tuple[tuple[Hit, ...], ...]
    unsure: tuple[bool, ...]  # per criterion: one of its `unsure_without` patterns occurs
    vocab: tuple[int, ...] = ()  # per criterion: distinct words of its own vocabulary (review.py)
    void: tuple[bool, ...] = ()  # per criterion: the sentence is habitual or supposed (`void` patterns)
    link: tuple[float, ...] = ()  # per criterion: weight of a `link` pattern opening the sentence (0: none)


def _message(reason: str, lang: str) -> str:
    return lexicon()["messages"][reason][lang]


def _met_note(c: Criterion, lang: str) -> str:
    if c.praise and lang in c.praise:
        return c.praise[lang]
    return lexicon()["met_note"][lang].format(label=c.label[lang])


def not_found(c: Criterion, lang: str) -> str:
    """Humble feedback for an unmet criterion: what was not found, and how to make it explicit."""
    label = c.label[lang]
    label = label[:1].lower() + label[1:]
    return lexicon()["not_found"][lang].format(label=label, advice=c.advice[lang])


def _described(sentences: Sequence[str]) -> bool:
    """Half or more of the sentences describe a move rather than make it: they open with an
    infinitive or a gerund ("Att nämna ...", "To name ...", "Naming ...")."""
    opens = 0
    for s in sentences:
        toks = tokens(s)
        if toks and (toks[0] in ("att", "to") or (len(toks[0]) > 5 and toks[0].endswith("ing"))):
            opens += 1
    return bool(sentences) and opens >= 0.5 * len(sentences)


def _sentence_factor(toks: list[str]) -> float:
    """How much a sentence's cues count: full sentences 1; fragments without function words less."""
    _, _, fw = function_shares(toks)
    if len(toks) >= 4:
        return 1.0 if fw >= 0.08 else FRAGMENT_FACTOR
    if len(toks) >= 2:
        # "Tell me more." is a sentence; "Transparens: publicera" is a keyword bullet
        return 1.0 if fw > 0 else SHORT_SENTENCE_FACTOR
    return 0.0


@lru_cache(maxsize=8192)
def analyse_sentence(item_id: str, sentence: str) -> SentenceAnalysis:
    """Cue hits of one sentence for every criterion of the item (cached: re-scoring while typing)."""
    spec = load_item(item_id)
    norm = normalise(sentence)
    toks = tokens(norm)
    factor = _sentence_factor(toks)
    real = factor > 0
    starts = token_starts(norm)
    pos = tuple(tuple(find_hits(c.rule.pos, norm, starts)) for c in spec.criteria)
    neg = tuple(tuple(find_hits(c.rule.neg, norm, starts)) for c in spec.criteria)
    req = tuple(tuple(find_hits(c.rule.requires, norm, starts)) for c in spec.criteria)
    neg_any = tuple(tuple(find_hits(c.rule.neg_any, norm, starts)) for c in spec.criteria)
    unsure = tuple(
        any(not h.negated for h in find_hits(c.rule.unsure_without, norm, starts))
        if c.rule.unsure_without
        else False
        for c in spec.criteria
    )
    # keyword stuffing: cue words for several criteria strung together without sentence structure
    crit_hit = sum(1 for hits in pos if any(not h.negated for h in hits))
    _, _, fw = function_shares(toks)
    commas = norm.count(",") + norm.count(";")
    stuffed = crit_hit >= 2 and (fw < STUFFED_FUNCTION_SHARE or commas > 0.25 * len(toks))
    # "om vi hoppar över dem, …" is a condition, not the learner dismissing the step
    rejected = any(
        not h.negated and not in_condition(norm, h.start)
        for h in find_hits(rejection_patterns(), norm, starts)
    )
    hypothetical = any(not h.negated for h in find_hits(hypothetical_patterns(), norm, starts))
    vocab = review.vocabulary_hits(item_id, toks)
    link = tuple(
        max(
            (h.weight for h in find_hits(c.rule.link, norm, starts) if h.start == 0 and not h.negated),
            default=0.0,
        )
        for c in spec.criteria
    )
    void = tuple(
        any(not h.negated for h in find_hits(c.rule.void, norm, starts)) if c.rule.void else False
        for c in spec.criteria
    )
    return SentenceAnalysis(
        sentence,
        norm,
        real,
        stuffed,
        rejected,
        factor,
        hypothetical,
        pos,
        neg,
        req,
        neg_any,
        unsure,
        vocab,
        void,
        link,
    )


def _sentence_score(s: SentenceAnalysis, i: int, veto: bool = False) -> float:
    """Cue weight of one sentence for criterion i. A full sentence sums its distinct cues; a short
    sentence or a bullet fragment counts only its strongest cue, scaled down, so a two-word bullet
    ("Transparens: publicera") can never meet a criterion on its own. With `veto`, the sentence's
    own veto cues ("the administration draws up the options") are subtracted. A void sentence
    (habitual, supposed, a bare list: the item's `void` patterns) lends nothing."""
    if s.void and s.void[i]:
        return 0.0
    if s.factor >= 1.0:
        score = hit_score(list(s.pos[i]))
    else:
        score = max((h.weight for h in s.pos[i] if not h.negated), default=0.0) * s.factor
    if veto:
        score -= hit_score(list(s.neg[i]))
    return score


def _cue_spread(usable: list[SentenceAnalysis], i: int) -> dict[str, float]:
    """How the evidence for criterion i is spread over the answer: sentences with a live cue, the
    strongest single cue, cues voided by negation, and sentences rejected or hypothetical. These
    describe how fragile a decision is (review.py); they never change it."""
    live = [h for s in usable for h in s.pos[i] if not h.negated]
    return {
        "cue_sents": float(sum(1 for s in usable if any(not h.negated for h in s.pos[i]))),
        "cue_top": max((h.weight for h in live), default=0.0),
        "cue_count": float(len(live)),
        "cue_negated": float(sum(1 for s in usable for h in s.pos[i] if h.negated)),
        "cue_rejected": float(sum(1 for s in usable if s.rejected and any(not h.negated for h in s.pos[i]))),
        "vocab_top": float(max((s.vocab[i] for s in usable if s.vocab), default=0)),
    }


def _confidence(margin: float) -> float:
    """How sure the decision is, from the distance between cue weight and threshold (0.5-0.95).
    Criteria flagged as unsure are capped at 0.6 afterwards."""
    return round(0.6 + 0.35 * min(1.0, abs(margin)), 2)


def _non_attempt(
    spec: Item, lang: str, reason: str, detected: str | None, review: bool, too_long: bool = False
) -> Score:
    reasons = (["borderline-attempt"] if review else []) + (["too-long"] if too_long else [])
    return Score(
        item=spec.id,
        lang=lang,
        points=0,
        max_points=spec.max_points,
        attempt=False,
        needs_review=bool(reasons),
        reason=reason,
        message=_message(reason, lang),
        criteria=[
            CriterionResult(c.id, c.label[lang], False, 0.95, None, not_found(c, lang)) for c in spec.criteria
        ],
        detected_lang=detected,
        review_reasons=reasons,
    )


def _judge(
    spec: Item,
    lang: str,
    sents: list[SentenceAnalysis],
    thresholds: Mapping[str, float] | None = None,
    said: list[SentenceAnalysis] | None = None,
    signals: dict[str, dict[str, float]] | None = None,
    words: int = 0,
) -> tuple[list[CriterionResult], list[str], float, dict[str, float | None]]:
    results: list[CriterionResult] = []
    raw: dict[str, float | None] = {}
    unsure: list[str] = []
    total_signal = 0.0
    usable = [s for s in sents if s.real and not s.stuffed]
    for i, c in enumerate(spec.criteria):
        rule = c.rule
        local_veto = rule.mode == "evidence" and bool(rule.neg) and rule.scope != "text"
        best_score, best_sent = 0.0, None
        if rule.scope == "text":
            seen: dict[str, float] = {}
            first: SentenceAnalysis | None = None
            for s in usable:
                if s.rejected or (s.void and s.void[i]):
                    continue
                for h in s.pos[i]:
                    if not h.negated:
                        w = h.weight * s.factor
                        seen[h.pattern] = min(seen.get(h.pattern, 0.0) + w, h.limit)
                        first = first or s
            best_score, best_sent = sum(seen.values()), first
        elif rule.scope == "pair":
            for j, s in enumerate(usable):
                if s.rejected:
                    continue
                nxt = usable[j + 1] if j + 1 < len(usable) and not usable[j + 1].rejected else None
                bonus = 0.0
                if nxt is not None and rule.link:
                    # the next sentence lends its cues only when it opens with a link ("Then …"),
                    # and the link itself adds its weight (it says the two are cause and effect)
                    bonus = nxt.link[i]
                    if bonus <= 0:
                        nxt = None
                sc = _sentence_score(s, i, local_veto)
                if nxt is not None:
                    both = {h.pattern: h.weight for h in s.pos[i] if not h.negated}
                    for h in nxt.pos[i]:
                        if not h.negated:
                            both[h.pattern] = max(both.get(h.pattern, 0.0), h.weight)
                    if not any(not h.negated for h in s.pos[i]) or not any(not h.negated for h in nxt.pos[i]):
                        bonus = 0.0  # the link joins a cue in each sentence, nothing else
                    pair = (sum(both.values()) + bonus) * min(s.factor, nxt.factor)
                    if local_veto:
                        pair -= max(hit_score(list(s.neg[i])), hit_score(list(nxt.neg[i])))
                    sc = max(sc, pair, _sentence_score(nxt, i, local_veto))
                if sc > best_score:
                    best_score, best_sent = sc, s
        else:
            for s in usable:
                if s.rejected:
                    continue
                sc = _sentence_score(s, i, local_veto)
                if sc > best_score:
                    best_score, best_sent = sc, s
        total_signal = max(total_signal, best_score)
        sig = _cue_spread(usable, i)
        if rule.mode == "guard":
            violation, bad_sent = 0.0, None
            scope = said if rule.neg_scope == "said" and said else usable
            for s in scope:
                if s.hypothetical:
                    continue
                v = hit_score(list(s.neg[i]))
                if v > violation:
                    violation, bad_sent = v, s
            if rule.neg_any:
                for s in usable:
                    if s.hypothetical:
                        continue
                    v = hit_score(list(s.neg_any[i]))
                    if v > violation:
                        violation, bad_sent = v, s
            if rule.requires:
                req_score, req_sent = 0.0, None
                for s in usable:
                    r = hit_score(list(s.req[i]))
                    if r > req_score:
                        req_score, req_sent = r, s
            else:
                req_score, req_sent = 1.0, best_sent or (usable[0] if usable else None)
            has_req = req_score >= 1.0
            met = has_req and violation < 1.0
            margin = min(req_score - 1.0, 1.0 - violation) if met else max(violation - 1.0, 1.0 - req_score)
            # a guard met despite some sign of the unwanted move is worth a look; a guard not met is
            # rarely wrong, even when the violation was only just strong enough (measured on the dev
            # answers: 2 of 24 such flags pointed at a wrong decision), so it is not flagged
            if met and 0 < violation:
                unsure.append(c.id)
            evidence = (req_sent.text if req_sent else None) if met else None
            sig.update(
                guard=1.0,
                met=float(met),
                margin=margin,
                violation=violation,
                required=req_score,
                viol_sents=float(sum(1 for s in usable if hit_score(list(s.neg[i])) > 0)),
                viol_negated=float(sum(1 for s in usable for h in s.neg[i] if h.negated)),
                viol_hypothetical=float(
                    any(s.hypothetical and hit_score(list(s.neg[i])) > 0 for s in usable)
                ),
            )
            if signals is not None:
                signals[c.id] = sig
            if met:
                feedback = _met_note(c, lang)
            else:
                feedback = not_found(c, lang)
                if bad_sent is not None and violation >= 1.0 and c.advice_violation:
                    feedback = c.advice_violation[lang]
            results.append(CriterionResult(c.id, c.label[lang], met, _confidence(margin), evidence, feedback))
            raw[c.id] = None
            continue
        if rule.neg and rule.scope == "text":  # a text-wide veto ("I can't pick out one meeting")
            best_score -= max((hit_score(list(s.neg[i])) for s in usable), default=0.0)
        raw[c.id] = best_score
        threshold = rule.threshold
        if thresholds and f"{spec.id}/{c.id}" in thresholds:
            threshold = thresholds[f"{spec.id}/{c.id}"]
        margin = best_score - threshold
        met = margin >= 0
        sig.update(
            guard=0.0,
            met=float(met),
            margin=margin,
            score=best_score,
            evidence_hypothetical=float(bool(best_sent and best_sent.hypothetical)),
            evidence_factor=best_sent.factor if best_sent else 0.0,
        )
        if signals is not None:
            signals[c.id] = sig
        if (not met and review.near_miss(best_score, threshold, sig, words, rule.near)) or (
            met and margin < 0.25 and best_score < 1.0
        ):
            unsure.append(c.id)
        results.append(
            CriterionResult(
                c.id,
                c.label[lang],
                met,
                _confidence(margin),
                best_sent.text if met and best_sent else None,
                _met_note(c, lang) if met else not_found(c, lang),
            )
        )
    met_ids = {r.id for r in results if r.met}
    for i, c in enumerate(spec.criteria):
        rule = c.rule
        if rule.mode != "guard" or c.id not in met_ids or c.id in unsure:
            continue
        if not SUPPORT_FLAGS:
            continue
        if rule.unsure_unless_met and not met_ids.intersection(rule.unsure_unless_met):
            unsure.append(c.id)
        elif rule.unsure_without and not any(s.unsure[i] for s in sents):
            unsure.append(c.id)
    for r in results:
        if r.id in unsure:
            r.confidence = min(r.confidence, 0.6)
    if signals is not None:
        for cid in unsure:  # the hand-set near-miss rules: one signal of the review model
            if cid in signals:
                signals[cid]["rule_flag"] = 1.0
    return results, unsure, total_signal, raw


def _second_reader(
    spec: Item,
    lang: str,
    results: list[CriterionResult],
    own: Sequence[str],
    said: Sequence[str],
    words: int,
    signals: dict[str, dict[str, float]],
) -> None:
    """Let the trained reader (reader.py) add a point the rules missed, when it is sure; its evidence
    is the learner's own sentence it weighs highest. A point the rules gave is never removed. Its
    probability is kept as a signal for the review model."""
    model = reader.load()
    readings = reader.read(model, spec.id, [c.id for c in spec.criteria], own, said, words, signals)
    for i, r in enumerate(results):
        got = readings.get(r.id)
        if got is None:
            continue
        signals[r.id]["reader"] = got.probability
        if not r.met and got.probability >= model.add_threshold and got.evidence:
            c = spec.criteria[i]
            results[i] = CriterionResult(r.id, r.label, True, 0.6, got.evidence, _met_note(c, lang))
            signals[r.id]["reader_added"] = 1.0


def warm_up(item_id: str) -> None:
    """Compile an item's cue patterns before the learner's first pause. They are compiled lazily, which
    makes the first score of an item in a fresh kernel take about a second; scoring one of the item's
    own exemplars (written for the grader; every cue list runs over it) does that once, off the typing
    path."""
    for exemplar in load_item(item_id).exemplars[:1]:
        score(item_id, exemplar.text, exemplar.lang)


def score(item: str, text: str, lang: str = "sv", references: Sequence[str] | None = None) -> Score:
    """Score `text` for reflection `item`; feedback is written in `lang` (the course language).

    `references` are extra course texts (e.g. the module's case text); an answer that only copies
    them, or the item's prompt and scenario, is not an attempt.
    """
    return score_details(item, text, lang, references)[0]


def score_details(
    item: str,
    text: str,
    lang: str = "sv",
    references: Sequence[str] | None = None,
    thresholds: Mapping[str, float] | None = None,
    signals: dict[str, dict[str, float]] | None = None,
    capture: dict[str, Any] | None = None,
    use_reader: bool | None = None,
) -> tuple[Score, dict[str, float | None]]:
    """Like `score`, also returning each evidence criterion's raw cue weight (None for guards).

    `thresholds` ("item/criterion" -> weight) overrides the item file; used by cross-validation.
    `signals`, when given, is filled with how fragile each criterion's decision is (per criterion
    id) and, under "_answer", with whole-answer features; review.py reads them.
    """
    signals = {} if signals is None else signals
    spec = load_item(item)
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}; use one of {', '.join(LANGS)}.")
    text = clean(text or "")
    too_long = len(text) > MAX_CHARS
    if too_long:
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    toks = tokens(text)
    if not toks:
        return _non_attempt(spec, lang, "empty", None, False), {}
    if len(toks) < MIN_WORDS:
        return _non_attempt(spec, lang, "too-short", None, len(toks) >= MIN_WORDS - 3, too_long), {}

    raw_sents = split_sentences(text)[:MAX_SENTENCES]
    verdict = guards.check(spec, text, toks, raw_sents, references)
    if verdict.reason:
        return _non_attempt(
            spec, lang, verdict.reason, verdict.detected_lang, verdict.borderline, too_long
        ), {}

    reading = gaming.read(spec.id, text, verdict.own_sentences)
    if reading.salad:
        return _non_attempt(spec, lang, "keyword-list", verdict.detected_lang, False, too_long), {}
    if reading.copy:
        return _non_attempt(spec, lang, "rubric-copy", verdict.detected_lang, False, too_long), {}
    # the criteria described, not done: mostly the rubric's words, and no one acts in the text (no
    # first person, no "I would", no words to say); real answers stay under this share (gaming.py).
    # Infinitive openings ("To name ...") or not: "A good answer places ...", "Känslan speglas ...",
    # "You are supposed to ..." and strings of criterion names describe the criteria as well.
    if (
        reading.share >= gaming.RUBRIC_SHARE
        and not verdict.first_person
        and not verdict.task_voice
        and not said_back(text)
        and (_described(verdict.own_sentences) or reading.described)
    ):
        return _non_attempt(spec, lang, "rubric-copy", verdict.detected_lang, False, too_long), {}

    # a question about the task is not part of the answer
    own = [
        s for s in verdict.own_sentences if not (reading.teacher_question and gaming.is_teacher_question(s))
    ]
    sents = [analyse_sentence(spec.id, s) for s in own]
    said_texts = [s for seg in said_back(text) for s in split_sentences(seg)]
    said = None
    if any(c.rule.neg_scope == "said" for c in spec.criteria):
        said = [analyse_sentence(spec.id, s) for s in said_texts]
    results, unsure, signal, raw = _judge(spec, lang, sents, thresholds, said, signals, len(toks))
    is_off, off_border = guards.off_topic(spec, verdict, signal)
    if is_off:
        return _non_attempt(spec, lang, "off-topic", verdict.detected_lang, off_border, too_long), {}
    if signals is not None:
        signals["_answer"] = {
            "words": float(len(toks)),
            "sentences": float(len(sents)),
            "topic_share": verdict.topic_share,
            "rubric_share": reading.share,
            "first_person": float(verdict.first_person),
            "other_lang": float(bool(verdict.detected_lang) and verdict.detected_lang != lang),
            "unsure_rules": float(len(unsure)),
            "typos": float(sum(1 for s in own if perturb.typo_words(s))),
            "function_share": function_shares(toks)[2],
            # sentences of some length that carry no live cue for any criterion: part of the answer
            # the rules cannot account for (where a point made in the learner's own words may hide)
            "uncovered": float(
                sum(
                    1
                    for s in sents
                    if s.real
                    and len(s.norm.split()) >= 6
                    and not any(not h.negated for hs in s.pos for h in hs)
                )
            ),
        }
    evidence = [c.id for c in spec.criteria if c.rule.mode == "evidence"]
    evidence_met = any(r.met for r in results if r.id in evidence)
    evidence_signal = max((raw[c] or 0.0 for c in evidence), default=0.0)
    if not evidence_met and reading.teacher_question:
        return _non_attempt(spec, lang, "question", verdict.detected_lang, False, too_long), {}
    # a generic paragraph that answers nothing: no evidence cue, no point at all, and comments on the
    # material ("interesting", "everyone has a point") instead of an answer
    if reading.comment and not any(r.met for r in results):
        border = evidence_signal >= NO_ANSWER_SIGNAL
        return _non_attempt(spec, lang, "no-answer", verdict.detected_lang, border, too_long), {}
    # a generic essay on the topic: general statements ("dialogue is important in a democracy"), no
    # one acting in it (a generic "we must always …" is not acting), no "I would": it answers nothing
    # (a person looks when some cue was found)
    if reading.generic >= GENERIC_SHARE and not reading.own_voice and not verdict.task_voice:
        border = any(r.met for r in results)
        return _non_attempt(spec, lang, "no-answer", verdict.detected_lang, border, too_long), {}

    # the review model: how likely each decision is wrong, from the signals and the rule variations
    met_now = {r.id: r.met for r in results}
    for cid, names in perturb.flips(
        spec, lang, sents, said, thresholds, len(toks), met_now, _judge, raw
    ).items():
        signals[cid]["flips"] = float(len(names))
        signals[cid].update({f"flip:{n}": 1.0 for n in names})
    if capture is not None:
        capture.update(sentences=list(own), said=said_texts, words=len(toks))
    if READER if use_reader is None else use_reader:
        _second_reader(spec, lang, results, own, said_texts, len(toks), signals)
    model = review_model.load()
    probs = model.probabilities(spec, review_model.answer_features(spec, signals))
    unsure = model.flagged(probs)
    for r in results:
        if r.id in unsure:
            r.confidence = min(r.confidence, 0.6)

    review_reasons: list[str] = []
    if too_long:
        review_reasons.append("too-long")
    if reading.restated and sum(r.met for r in results) > 1 and not said_back(text):
        # the criteria restated as intentions: at most the one best-supported point stands (words
        # the learner would actually say, in quotes, are doing rather than restating)
        keep = max((r for r in results if r.met), key=lambda r: r.confidence)
        for i, r in enumerate(results):
            if r.met and r is not keep:
                c = spec.criteria[i]
                results[i] = CriterionResult(r.id, r.label, False, 0.6, None, not_found(c, lang))
        review_reasons.append("restated-criteria")
    if unsure:
        review_reasons.append("unsure:" + ",".join(unsure))
    if verdict.borderline or off_border:
        review_reasons.append("borderline-attempt")
    message = None
    if too_long:
        message = _message("too-long", lang)
    elif review_reasons:
        message = _message("review", lang)
    result = Score(
        item=spec.id,
        lang=lang,
        points=sum(r.met for r in results),
        max_points=spec.max_points,
        attempt=True,
        needs_review=bool(review_reasons),
        reason="too-long" if too_long else None,
        message=message,
        criteria=results,
        detected_lang=verdict.detected_lang,
        review_reasons=review_reasons,
        review_criteria=list(unsure),
        review_probability=round(max(probs.values(), default=0.0), 4),
    )
    return result, raw
