"""Benchmarks for the reflection grader (not a test; run: .venv/bin/python benchmarks/bench_grader.py).

Prints each figure, its target, and a ratio against a baseline measured in the same run: a plain
regular-expression tokenisation of the same text (what any grader must at least do), and for the
cold start a bare `python -c pass`.

Texts are built from the item bank's own exemplars (sentences shuffled and varied so that no two
scored texts are identical); nothing is read from ../shared.
"""

from __future__ import annotations

import gc
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TARGETS = {
    "p95_ms": 20.0,
    "cold_s": 0.5,
    "mem_mb": 60.0,
    "batch_per_s": 200.0,
    "typing_p95_ms": 20.0,
}
_WORD = re.compile(r"\w+")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cold_start() -> tuple[float, float]:
    code = "import grading\nfor i in grading.item_ids(): grading.load_item(i)\n"
    base = grading_t = 0.0
    runs = 5
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, cwd=REPO)
        base += time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
        grading_t += time.perf_counter() - t
    return grading_t / runs, base / runs


def _cold_first_score() -> float:
    code = (
        "import time; t=time.perf_counter(); import grading\n"
        "ex = grading.load_item('dialogue-design').exemplars[0]\n"
        "grading.score('dialogue-design', ex.text, 'sv'); print(time.perf_counter()-t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True, text=True)
    return float(out.stdout.strip())


def _texts(n: int, words: int = 150, seed: int = 7) -> list[tuple[str, str, str]]:
    from grading import item_ids, load_item
    from grading.text import split_sentences

    rng = random.Random(seed)
    pool: dict[tuple[str, str], list[str]] = {}
    for item in item_ids():
        for ex in load_item(item).exemplars:
            pool.setdefault((item, ex.lang), []).extend(split_sentences(ex.text))
    keys = sorted(pool)
    out = []
    for i in range(n):
        item, lang = keys[i % len(keys)]
        sents, text = pool[(item, lang)], []
        while len(_WORD.findall(" ".join(text))) < words:
            s = rng.choice(sents)
            text.append(s.replace(".", f" ({rng.randint(1, 10**6)}).", 1) if rng.random() < 0.7 else s)
        out.append((item, lang, " ".join(text)))
    return out


def _p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18]


def _review_cost(texts: list[tuple[str, str, str]]) -> tuple[float, float, float, float]:
    """Typing and single-score p95 with the review model's rule variations (grading/perturb.py) and
    without them (the rules' own signals only, as before round 4), interleaved in the same run so that
    other jobs on the machine weigh on both alike. Returns (typing with, without, single with, without)."""
    from grading import perturb, score
    from grading.scorer import analyse_sentence

    real = perturb.flips

    def off(*args: object, **kwargs: object) -> dict[str, list[str]]:
        return {}

    typing: dict[bool, list[float]] = {True: [], False: []}
    single: dict[bool, list[float]] = {True: [], False: []}
    item, lang, text = texts[11]
    words = text.split()
    try:
        for k in range(20, len(words) + 1):
            for on in (True, False):
                perturb.flips = real if on else off
                t = time.perf_counter()
                score(item, " ".join(words[:k]), lang)
                typing[on].append((time.perf_counter() - t) * 1000)
        for item, lang, text in texts:
            for on in (True, False):
                perturb.flips = real if on else off
                analyse_sentence.cache_clear()
                perturb._transform.cache_clear()
                t = time.perf_counter()
                score(item, text, lang)
                single[on].append((time.perf_counter() - t) * 1000)
    finally:
        perturb.flips = real
    return _p95(typing[True]), _p95(typing[False]), _p95(single[True]), _p95(single[False])


def _reader_cost(texts: list[tuple[str, str, str]]) -> tuple[float, float, float, float]:
    """Typing and single-score p95 with the trained second reader (grading/reader.py) and without it,
    interleaved in the same run. Returns (typing on, off, single on, off)."""
    from grading import reader, scorer
    from grading.scorer import analyse_sentence

    typing: dict[bool, list[float]] = {True: [], False: []}
    single: dict[bool, list[float]] = {True: [], False: []}
    item, lang, text = texts[7]
    words = text.split()
    try:
        for k in range(20, len(words) + 1):
            for on in (True, False):
                scorer.READER = on
                t = time.perf_counter()
                scorer.score(item, " ".join(words[:k]), lang)
                typing[on].append((time.perf_counter() - t) * 1000)
        for item, lang, text in texts:
            for on in (True, False):
                scorer.READER = on
                analyse_sentence.cache_clear()
                reader.sentence_features.cache_clear()
                t = time.perf_counter()
                scorer.score(item, text, lang)
                single[on].append((time.perf_counter() - t) * 1000)
    finally:
        scorer.READER = True
    return _p95(typing[True]), _p95(typing[False]), _p95(single[True]), _p95(single[False])


def main() -> None:
    cold, cold_base = _cold_start()
    first = _cold_first_score()

    rss0 = _rss_mb()
    from grading import score
    from grading.scorer import analyse_sentence

    texts = _texts(600)
    for item, lang, text in texts[:50]:  # warm-up
        score(item, text, lang)

    # single 150-word reflection, distinct texts, cache cleared so every sentence is new
    lat, cpu, base = [], [], []
    for item, lang, text in texts[50:350]:
        analyse_sentence.cache_clear()
        t, c = time.perf_counter(), time.thread_time()
        score(item, text, lang)
        lat.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
        t = time.perf_counter()
        _WORD.findall(text.lower())
        base.append((time.perf_counter() - t) * 1000)

    # batch throughput (fresh texts)
    batch = texts[350:600]
    t, c = time.perf_counter(), time.thread_time()
    for item, lang, text in batch:
        score(item, text, lang)
    per_s = len(batch) / (time.perf_counter() - t)
    per_s_cpu = len(batch) / (time.thread_time() - c)
    t = time.perf_counter()
    for _, _, text in batch:
        _WORD.findall(text.lower())
    base_per_s = len(batch) / (time.perf_counter() - t)

    # re-scoring while typing: the text grows word by word; earlier sentences hit the cache
    item, lang, text = texts[10]
    words = text.split()
    typing, typing_cpu = [], []
    for k in range(20, len(words) + 1):
        t, c = time.perf_counter(), time.thread_time()
        score(item, " ".join(words[:k]), lang)
        typing.append((time.perf_counter() - t) * 1000)
        typing_cpu.append((time.thread_time() - c) * 1000)

    # the review model's rule variations, on and off in the same run (before/after round 4)
    rev_t_on, rev_t_off, rev_s_on, rev_s_off = _review_cost(texts[350:450])
    # the trained second reader, on and off in the same run (round 4c)
    rd_t_on, rd_t_off, rd_s_on, rd_s_off = _reader_cost(texts[450:550])

    # very long input (~1 MB)
    huge = (texts[0][2] + " ") * (1_000_000 // len(texts[0][2]) + 1)
    t = time.perf_counter()
    r = score(texts[0][0], huge, texts[0][1])
    huge_ms = (time.perf_counter() - t) * 1000

    # other-language input loads py3langid lazily: include it in the memory figure
    score(
        "dialogue-design",
        "Zuerst würde ich mit allen Beteiligten sprechen und ihre Sichtweisen sammeln. " * 3,
    )
    gc.collect()
    mem = _rss_mb() - rss0

    p95 = _p95(lat)
    tp95 = _p95(typing)
    bp95 = _p95(base)
    load = os.getloadavg()[0]
    print(
        "reflection grader benchmark (150-word texts, 2 languages, 6 items; "
        f"{os.cpu_count()} CPUs, load average {load:.1f})"
    )
    print(
        f"  CPU time (less sensitive to other jobs): p95 single {_p95(cpu):.2f} ms, "
        f"typing p95 {_p95(typing_cpu):.2f} ms, batch {per_s_cpu:.0f}/s"
    )
    print(
        f"  p95 single score        {p95:7.2f} ms   target <= {TARGETS['p95_ms']} ms   "
        f"(median {statistics.median(lat):.2f} ms; regex tokenisation p95 {bp95:.3f} ms, "
        f"ratio {p95 / bp95:.0f}x)"
    )
    print(
        f"  cold import+load        {cold:7.3f} s    target <= {TARGETS['cold_s']} s    "
        f"(bare python {cold_base:.3f} s, grading adds {cold - cold_base:.3f} s; "
        f"import+load+first score {first:.3f} s)"
    )
    print(
        f"  memory growth           {mem:7.1f} MB   target <= {TARGETS['mem_mb']} MB   "
        "(max RSS growth, incl. py3langid)"
    )
    print(
        f"  batch throughput        {per_s:7.0f} /s   target >= {TARGETS['batch_per_s']} /s   "
        f"(regex tokenisation {base_per_s:.0f}/s, ratio 1/{base_per_s / per_s:.0f})"
    )
    print(
        f"  typing re-score p95     {tp95:7.2f} ms   target <= {TARGETS['typing_p95_ms']} ms   "
        f"(per-sentence cache; {len(typing)} keystroke-words)"
    )
    print(
        f"  review variations       typing p95 {rev_t_on:.2f} ms with / {rev_t_off:.2f} ms without "
        f"(ratio {rev_t_on / rev_t_off:.2f}x); single p95 {rev_s_on:.2f} / {rev_s_off:.2f} ms "
        f"(ratio {rev_s_on / rev_s_off:.2f}x)"
    )
    print(
        f"  second reader           typing p95 {rd_t_on:.2f} ms on / {rd_t_off:.2f} ms off "
        f"(ratio {rd_t_on / rd_t_off:.2f}x, target 20 ms: {'ok' if rd_t_on <= 20 else 'MISSED'}); "
        f"single p95 {rd_s_on:.2f} / {rd_s_off:.2f} ms (ratio {rd_s_on / rd_s_off:.2f}x)"
    )
    print(
        f"  1 MB input              {huge_ms:7.1f} ms   "
        f"({len(huge) // 1000} kB, capped -> needs_review={r.needs_review})"
    )
    ok = (
        p95 <= TARGETS["p95_ms"]
        and cold <= TARGETS["cold_s"]
        and mem <= TARGETS["mem_mb"]
        and per_s >= TARGETS["batch_per_s"]
        and tp95 <= TARGETS["typing_p95_ms"]
    )
    print("  all targets met" if ok else "  SOME TARGETS MISSED")


if __name__ == "__main__":
    main()
