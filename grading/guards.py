"""Non-attempt guards: is this text a real attempt at the item at all?

Each guard returns a reason code (see lexicon.json "messages") or lets the text through. They run
before the cue rules, except the off-topic guard, which also uses how much cue signal was found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .bank import Item, load_item
from .rules import _CONCEPT as _CONCEPT_REF
from .text import count_first_person, function_shares, guess_language, lexicon, sentence_tokens, tokens

_VOWELS = set("aeiouyåäöéü")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")
COPY_TRIGRAM = 0.5
COPY_UNIGRAM = 0.6
OFF_TOPIC_SHARE = 0.15
OFF_TOPIC_SHARE_IMPERSONAL = 0.25
OFF_TOPIC_SHARE_ITEM = 0.09
TOPIC_PREFIX = 5
PROMPT_ECHO_SHARE = 0.75  # the task asked back in the first person ...
PROMPT_COPY_SHARE = 0.85  # ... or copied, next to a retelling of the scenario
PREFIX = 4  # words are compared by their first letters: a cheap stand-in for lemmas


@dataclass
class Verdict:
    reason: str | None = None
    detected_lang: str | None = None
    borderline: bool = False
    own_sentences: list[str] = field(default_factory=list)
    topic_share: float = 0.0
    n_tokens: int = 0
    first_person: int = 0
    item_share: float = 0.0  # share of content words from the prompt, scenario and topic words only
    task_voice: bool = False  # "I would …", "jag skulle …": the writer answers as a facilitator


def _trigrams(toks: list[str]) -> set[tuple[str, str, str]]:
    return {(toks[i], toks[i + 1], toks[i + 2]) for i in range(len(toks) - 2)}


@cache
def _item_reference(item_id: str, texts: tuple[str, ...]) -> tuple[frozenset, frozenset]:
    tri: set = set()
    uni: set = set()
    fw = _stop()
    for t in texts:
        toks = tokens(t)
        tri |= _trigrams(toks)
        uni |= {w[:PREFIX] for w in toks if w not in fw}
    return frozenset(tri), frozenset(uni)


@cache
def _stop() -> frozenset[str]:
    lex = lexicon()
    return frozenset(lex["function_words"]["sv"] + lex["function_words"]["en"])


@cache
def _instruction_verbs() -> frozenset[str]:
    lex = lexicon()
    return frozenset(lex["instruction_verbs"]["sv"] + lex["instruction_verbs"]["en"])


COURSE_COPY_TRIGRAM = 0.45
FEEDBACK_COPY_TRIGRAM = 0.7
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@cache
def course_texts(module: str) -> tuple[str, ...]:
    """The module's course text (course/content/<module>/<lang>.md) when the repository has it.

    Used only to recognise an answer that is mostly a pasted course passage; a learner echoing a
    phrase from the course is not affected."""
    base = Path(__file__).resolve().parent.parent / "course" / "content" / module
    out = []
    for lang in ("sv", "en"):
        path = base / f"{lang}.md"
        try:
            out.append(_COMMENT.sub(" ", path.read_text(encoding="utf-8")))
        except OSError:
            continue
    return tuple(out)


@cache
def _course_trigrams(module: str) -> frozenset:
    tri: set = set()
    for t in course_texts(module):
        tri |= _trigrams(tokens(t))
    return frozenset(tri)


def reference_texts(spec: Item, extra: Sequence[str] | None = None) -> tuple[str, ...]:
    texts = list(spec.prompt.values())
    if spec.scenario:
        texts += list(spec.scenario.values())
    texts += list(spec.references)
    if extra:
        texts += list(extra)
    return tuple(texts)


@cache
def _feedback_trigrams(item_id: str) -> frozenset:
    """Word triples of the grader's own feedback texts (advice, praise): pasting the advice back
    earns nothing. Only verbatim copying counts here, not using the same ideas."""
    from .bank import load_item as _load

    spec = _load(item_id)
    tri: set = set()
    for c in spec.criteria:
        for texts in (c.advice, c.advice_violation or {}, c.praise or {}, c.label):
            for t in texts.values():
                tri |= _trigrams(tokens(t))
    return frozenset(tri)


def _is_pasted_feedback(toks: list[str], feedback_tri: frozenset) -> bool:
    if len(toks) < 8:
        return False
    tri = _trigrams(toks)
    return bool(tri) and len(tri & feedback_tri) / len(tri) >= FEEDBACK_COPY_TRIGRAM


def _is_copied(toks: list[str], ref_tri: frozenset, ref_uni: frozenset) -> bool:
    """A sentence taken from the prompt/course text: mostly its word triples, or an instruction
    ("Describe …", "Beskriv …") in its words."""
    if len(toks) < 5:
        return False
    tri = _trigrams(toks)
    if tri and len(tri & ref_tri) / len(tri) >= COPY_TRIGRAM:
        return True
    content = [w for w in toks if w not in _stop()]
    if not content or count_first_person(toks) or toks[0] not in _instruction_verbs():
        return False
    return _containment(content, ref_uni) >= COPY_UNIGRAM


def _containment(content: list[str], ref_uni: frozenset) -> float:
    return sum(w[:PREFIX] in ref_uni for w in content) / len(content) if content else 0.0


def _gibberish_share(toks: list[str]) -> float:
    words = [t for t in toks if not t.isdigit()]
    if not words:
        return 1.0
    bad = 0
    for w in words:
        if not (set(w) & _VOWELS) or _CONSONANT_RUN.search(w) or len(set(w)) <= 2 and len(w) >= 3:
            bad += 1
    return bad / len(words)


@cache
def topic_vocabulary(item_id: str, texts: tuple[str, ...]) -> frozenset[str]:
    """Stems (first five letters) of the content words in the item's own texts and course words."""
    fw = _stop()
    vocab = set()
    for t in texts:
        for w in tokens(t):
            if w not in fw and len(w) >= 4:
                vocab.add(w[:TOPIC_PREFIX])
    return frozenset(vocab)


_LETTERS = re.compile(r"[^\W\d_]{4,}")


@cache
def _pattern_words_of(item_id: str) -> tuple[str, ...]:
    return _pattern_words(load_item(item_id))


def _pattern_words(spec: Item) -> tuple[str, ...]:
    """The literal words in the item's cue patterns: the rules double as a topic vocabulary."""
    words: set[str] = set()
    for c in spec.criteria:
        for p in c.rule.pos + c.rule.requires:
            # the unwanted moves (neg) are often everyday words ("as usual"): not topic words;
            # concept lists ({name}) are general words shared by all items: not topic words
            words.update(_LETTERS.findall(_CONCEPT_REF.sub(" ", p.source).replace("~", " ")))
    return (" ".join(sorted(words)),)


def _on_topic(w: str, vocab: frozenset[str]) -> bool:
    return w[:TOPIC_PREFIX] in vocab or w[:4] in vocab


_PUNCT_RUN = re.compile(r"[.,;:!?()\[\]\n•–—\"“”]+")
KEYWORD_RUN = 12
KEYWORD_RUN_FUNCTION_SHARE = 0.23  # real answers with such a run: at least 0.25 in the dev sets


def _longest_run(text: str) -> int:
    """The most words that follow each other without any punctuation."""
    return max((len(tokens(part)) for part in _PUNCT_RUN.split(text)), default=0)


def check(
    spec: Item, text: str, toks: list[str], sentences: list[str], references: Sequence[str] | None
) -> Verdict:
    v = Verdict(n_tokens=len(toks))
    # repeated text: drop repeated sentences, then judge what is left
    seen: set[str] = set()
    unique: list[str] = []
    for s in sentences:
        key = " ".join(sentence_tokens(s))
        if key and key not in seen:
            seen.add(key)
            unique.append(s)
    unique_words = sum(len(sentence_tokens(s)) for s in unique)
    if unique_words < 15 and len(sentences) > len(unique):
        v.reason = "repeated"
        return v
    if len(sentences) >= 4 and len(unique) <= len(sentences) / 2:
        v.borderline = True  # mostly repeated sentences around some real text: a person looks

    # copy of the prompt, scenario or other course text
    refs = reference_texts(spec, references)
    ref_tri, ref_uni = _item_reference(spec.id, refs)
    feedback_tri = _feedback_trigrams(spec.id)
    own = []
    copied_words = 0
    for s in unique:
        st = list(sentence_tokens(s))
        if _is_copied(st, ref_tri, ref_uni) or _is_pasted_feedback(st, feedback_tri):
            copied_words += len(st)
        else:
            own.append(s)
    own_words = sum(len(sentence_tokens(s)) for s in own)
    if own_words >= 15 and len(unique) <= 8 and not count_first_person(toks):
        # a whole-text paraphrase of the task: no "I", mostly the task's words, instructions/questions
        content = [w for w in toks if w not in _stop()]
        instr = sum(
            1 for s in unique if sentence_tokens(s)[:1] and sentence_tokens(s)[0] in _instruction_verbs()
        )
        if instr >= 1 and _containment(content, ref_uni) >= COPY_UNIGRAM:
            copied_words, own, own_words = len(toks), [], 0
    if own_words >= 15 and not copied_words:
        course_tri = _course_trigrams(spec.module)
        tri = _trigrams(toks)
        if course_tri and tri and len(tri & course_tri) / len(tri) >= COURSE_COPY_TRIGRAM:
            copied_words, own, own_words = len(toks), [], 0
    if copied_words and (own_words < 8 or (own_words < 15 and copied_words > 1.5 * own_words)):
        v.reason = "copied-prompt"
        return v
    if copied_words and own_words < 30:
        v.borderline = True
    v.own_sentences = own

    letters = [ch for ch in text[:5000] if ch.isalpha()]
    if letters and sum(ord(ch) < 0x250 for ch in letters) / len(letters) < 0.5:
        v.reason = "other-language"  # mostly non-Latin script (Cyrillic, Arabic, Chinese …)
        return v
    sv, en, fw = function_shares(toks)
    if fw < 0.1 and _gibberish_share(toks) >= 0.3:
        v.reason = "gibberish"
        return v
    guess = guess_language(text, toks)
    v.detected_lang = guess.lang
    if guess.lang not in ("sv", "en", "mixed"):
        if fw < 0.1 and guess.lang == "unknown":
            v.reason = "gibberish"
        else:
            v.reason = "other-language"
        return v
    if fw < 0.12:
        # no sentence structure: a list of keywords
        v.reason = "keyword-list"
        return v
    if fw < KEYWORD_RUN_FUNCTION_SHARE and _longest_run(text) >= KEYWORD_RUN:
        # a long string of course words with no punctuation at all and few function words
        v.reason = "keyword-list"
        return v
    if fw < 0.18:
        v.borderline = True

    vocab = topic_vocabulary(spec.id, refs + spec.topic_words + _pattern_words_of(spec.id))
    narrow = topic_vocabulary(spec.id, refs + spec.topic_words)
    content = [w for w in toks if w not in _stop() and len(w) >= 4]
    v.topic_share = sum(_on_topic(w, vocab) for w in content) / len(content) if content else 0.0
    v.item_share = sum(_on_topic(w, narrow) for w in content) / len(content) if content else 0.0
    v.first_person = count_first_person(toks)
    asks_back = any(s.rstrip().endswith("?") and count_first_person(list(sentence_tokens(s))) for s in own)
    if (asks_back and v.item_share >= PROMPT_ECHO_SHARE) or (
        copied_words and v.item_share >= PROMPT_COPY_SHARE
    ):
        # the task asked back ("What do I say to them?") or copied, and the scenario retold: nearly
        # every word is the item's own (real answers stay under 0.7), and no answer is given
        v.reason = "copied-prompt"
        return v
    low = text.lower()
    v.task_voice = any(p.regex.search(low) for p in _task_voice())
    return v


@cache
def _task_voice() -> tuple:
    from .rules import _patterns

    return _patterns(lexicon().get("task_voice", []))


def off_topic(spec: Item, verdict: Verdict, signal: float) -> tuple[bool, bool]:
    """(is off topic, is borderline): hardly any cue signal and few of the item's own words.

    `signal` is the strongest cue weight any criterion found (below 0.5 means a stray word at most).
    The item's words are its prompt, scenario, topic words and the words in its cue patterns. A text
    written as a facilitator ("I would …", "jag skulle …") or in the first person gets more benefit of
    the doubt than an impersonal one (a menu, an encyclopedia paragraph).
    """
    if signal >= 0.5:
        return False, False
    share = verdict.topic_share
    if verdict.task_voice:
        limit = OFF_TOPIC_SHARE / 2
    elif verdict.first_person and signal > 0:
        limit = OFF_TOPIC_SHARE
    elif verdict.first_person:
        limit = OFF_TOPIC_SHARE_IMPERSONAL
    else:
        # impersonal text (a menu, an encyclopedia paragraph): judged on the item's own words only
        share, limit = verdict.item_share, OFF_TOPIC_SHARE_ITEM
    return share < limit, abs(share - limit) < 0.04
