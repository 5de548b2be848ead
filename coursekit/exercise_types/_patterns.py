"""Finding phrases in what a learner wrote: shared by the exercise types that read free text.

Patterns use the grader's small pattern language (`grading.rules.compile_pattern`): ``~`` = any word
ending, `` .. `` = a gap of up to three words, `` ... `` = up to eight, a leading ``!`` = the phrase
carries its own negation (do not look for one around it). Here every pattern also ends at a word
boundary ("arg" is not "argument"). Patterns are written in lower case; texts are lower-cased without
changing their length, so that a match's offsets point into the learner's own text (for evidence and
for marking phrases without ever building HTML from learner text).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from grading.rules import compile_pattern, is_negated
from grading.text import negators

LANGS = ("sv", "en")
COPY_RUN = 8  # this many words in a row taken from a given text is a copy, not the learner's own words
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")

Hit = tuple[int, int, bool]  # (start, end, negated)


@cache
def compiled(src: str) -> tuple[re.Pattern[str], bool]:
    """A pattern as a regex that also ends at a word boundary, and whether to check for negation."""
    regex, check = compile_pattern(src)
    return re.compile(regex.pattern + r"(?!\w)"), check


def both(value: Any) -> list[str]:
    """The patterns of both languages: a learner may write in either, whatever the course language."""
    if isinstance(value, dict):
        out: list[str] = []
        for lang in LANGS:
            out.extend(p for p in value.get(lang, []) if isinstance(p, str) and p.strip())
        return out
    if isinstance(value, list):
        return [p for p in value if isinstance(p, str) and p.strip()]
    return []


def lower(text: str) -> str:
    """Lower-case without changing the length, so that match offsets fit the learner's own text."""
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out).replace("’", "'").replace("‘", "'")


_NOUN_NO = re.compile(r"\b(a|the|your|this|that|their|his|her|my|our|one|every|each)( )no\b")
_TOKEN = re.compile(r"\w+(?:'\w+)?")


def negation_view(norm: str) -> str:
    """The text as the negation check should read it: "a no", "the no" and "your no" name the no
    (Deep Democracy's word for an objection) and negate nothing. Same length as `norm`."""
    return _NOUN_NO.sub(lambda m: m.group(1) + m.group(2) + "__", norm)


def _negated_inside(view: str, start: int, end: int) -> bool:
    """A negator inside a match with a gap ("vill .. höra" in "vill inte höra") negates it too."""
    words = negators()
    return any(tok in words or tok.endswith("n't") for tok in _TOKEN.findall(view[start:end]))


def find(patterns: list[str], norm: str, negation: bool = False, inside: bool = False) -> list[Hit]:
    """Every match of the patterns in the lower-cased text, as (start, end, negated).

    `inside=True` also counts a negator inside the match (for patterns with gaps), and reads "a no"
    as a noun (see negation_view)."""
    hits = []
    view = negation_view(norm) if inside else norm
    for src in patterns:
        regex, check = compiled(src)
        for m in regex.finditer(norm):
            if m.end() == m.start():
                continue
            neg = bool(
                negation
                and check
                and (
                    is_negated(view, m.start(), m.end())
                    or (inside and _negated_inside(view, m.start(), m.end()))
                )
            )
            hits.append((m.start(), m.end(), neg))
    return hits


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def copied(text: str, source: str, run: int = COPY_RUN) -> bool:
    """True when `run` or more words in a row come straight from `source`."""
    said = [w.lower() for w in _WORDS.findall(text)]
    given = [w.lower() for w in _WORDS.findall(source)]
    if len(said) < run or len(given) < run:
        return False
    grams = {tuple(given[i : i + run]) for i in range(len(given) - run + 1)}
    return any(tuple(said[i : i + run]) in grams for i in range(len(said) - run + 1))


def copied_share(text: str, source: str, run: int = COPY_RUN) -> float:
    """The share of the words of `text` that sit in a run of `run` or more words taken from `source`."""
    said = [w.lower() for w in _WORDS.findall(text)]
    given = [w.lower() for w in _WORDS.findall(source)]
    if len(said) < run or len(given) < run:
        return 0.0
    grams = {tuple(given[i : i + run]) for i in range(len(given) - run + 1)}
    inside = [False] * len(said)
    for i in range(len(said) - run + 1):
        if tuple(said[i : i + run]) in grams:
            inside[i : i + run] = [True] * run
    return sum(inside) / len(said)


def segments(text: str, spans: list[tuple[int, int, str]], mark: str = "judge") -> list[dict]:
    """The text cut into plain and marked pieces; overlapping marks are merged. The pieces rebuild the
    exact text, so a view can show it with text nodes and <mark> elements only."""
    spans = sorted(spans)
    merged: list[list] = []
    for start, end, kind in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if kind not in merged[-1][2]:
                merged[-1][2].append(kind)
        else:
            merged.append([start, end, [kind]])
    out, pos = [], 0
    for start, end, kinds in merged:
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append({"text": text[start:end], "mark": mark, "kinds": kinds})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def evidence(text: str, hits: list[Hit], limit: int = 3) -> list[str]:
    """The learner's own words behind the hits, in text order, each once; a hit inside (or overlapping)
    a longer one already kept is not repeated."""
    kept: list[tuple[int, int]] = []
    for s, e, _ in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
        if any(s < ke and e > ks for ks, ke in kept):
            continue
        kept.append((s, e))
    seen: list[str] = []
    for s, e in sorted(kept):
        piece = text[s:e]
        if piece.lower() not in (x.lower() for x in seen):
            seen.append(piece)
    return seen[:limit]


# -- checks for trainers ----------------------------------------------------------------------------
def check_patterns(where: str, value: Any, problems: list[str], need: bool = True) -> None:
    """Problems in a {"sv": [...], "en": [...]} pattern list, as sentences a trainer can act on."""
    if not isinstance(value, dict):
        problems.append(f'{where}: give the patterns as {{"sv": [...], "en": [...]}}')
        return
    for lang in LANGS:
        pats = value.get(lang)
        if not isinstance(pats, list) or (need and not pats):
            problems.append(f"{where}: needs a list of patterns in {lang}")
            continue
        for p in pats:
            if not isinstance(p, str) or not p.strip():
                problems.append(f"{where} ({lang}): every pattern must be a non-empty text")
                continue
            if re.sub(r"\\.", "", p) != re.sub(r"\\.", "", p).lower():
                problems.append(
                    f"{where} ({lang}): write patterns in lower case ({p!r}); texts are lower-cased first"
                )
            try:
                regex, _ = compile_pattern(p)
            except (re.error, ValueError) as exc:
                problems.append(f"{where} ({lang}): pattern {p!r} is broken: {exc}")
                continue
            if regex.search("") is not None:
                problems.append(f"{where} ({lang}): pattern {p!r} matches empty text; make it more specific")


def check_text(where: str, value: Any, problems: list[str]) -> None:
    """A learner-facing text must be given, non-empty, in every course language."""
    for lang in LANGS:
        if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
            problems.append(f"{where}: lacks the text in {lang}")
