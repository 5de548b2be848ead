"""Cue rules: compile the per-criterion patterns from the item JSON and match them in sentences.

Pattern mini-language (kept small so the JSON stays readable; see docs/grader.md):
  ``~``      any word characters (a stem ending: ``lyssna~`` matches lyssnar, lyssnade, lyssnandet)
  space      one or more non-word characters between two words
  `` .. ``   a gap of up to three words;  `` ... `` a gap of up to eight words
  otherwise ordinary Python regular expressions; every pattern starts at a word boundary.
  A leading ``!`` switches off the negation check for that pattern (it carries its own negation).

A hit is *negated* when a negator (inte, aldrig, not, never, n't, no …) stands in the few words
before it in the same clause, or right after it (Swedish "jag frågade inte"); "inte bara"/"not only"
do not negate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from .text import lexicon, negators

_GAP3 = r"(?:[\W_]+\w+){0,3}[\W_]+"
_GAP8 = r"(?:[\W_]+\w+){0,8}[\W_]+"
_CLAUSE_CHARS = re.compile(r"[,;:.!?()\[\]–—\n\"“”«»]")
_TOK = re.compile(r"\w+(?:'\w+)?")
_POST_NEG = frozenset({"inte", "ej", "aldrig", "not", "never", "icke"})


def compile_pattern(src: str) -> tuple[re.Pattern[str], bool]:
    check_negation = True
    if src.startswith("!"):
        check_negation = False
        src = src[1:]
    body = src.replace(" ... ", "\x01").replace(" .. ", "\x02")
    body = body.replace("~", r"\w*").replace(" ", r"[\W_]+")
    body = body.replace("\x01", _GAP8).replace("\x02", _GAP3)
    return re.compile(r"(?<!\w)(?:" + body + ")"), check_negation


@dataclass(frozen=True)
class Pattern:
    source: str  # as written in the item file
    weight: float
    check_negation: bool
    cap: int = 1  # >1: every non-negated occurrence counts, up to `cap` occurrences

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first use, so loading the bank stays cheap (an item compiles when first scored)."""
        return compile_pattern(self.source)[0]


@dataclass(frozen=True)
class Rule:
    mode: str  # "evidence" or "guard"
    threshold: float
    scope: str  # "sentence" or "text"
    pos: tuple[Pattern, ...]
    neg: tuple[Pattern, ...]
    requires: tuple[Pattern, ...]
    neg_scope: str = "all"  # "said": look for the unwanted move only in the words said back


def _patterns(raw: list) -> tuple[Pattern, ...]:
    out = []
    for entry in raw:
        if isinstance(entry, str):
            entry = [entry]
        src = entry[0]
        weight = float(entry[1]) if len(entry) > 1 else 1.0
        cap = int(entry[2]) if len(entry) > 2 else 1
        check = not src.startswith("!")
        out.append(Pattern(src, weight, check, cap))
    return tuple(out)


def build_rule(raw: dict) -> Rule:
    return Rule(
        mode=raw.get("mode", "evidence"),
        threshold=float(raw.get("threshold", 1.0)),
        scope=raw.get("scope", "sentence"),
        pos=_patterns(raw.get("pos", [])),
        neg=_patterns(raw.get("neg", [])),
        requires=_patterns(raw.get("requires", [])),
        neg_scope=raw.get("neg_scope", "all"),
    )


@cache
def _clause_breakers() -> frozenset[str]:
    return frozenset(lexicon()["clause_breakers"])


@cache
def _neg_exceptions() -> frozenset[str]:
    return frozenset(lexicon()["negation_exceptions"])


@cache
def rejection_patterns() -> tuple[Pattern, ...]:
    return _patterns(lexicon().get("rejection", []))


@cache
def hypothetical_patterns() -> tuple[Pattern, ...]:
    return _patterns(lexicon().get("hypothetical", []))


def _is_negator(tok: str) -> bool:
    return tok in negators() or tok.endswith("n't")


def is_negated(norm: str, start: int, end: int, window: int = 5) -> bool:
    before = norm[:start]
    cut = None
    for m in _CLAUSE_CHARS.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    toks = _TOK.findall(before)
    breakers = _clause_breakers()
    for i in range(len(toks) - 1, -1, -1):
        if toks[i] in breakers:
            toks = toks[i + 1 :]
            break
    toks = toks[-window:]
    exceptions = _neg_exceptions()
    for i, tok in enumerate(toks):
        if _is_negator(tok):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt not in exceptions:
                return True
    after = norm[end:]
    m = _CLAUSE_CHARS.search(after)
    if m:
        after = after[: m.start()]
    post = _TOK.findall(after)[:2]
    if post and post[0] in _POST_NEG:
        nxt = post[1] if len(post) > 1 else ""
        if nxt not in exceptions:
            return True
    return False


@dataclass(frozen=True)
class Hit:
    pattern: str
    weight: float
    start: int
    end: int
    negated: bool
    limit: float = 0.0  # the most this pattern may add up to over a whole text


def find_hits(patterns: tuple[Pattern, ...], norm: str) -> list[Hit]:
    hits = []
    for p in patterns:
        if p.cap > 1:
            n = 0
            first = None
            for m in p.regex.finditer(norm):
                if not p.check_negation or not is_negated(norm, m.start(), m.end()):
                    n += 1
                    first = first or m
                    if n >= p.cap:
                        break
            if first is not None:
                hits.append(Hit(p.source, p.weight * n, first.start(), first.end(), False, p.weight * p.cap))
            continue
        m = p.regex.search(norm)
        if m is None:
            continue
        negated = False
        if p.check_negation:
            # take the first non-negated occurrence if there is one
            negated = is_negated(norm, m.start(), m.end())
            if negated:
                for m2 in p.regex.finditer(norm, m.end()):
                    if not is_negated(norm, m2.start(), m2.end()):
                        m, negated = m2, False
                        break
        hits.append(Hit(p.source, p.weight, m.start(), m.end(), negated, p.weight))
    return hits


def hit_score(hits: list[Hit]) -> float:
    return sum(h.weight for h in hits if not h.negated)
