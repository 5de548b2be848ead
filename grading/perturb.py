"""How fragile is a decision? Re-decide every criterion under small, principled variations of the rules.

A decision that flips when the rules change a little (a negation window of three or eight words
instead of five, two neighbouring sentences read together or apart, the threshold a quarter lower or
higher, a veto or a rejection ignored, a corrected typo left as written) rests on a detail of the
rules, and is more often wrong than one that holds under all of them. The variations never change a
decision; they are signals for the review model (review_model.py).

Each variation transforms the sentence analyses the scorer already made (no pattern is matched
again, except the negation check of the hits found) and runs the same decision code (`scorer._judge`)
once more, so the cost is a few judge runs per score. Transformed sentences are cached like the
analyses themselves, so re-scoring while the learner types stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .bank import Criterion, Item, load_item
from .rules import _TOK, NEGATION_WINDOW, Hit, Pattern, _is_negator, in_negated_frame, is_negated
from .text import _LONG_WORD, correct_typo

if TYPE_CHECKING:
    from .scorer import SentenceAnalysis

NEGATION_SHORT = 3
NEGATION_LONG = 8
THRESHOLD_STEP = 0.25  # the threshold a quarter lower / higher


@dataclass(frozen=True)
class Variant:
    name: str
    sentence: str | None = None  # how each sentence analysis is transformed (see _transform)
    scope_swap: bool = False  # "sentence" criteria read pairs of sentences, "pair" criteria single ones
    veto_off: bool = False  # evidence criteria without their veto patterns
    scale: float = 1.0  # evidence thresholds multiplied by this


VARIANTS: tuple[Variant, ...] = (
    Variant("negation-short", sentence="neg-short"),
    Variant("negation-long", sentence="neg-long"),
    Variant("pair-scope", scope_swap=True),
    Variant("threshold-low", scale=1 - THRESHOLD_STEP),
    Variant("threshold-high", scale=1 + THRESHOLD_STEP),
    Variant("veto-off", veto_off=True),
    Variant("rejection-off", sentence="no-reject"),
    Variant("fragments-full", sentence="full"),
    Variant("typos-off", sentence="no-typo"),
)


@cache
def _patterns_by_source(item_id: str) -> dict[str, Pattern]:
    out: dict[str, Pattern] = {}
    for c in load_item(item_id).criteria:
        for p in c.rule.all_patterns:
            out.setdefault(p.source, p)
    return out


def _renegate(item_id: str, norm: str, hits: tuple[Hit, ...], window: int) -> tuple[Hit, ...]:
    """The hits with their negation checked again in a window of `window` words (the same tuple
    when nothing changes, so an unchanged sentence is recognised by identity)."""
    if not hits:
        return hits
    known = _patterns_by_source(item_id)
    out = []
    for h in hits:
        p = known.get(h.pattern)
        # a shorter window can only free a negated hit, a longer one only negate a free one
        if h.negated != (window < NEGATION_WINDOW):
            out.append(h)
            continue
        if p is None or not p.check_negation or p.cap > 1 or in_negated_frame(norm, h.start):
            out.append(h)
            continue
        neg = is_negated(norm, h.start, h.end, window)
        out.append(h if neg == h.negated else replace(h, negated=neg))
    return hits if all(a is b for a, b in zip(out, hits, strict=True)) else tuple(out)


@lru_cache(maxsize=8192)
def typo_words(sentence: str) -> frozenset[str]:
    """The course words this sentence holds only because a typo was corrected towards them."""
    low = sentence.lower()
    fixes = {correct_typo(w) for w in _LONG_WORD.findall(low)} - set(_LONG_WORD.findall(low))
    return frozenset(fixes)


def _drop_typo_hits(norm: str, hits: tuple[Hit, ...], fixed: frozenset[str]) -> tuple[Hit, ...]:
    kept = tuple(h for h in hits if not any(w in norm[h.start : h.end] for w in fixed))
    return hits if len(kept) == len(hits) else kept


@lru_cache(maxsize=16384)
def _transform(item_id: str, text: str, how: str) -> SentenceAnalysis:
    from .scorer import analyse_sentence

    s = analyse_sentence(item_id, text)
    if how in ("neg-short", "neg-long"):
        if not any(_is_negator(t) for t in _TOK.findall(s.norm)):
            return s  # no negator in the sentence: no window can change anything
        w = NEGATION_SHORT if how == "neg-short" else NEGATION_LONG
        return _with_hits(s, lambda hits: _renegate(item_id, s.norm, hits, w))
    if how == "no-reject":
        return replace(s, rejected=False) if s.rejected else s
    if how == "full":
        return replace(s, factor=1.0, stuffed=False) if (0 < s.factor < 1 or s.stuffed) else s
    if how == "no-typo":
        fixed = typo_words(text)
        if not fixed:
            return s
        return _with_hits(s, lambda hits: _drop_typo_hits(s.norm, hits, fixed))
    raise ValueError(how)


def _with_hits(s: SentenceAnalysis, change: Callable[[tuple[Hit, ...]], tuple[Hit, ...]]) -> SentenceAnalysis:
    """`s` with `change` applied to the hits of every criterion; `s` itself when nothing changed."""
    fields = {}
    for name in ("pos", "neg", "req", "neg_any"):
        old = getattr(s, name)
        new = tuple(change(hits) for hits in old)
        if any(a is not b for a, b in zip(new, old, strict=True)):
            fields[name] = new
    return replace(s, **fields) if fields else s


def _swap(c: Criterion, veto_off: bool, scope_swap: bool) -> Criterion:
    rule = c.rule
    if rule.mode != "evidence":
        return c
    if scope_swap and rule.scope in ("sentence", "pair"):
        rule = replace(rule, scope="pair" if rule.scope == "sentence" else "sentence", link=())
    if veto_off and rule.neg:
        rule = replace(rule, neg=())
    return c if rule is c.rule else replace(c, rule=rule)


@lru_cache(maxsize=64)
def _spec(item_id: str, veto_off: bool, scope_swap: bool) -> Item:
    spec = load_item(item_id)
    return replace(spec, criteria=tuple(_swap(c, veto_off, scope_swap) for c in spec.criteria))


def flips(
    spec: Item,
    lang: str,
    sents: Sequence[SentenceAnalysis],
    said: Sequence[SentenceAnalysis] | None,
    thresholds: Mapping[str, float] | None,
    words: int,
    met: Mapping[str, bool],
    judge: Callable[..., tuple],
    raw: Mapping[str, float | None] | None = None,
) -> dict[str, list[str]]:
    """Per criterion id, the names of the variations under which its decision flips.

    A variation that changes no sentence cannot flip anything and is not run; the threshold variations
    are read off the evidence criteria's cue weights (`raw`, as `_judge` returns them) without a run."""
    out: dict[str, list[str]] = {c.id: [] for c in spec.criteria}
    for v in VARIANTS:
        if v.scale != 1.0 and raw is not None:
            for c in spec.criteria:
                value = raw.get(c.id)
                if value is None:
                    continue
                t = (thresholds or {}).get(f"{spec.id}/{c.id}", c.rule.threshold)
                if (value >= t * v.scale) != met.get(c.id, value >= t):
                    out[c.id].append(v.name)
            continue
        if v.veto_off and not _live_veto(spec, sents):
            continue
        if v.scope_swap and not _scope_can_flip(spec, sents, met):
            continue
        vsents = [_transform(spec.id, s.text, v.sentence) for s in sents] if v.sentence else list(sents)
        vsaid = [_transform(spec.id, s.text, v.sentence) for s in said] if v.sentence and said else said
        if (
            v.sentence
            and all(a is b for a, b in zip(vsents, sents, strict=True))
            and (not said or all(a is b for a, b in zip(vsaid or [], said, strict=True)))
        ):
            continue  # no sentence changed: no decision can flip
        vspec = _spec(spec.id, v.veto_off, v.scope_swap) if (v.veto_off or v.scope_swap) else spec
        vthr = dict(thresholds or {})
        if v.scale != 1.0:
            for c in spec.criteria:
                key = f"{spec.id}/{c.id}"
                vthr[key] = vthr.get(key, c.rule.threshold) * v.scale
        results = judge(vspec, lang, vsents, vthr or None, vsaid, None, words)[0]
        for r in results:
            if r.met != met.get(r.id, r.met):
                out[r.id].append(v.name)
    return out


def _live(hits: tuple[Hit, ...]) -> bool:
    return any(not h.negated for h in hits)


def _live_veto(spec: Item, sents: Sequence[SentenceAnalysis]) -> bool:
    """Does some sentence hold a live veto cue of an evidence criterion? (else ignoring vetoes is moot)"""
    idx = [i for i, c in enumerate(spec.criteria) if c.rule.mode == "evidence" and c.rule.neg]
    return any(_live(s.neg[i]) for s in sents for i in idx)


def _scope_can_flip(spec: Item, sents: Sequence[SentenceAnalysis], met: Mapping[str, bool]) -> bool:
    """Can reading pairs for single sentences (or the reverse) flip a decision? Reading pairs can only
    add cue weight, and only where a usable sentence holds a live cue of the criterion (a pair sums
    its distinct patterns, so even one sentence's overlapping cues may add up); reading single
    sentences can only take away from a "pair" criterion that is met."""
    usable = [s for s in sents if s.real and not s.stuffed and not s.rejected]
    for i, c in enumerate(spec.criteria):
        if c.rule.mode != "evidence":
            continue
        if c.rule.scope == "pair" and met.get(c.id):
            return True
        if c.rule.scope == "sentence" and not met.get(c.id):
            if any(_live(s.pos[i]) for s in usable):
                return True
    return False
