"""Answers that talk about the criteria instead of doing them, and questions instead of answers.

These checks complement guards.py. They use the criteria's own wording (labels, advice and the spec
meanings in rubric.json) as a vocabulary: a real answer is mostly about the case and the learner's
own words, so few of its content words come from the rubric (at most about 45 % in the labelled dev
answers); a pasted or paraphrased rubric, a string of criterion names or the criteria restated as
intentions ("I would reflect the feeling and invite more") is mostly rubric words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .bank import load_item
from .text import all_function_words, count_first_person, sentence_tokens, tokens

STEM = 5  # words are compared by their first letters: a cheap stand-in for lemmas
# Shares measured on the labelled dev answers: real answers have at most about 0.56 of their content
# words and 0.27 of their word pairs from the rubric; pasted or restated criteria 0.7-1.0 and 0.4-1.0.
RUBRIC_SHARE = 0.6  # with talk about "the answer"/"the criterion": a description of the criteria
RESTATED_SHARE = 0.75  # this share alone: the criteria restated (at most one point stands)
PHRASES_RESTATED = 0.35  # ... or RUBRIC_SHARE with this share of the rubric's word pairs
RUBRIC_COPY_SHARE = 0.9  # a copy: nearly all rubric words ...
NOVEL_MAX = 2  # ... next to no words of its own ...
PHRASES_COPY = 0.5  # ... and in the rubric's own word pairs
DESCRIBED_WORDS = 10  # criteria described impersonally: at least this many content words ...
PHRASES_DESCRIBED = 0.2  # ... and this share of the rubric's word pairs (terse real answers: 0-0.15)
SALAD_SEGMENT_WORDS = 3  # a keyword salad is made of segments this short ...
SALAD_MIN_SEGMENTS = 5
SALAD_SHORT_SHARE = 0.75  # ... most of its segments are ...
SALAD_RUBRIC_SHARE = 0.5  # ... and its words are mostly course and rubric words
_PLURAL_PERSON = frozenset({"we", "we'd", "we'll", "our", "us", "vi", "oss", "vår", "vårt", "våra"})
_SEGMENTS = re.compile(r"[,;.:!?…\n•]+|\s[-–—]\s")


@cache
def rubric() -> dict[str, Any]:
    raw = resources.files("grading").joinpath("rubric.json").read_text(encoding="utf-8")
    return json.loads(raw)


def _content(toks: list[str] | tuple[str, ...]) -> list[str]:
    fw = all_function_words()
    return [w for w in toks if w not in fw and len(w) >= 4]


@cache
def rubric_vocabulary(item_id: str) -> frozenset[str]:
    """Stems of the content words in the item's criterion labels, advice and spec meanings."""
    spec = load_item(item_id)
    texts: list[str] = []
    for c in spec.criteria:
        texts += list(c.label.values()) + list(c.advice.values()) + [c.id.replace("-", " ")]
    for meaning in rubric()["items"].get(item_id, {}).values():
        texts += list(meaning.values())
    for words in rubric()["meta_words"].values():
        texts += words
    return frozenset(w[:STEM] for t in texts for w in _content(tokens(t)))


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    stems = [w[:STEM] for w in words]
    return set(zip(stems, stems[1:], strict=False))


@cache
def rubric_bigrams(item_id: str) -> frozenset[tuple[str, str]]:
    """Neighbouring content-word stems of the item's criterion labels, advice and spec meanings."""
    spec = load_item(item_id)
    texts: list[str] = []
    for c in spec.criteria:
        texts += list(c.label.values()) + list(c.advice.values())
    for meaning in rubric()["items"].get(item_id, {}).values():
        texts += list(meaning.values())
    out: set[tuple[str, str]] = set()
    for t in texts:
        for part in _SEGMENTS.split(t.lower()):
            out |= _bigrams(_content(tokens(part)))
    return frozenset(out)


@cache
def _phrase_re(key: str, sub: str | None = None) -> re.Pattern[str]:
    lists = rubric()[key] if sub is None else rubric()[key][sub]
    words = sorted({w for ws in lists.values() for w in ws}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@dataclass(frozen=True)
class RubricReading:
    share: float  # share of content words that are rubric words
    novel: int  # content words outside the rubric vocabulary
    meta: bool  # talks about "the answer", "the criterion", "svaret" ...
    salad: bool  # short comma- or full-stop-separated segments of course words
    teacher_question: bool  # asks the teacher about the task
    phrases: float = 0.0  # share of neighbouring content-word pairs that are pairs of the rubric text
    comment: bool = False  # comments on the material ("interesting", "everyone has a point")
    generic: float = 0.0  # share of sentences that are general statements ("dialogue is important")
    words: int = 0  # content words
    own_voice: bool = False  # "I", "jag", "my" …: the writer speaks for themselves, not as a generic "we"

    @property
    def described(self) -> bool:
        """Long enough and in the rubric's own word pairs to be a description of the criteria rather
        than a terse answer that happens to use their words ("Ett perspektiv är inte en grupp ...")."""
        return self.words >= DESCRIBED_WORDS and self.phrases >= PHRASES_DESCRIBED

    @property
    def copy(self) -> bool:
        """A pasted or paraphrased rubric, or a string of criterion names: not an attempt."""
        if self.share >= RUBRIC_SHARE and self.meta:
            return True
        return self.share >= RUBRIC_COPY_SHARE and self.novel <= NOVEL_MAX and self.phrases >= PHRASES_COPY

    @property
    def restated(self) -> bool:
        """Mostly the criteria's own words: intentions or labels rather than the moves themselves."""
        if self.share >= RESTATED_SHARE:
            return True
        return self.share >= RUBRIC_SHARE and self.phrases >= PHRASES_RESTATED


def is_teacher_question(sentence: str) -> bool:
    """A question about the task ("Ska jag skriva ...?", "How long should the answer be?"): it asks
    (should I, is it enough, vad menas ...) and names the task (write, answer, uppgiften ...)."""
    low = " ".join(sentence_tokens(sentence))
    if _phrase_re("teacher_question", "confused").search(low):
        return True  # "I don't understand the question." asks without a question mark
    if not sentence.rstrip().endswith("?"):
        return False
    if _phrase_re("teacher_question", "meaning").search(low) or _phrase_re(
        "teacher_question", "direct"
    ).search(low):
        # "What do you mean by ...?", "Are we meant to ...?", "Where do I find ...?": about the task itself
        return True
    return bool(_phrase_re("teacher_question", "asks").search(low)) and bool(
        _phrase_re("teacher_question", "task").search(low)
    )


def read(item_id: str, text: str, sentences: list[str]) -> RubricReading:
    toks = tokens(text)
    content = _content(toks)
    vocab = rubric_vocabulary(item_id)
    in_rubric = sum(w[:STEM] in vocab for w in content)
    share = in_rubric / len(content) if content else 0.0
    low = text.lower()
    meta = bool(_phrase_re("meta_words").search(low))
    segments = [s for s in _SEGMENTS.split(low) if tokens(s)]
    short = sum(1 for s in segments if len(tokens(s)) <= SALAD_SEGMENT_WORDS)
    salad = (
        len(segments) >= SALAD_MIN_SEGMENTS
        and short >= SALAD_SHORT_SHARE * len(segments)
        and share >= SALAD_RUBRIC_SHARE
    )
    question = any(is_teacher_question(s) for s in sentences)
    pairs: set[tuple[str, str]] = set()
    for part in _SEGMENTS.split(low):
        pairs |= _bigrams(_content(tokens(part)))
    phrases = len(pairs & rubric_bigrams(item_id)) / len(pairs) if pairs else 0.0
    comment = bool(_phrase_re("generic_comment").search(low))
    generic_re = _phrase_re("generic_statement")
    general = sum(1 for s in sentences if generic_re.search(" ".join(sentence_tokens(s))))
    generic = general / len(sentences) if sentences else 0.0
    own_voice = count_first_person([t for t in toks if t not in _PLURAL_PERSON]) > 0
    return RubricReading(
        share,
        len(content) - in_rubric,
        meta,
        salad,
        question,
        phrases,
        comment,
        generic,
        len(content),
        own_voice,
    )
