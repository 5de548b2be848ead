"""Charrette: a branching meeting simulation, scored by how the learner led the group to a decision.

The scenario is data (exercises/<id>.json, described in docs/scenarios.md): state variables, nodes
with narration and moves, moves with effects and a next node, triggers, endings with a debrief, and
the ordered decision steps that the debrief and the score count. This module is the whole engine:
pure Python, no widget imports, deterministic. An answer only stores the move ids the learner chose;
every state, ending and score is recomputed by replaying them, so a saved answer cannot claim more
than it earned, and a broken one replays as far as it is valid.

Answer shape: `{"moves": [move ids of the run in progress], "runs": [{"moves": [...]}, ...]}`
(`runs` are earlier, finished runs; "Play again" moves the current run there).
"""

from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ..exercises import ExerciseResult
from ._text import t as _t

LANGS = ("sv", "en")
OPS = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}
TURNS = "turns"  # a built-in variable: how many moves the run has made
MAX_MOVES = 200  # a saved run longer than this is cut (no scenario needs that many turns)


# -- the scenario as lookup tables ------------------------------------------------------------------
class Scenario:
    """Index of a (valid) scenario spec. Build it only after `validate(spec)` returned no problems."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec
        self.variables = {v["id"]: v for v in spec["variables"]}
        self.nodes = {n["id"]: n for n in spec["nodes"]}
        self.endings = {e["id"]: e for e in spec["endings"]}
        self.steps = [s["id"] for s in spec.get("steps", [])]
        self.start = spec["start"]

    def move(self, node: str, move: str) -> dict | None:
        for m in self.nodes[node].get("moves", []):
            if m.get("id") == move:
                return m
        return None

    def start_state(self) -> dict[str, float]:
        return {vid: v["start"] for vid, v in self.variables.items()}


@dataclass
class Turn:
    node: str
    move: str
    step: str | None
    helps: bool | None
    order: str | None  # "in-order", "out-of-order" or None (not a decision step)
    state: dict[str, float]  # state after the move


@dataclass
class Run:
    """A run replayed from its move ids."""

    node: str  # current node, or the ending's id when ended
    state: dict[str, float]
    start_state: dict[str, float]
    turns: list[Turn] = field(default_factory=list)
    ending: str | None = None
    invalid: list[str] = field(default_factory=list)  # move ids that could not be replayed

    @property
    def moves(self) -> list[str]:
        return [t.move for t in self.turns]

    def used(self, node: str) -> set[str]:
        return {t.move for t in self.turns if t.node == node}


# -- conditions ------------------------------------------------------------------------------------
def holds(cond: dict | None, state: dict[str, float], run: Run) -> bool:
    """Evaluate a condition (see docs/scenarios.md) against the state and the run so far."""
    if not cond:
        return True
    if "all" in cond:
        return all(holds(c, state, run) for c in cond["all"])
    if "any" in cond:
        return any(holds(c, state, run) for c in cond["any"])
    if "not" in cond:
        return not holds(cond["not"], state, run)
    if "step" in cond:
        return any(t.step == cond["step"] for t in run.turns)
    if "move" in cond:
        return cond["move"] in run.moves
    var = cond["var"]
    value = len(run.turns) if var == TURNS else state[var]
    return OPS[cond["op"]](value, cond["value"])


def _target(next_: Any, state: dict[str, float], run: Run) -> str:
    if isinstance(next_, str):
        return next_
    for branch in next_:
        if holds(branch.get("if"), state, run):
            return branch["to"]
    return next_[-1]["to"]  # validate() requires a default branch; this is only a safety net


def _clamp(var: dict, value: float) -> float:
    return max(var["min"], min(var["max"], value))


# -- playing ---------------------------------------------------------------------------------------
def new_run(sc: Scenario) -> Run:
    state = sc.start_state()
    return Run(node=sc.start, state=dict(state), start_state=dict(state))


def available(sc: Scenario, run: Run) -> list[dict]:
    """The moves the learner may choose now (a move marked "once" disappears after use)."""
    if run.ending:
        return []
    used = run.used(run.node)
    return [m for m in sc.nodes[run.node].get("moves", []) if not (m.get("once") and m["id"] in used)]


def display_order(sc: Scenario, run: Run, moves: list[dict], salt: int | str = 0) -> list[dict]:
    """The moves in the order the learner sees them: shuffled unless the scenario sets "shuffle": false.

    The order is fixed by the node, the move and `salt` (the widget passes the run number), so a page
    reload shows the same order, while a new run or another node shows another. The best move is
    therefore not always first.
    """
    if sc.spec.get("shuffle", True) is False:
        return list(moves)

    def key(m: dict) -> str:
        return hashlib.sha256(f"{salt}:{run.node}:{len(run.turns)}:{m['id']}".encode()).hexdigest()

    return sorted(moves, key=key)


def apply_move(sc: Scenario, run: Run, move_id: str) -> bool:
    """Apply one move to `run` in place. Returns False (and changes nothing) if it is not allowed now."""
    move = next((m for m in available(sc, run) if m["id"] == move_id), None)
    if move is None:
        return False
    state = dict(run.state)
    for var, delta in (move.get("effects") or {}).items():
        state[var] = _clamp(sc.variables[var], state[var] + delta)
    step = move.get("step")
    order = None
    if step:
        done = {t.step for t in run.turns if t.order == "in-order"}
        needed = sc.steps[: sc.steps.index(step)]
        order = "in-order" if all(s in done for s in needed) and step not in done else "out-of-order"
        if step in done:
            order = None  # repeating a step already done in order neither helps nor hurts the order
    here = run.node
    run.turns.append(Turn(here, move_id, step, move.get("helps"), order, state))
    run.state = state
    target = _target(move["next"], state, run)
    if target not in sc.endings:
        for trig in sc.spec.get("triggers", []):
            if holds(trig.get("if"), state, run):
                target = trig["to"]
                break
    if target in sc.endings:
        run.ending = target
    run.node = target
    return True


def replay(sc: Scenario, moves: Any) -> Run:
    """Replay saved move ids; stops at the first move that is not possible (kept in `invalid`)."""
    run = new_run(sc)
    if not isinstance(moves, list):
        return run
    for i, move in enumerate(moves[:MAX_MOVES]):
        if run.ending or not isinstance(move, str) or not apply_move(sc, run, move):
            run.invalid = [m if isinstance(m, str) else repr(m) for m in moves[i:]]
            break
    return run


def quality(sc: Scenario, run: Run) -> dict:
    """The debrief's score: decision steps taken in the right order, minus steps taken too early."""
    in_order = sum(t.order == "in-order" for t in run.turns)
    out_of_order = sum(t.order == "out-of-order" for t in run.turns)
    q = max(0, in_order - out_of_order)
    table = sc.spec.get("scoring", {}).get("points_by_quality", [])
    by_steps = table[min(q, len(table) - 1)] if table else 0
    cap = sc.endings[run.ending].get("max_points", sc.spec["points"]) if run.ending else 0
    points = min(by_steps, cap) if run.ending else 0
    return {
        "in_order": in_order,
        "out_of_order": out_of_order,
        "quality": q,
        "steps": len(sc.steps),
        "points": float(points),
    }


def parse_answer(answer: Any) -> tuple[list, list[list], bool]:
    """(current moves, finished runs' moves, shape_ok). Any wrong shape becomes empty, never raises."""
    if answer is None:
        return [], [], True
    if not isinstance(answer, dict):
        return [], [], False
    ok = True
    current = answer.get("moves", [])
    if not isinstance(current, list):
        current, ok = [], False
    runs = []
    raw = answer.get("runs", [])
    if not isinstance(raw, list):
        raw, ok = [], False
    for r in raw:
        if isinstance(r, dict) and isinstance(r.get("moves"), list):
            runs.append(r["moves"])
        else:
            ok = False
    return current, runs, ok


def debrief(sc: Scenario, run: Run, lang: str) -> dict:
    """What the learner sees at an ending: the ending, each move with why it helped or not, the score."""
    ending = sc.endings[run.ending] if run.ending else {}
    lines = []
    for n, t in enumerate(run.turns, 1):
        move = sc.move(t.node, t.move) or {}
        step_label = ""
        if t.step:
            step = next(s for s in sc.spec.get("steps", []) if s["id"] == t.step)
            step_label = _t(step.get("label"), lang)
        lines.append(
            {
                "turn": n,
                "node": _t(sc.nodes[t.node].get("title"), lang),
                "move": _t(move.get("label"), lang),
                "helps": t.helps,
                "step": step_label,
                "order": t.order,
                "why": _t(move.get("why"), lang),
            }
        )
    return {
        "ending": run.ending,
        "title": _t(ending.get("title"), lang),
        "text": _t(ending.get("text"), lang),
        "debrief": _t(ending.get("debrief"), lang),
        "moves": lines,
        "score": quality(sc, run),
    }


# -- grading ---------------------------------------------------------------------------------------
_TEXT = {
    "none": {
        "sv": "Du har inte spelat klart simuleringen än. Spela tills mötet når ett slut.",
        "en": "You have not played the simulation to an end yet. Play until the meeting reaches an ending.",
    },
    "broken": {
        "sv": "Scenariot har fel och kan inte rättas: {problems}",
        "en": "The scenario has errors and cannot be scored: {problems}",
    },
    "runs": {"sv": "Spelade omgångar: {n}. Bästa omgången:", "en": "Runs played: {n}. Best run:"},
    "best": {
        "sv": "Slut: {title}. Beslutssteg i rätt ordning: {in_order} av {steps}; för tidigt: {out}. "
        "{points:g} poäng.",
        "en": "Ending: {title}. Decision steps in the right order: {in_order} of {steps}; too early: {out}. "
        "{points:g} points.",
    },
    "helped": {"sv": "Hjälpte", "en": "Helped"},
    "hurt": {"sv": "Hjälpte inte", "en": "Did not help"},
}


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    problems = validate(spec)
    max_points = float(spec.get("points", 0))
    if problems:
        msg = _TEXT["broken"][lang].format(problems="; ".join(problems[:3]))
        return ExerciseResult(0.0, max_points, False, [msg], {"problems": problems})
    sc = Scenario(spec)
    current, finished, shape_ok = parse_answer(answer)
    runs = [replay(sc, m) for m in finished + [current]]
    ended = [r for r in runs if r.ending]
    details: dict[str, Any] = {
        "shape_ok": shape_ok,
        "runs": [
            {"ending": r.ending, "moves": r.moves, **quality(sc, r), "invalid": r.invalid}
            for r in runs
            if r.ending
        ],
    }
    if not ended:
        return ExerciseResult(0.0, max_points, False, [_TEXT["none"][lang]], details)
    best = max(ended, key=lambda r: (quality(sc, r)["points"], quality(sc, r)["quality"]))
    q = quality(sc, best)
    details["best"] = best.ending
    feedback = [
        _TEXT["runs"][lang].format(n=len(ended)),
        _TEXT["best"][lang].format(
            title=_t(sc.endings[best.ending].get("title"), lang),
            in_order=q["in_order"],
            steps=q["steps"],
            out=q["out_of_order"],
            points=q["points"],
        ),
    ]
    for line in debrief(sc, best, lang)["moves"]:
        mark = "✓" if line["helps"] else "✗"
        feedback.append(f"{mark} {line['turn']}. {line['move']} — {line['why']}")
    return ExerciseResult(min(q["points"], max_points), max_points, True, feedback, details)


# -- validation ------------------------------------------------------------------------------------
def _strings(
    where: str, obj: dict, fields: tuple[str, ...], problems: list[str], required: bool = True
) -> None:
    for f in fields:
        value = obj.get(f)
        if value is None:
            if required:
                problems.append(f'{where} lacks {f!r} (give it as {{"sv": ..., "en": ...}})')
            continue
        if not isinstance(value, dict):
            problems.append(f'{where}: {f!r} must be {{"sv": ..., "en": ...}}, not {type(value).__name__}')
            continue
        for lang in LANGS:
            if not (isinstance(value.get(lang), str) and value[lang].strip()):
                problems.append(f"{where}: {f!r} is missing the {lang} translation")


def _check_cond(
    where: str, cond: Any, var_ids: set[str], step_ids: set[str], move_ids: set[str], out: list[str]
):
    if cond is None:
        return
    if not isinstance(cond, dict) or not cond:
        out.append(
            f'{where}: a condition must be an object such as {{"var": "trust", "op": ">=", "value": 6}}'
        )
        return
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        if not isinstance(cond[key], list) or not cond[key]:
            out.append(f"{where}: {key!r} needs a non-empty list of conditions")
            return
        for c in cond[key]:
            _check_cond(where, c, var_ids, step_ids, move_ids, out)
    elif "not" in cond:
        _check_cond(where, cond["not"], var_ids, step_ids, move_ids, out)
    elif "step" in cond:
        if cond["step"] not in step_ids:
            out.append(f"{where}: condition names unknown step {cond['step']!r} (steps: {sorted(step_ids)})")
    elif "move" in cond:
        if cond["move"] not in move_ids:
            out.append(f"{where}: condition names unknown move {cond['move']!r}")
    elif "var" in cond:
        if cond["var"] not in var_ids | {TURNS}:
            out.append(
                f"{where}: condition uses unknown variable {cond['var']!r} (variables: {sorted(var_ids)})"
            )
        if cond.get("op") not in OPS:
            out.append(f"{where}: condition operator {cond.get('op')!r} is not one of {list(OPS)}")
        if not isinstance(cond.get("value"), (int, float)) or isinstance(cond.get("value"), bool):
            out.append(f"{where}: condition on {cond['var']!r} needs a number as 'value'")
    else:
        out.append(f"{where}: unknown condition {cond!r}; use var/op/value, step, move, all, any or not")


def validate(spec: dict) -> list[str]:
    """Every problem in a scenario, each as a sentence that says where it is and what to change."""
    ex = spec.get("id", "?")
    p: list[str] = []
    _strings(f"{ex}", spec, ("title", "instructions"), p)

    # variables
    variables = spec.get("variables")
    var_ids: set[str] = set()
    if not isinstance(variables, list) or not variables:
        p.append(f"{ex}: needs a list 'variables' (for example voices, tension, trust, resistance)")
        variables = []
    for v in variables:
        vid = v.get("id") if isinstance(v, dict) else None
        if not vid:
            p.append(f"{ex}: every variable needs an 'id'")
            continue
        if vid in var_ids:
            p.append(f"{ex}: variable id {vid!r} is used twice")
        if vid == TURNS:
            p.append(f"{ex}: variable id {TURNS!r} is reserved (it counts the moves made)")
        var_ids.add(vid)
        _strings(f"{ex}: variable {vid!r}", v, ("label",), p)
        lo, hi, start = v.get("min"), v.get("max"), v.get("start")
        if not all(isinstance(x, (int, float)) for x in (lo, hi, start)):
            p.append(f"{ex}: variable {vid!r} needs numbers 'min', 'max' and 'start'")
        elif not lo <= start <= hi or lo >= hi:
            p.append(
                f"{ex}: variable {vid!r} needs min < max and start between them (got {lo}, {hi}, {start})"
            )

    line = spec.get("resistance_line")
    if line is not None:
        var = {v.get("id"): v for v in variables if isinstance(v, dict)}.get(line.get("variable"))
        if var is None:
            p.append(f"{ex}: resistance_line uses unknown variable {line.get('variable')!r}")
        else:
            stages = line.get("stages") or []
            expected = int(var["max"]) - int(var["min"]) + 1 if isinstance(var.get("max"), int) else None
            if expected is not None and len(stages) != expected:
                p.append(
                    f"{ex}: resistance_line has {len(stages)} stages but variable {var['id']!r} runs "
                    f"{var['min']}–{var['max']}, so it needs {expected}"
                )
            for i, st in enumerate(stages):
                _strings(
                    f"{ex}: resistance_line stage {i}", st if isinstance(st, dict) else {}, ("label",), p
                )

    # decision steps and scoring
    steps = spec.get("steps", [])
    step_ids: set[str] = set()
    for s in steps:
        sid = s.get("id")
        if sid in step_ids:
            p.append(f"{ex}: step id {sid!r} is used twice")
        step_ids.add(sid)
        _strings(f"{ex}: step {sid!r}", s, ("label",), p)
    table = spec.get("scoring", {}).get("points_by_quality")
    if table is not None:
        if not isinstance(table, list) or len(table) != len(steps) + 1:
            p.append(
                f"{ex}: scoring.points_by_quality needs {len(steps) + 1} numbers "
                f"(points for 0 to {len(steps)} steps in order)"
            )
        elif any(not isinstance(x, (int, float)) or x < 0 or x > spec.get("points", 0) for x in table):
            p.append(
                f"{ex}: scoring.points_by_quality must be numbers from 0 to points ({spec.get('points')})"
            )
        elif table != sorted(table):
            p.append(f"{ex}: scoring.points_by_quality must not go down as more steps are done in order")
    else:
        p.append(f"{ex}: needs scoring.points_by_quality (points for 0, 1, 2 … decision steps in order)")

    # nodes and endings
    nodes = spec.get("nodes") if isinstance(spec.get("nodes"), list) else []
    endings = spec.get("endings") if isinstance(spec.get("endings"), list) else []
    if not nodes:
        p.append(f"{ex}: needs a list 'nodes' with at least one node")
    if len(endings) < 1:
        p.append(f"{ex}: needs a list 'endings' with at least one ending")
    ids: dict[str, str] = {}
    for kind, items in (("node", nodes), ("ending", endings)):
        for item in items:
            iid = item.get("id") if isinstance(item, dict) else None
            if not iid:
                p.append(f"{ex}: every {kind} needs an 'id'")
                continue
            if iid in ids:
                p.append(
                    f"{ex}: id {iid!r} is used twice ({ids[iid]} and {kind}); "
                    "node and ending ids must be unique"
                )
            ids[iid] = kind
    node_ids = {n["id"] for n in nodes if isinstance(n, dict) and n.get("id")}
    ending_ids = {e["id"] for e in endings if isinstance(e, dict) and e.get("id")}
    targets = node_ids | ending_ids
    all_moves = {
        m.get("id") for n in nodes if isinstance(n, dict) for m in n.get("moves", []) if isinstance(m, dict)
    }

    start = spec.get("start")
    if start not in node_ids:
        p.append(f"{ex}: 'start' is {start!r}, which is not a node id (nodes: {sorted(node_ids)})")

    edges: dict[str, set[str]] = {n: set() for n in targets}
    for n in nodes:
        if not isinstance(n, dict) or not n.get("id"):
            continue
        nid = n["id"]
        where = f"{ex}: node {nid!r}"
        _strings(where, n, ("title", "narration"), p)
        moves = n.get("moves") or []
        if not moves:
            p.append(f"{where} has no moves and is not an ending; add moves or make it an ending")
        elif all(isinstance(m, dict) and m.get("once") for m in moves):
            p.append(
                f"{where}: every move is 'once', so the node can run out of moves; leave one without 'once'"
            )
        seen: set[str] = set()
        for m in moves:
            mid = m.get("id")
            mw = f"{where}, move {mid!r}"
            if not mid:
                p.append(f"{where}: every move needs an 'id'")
                continue
            if mid in seen:
                p.append(f"{where}: move id {mid!r} is used twice in this node")
            seen.add(mid)
            _strings(mw, m, ("label", "why"), p)
            if not isinstance(m.get("helps"), bool):
                p.append(f"{mw}: 'helps' must be true or false (the debrief says whether the move helped)")
            effects = m.get("effects") or {}
            if not isinstance(effects, dict):
                p.append(f"{mw}: 'effects' must be an object such as {{\"trust\": 1}}")
                effects = {}
            for var, delta in effects.items():
                if var not in var_ids:
                    p.append(f"{mw}: effect on unknown variable {var!r} (variables: {sorted(var_ids)})")
                if not isinstance(delta, (int, float)) or isinstance(delta, bool):
                    p.append(f"{mw}: effect on {var!r} must be a number")
            if m.get("step") is not None and m["step"] not in step_ids:
                p.append(f"{mw}: unknown step {m['step']!r} (steps: {sorted(step_ids)})")
            nxt = m.get("next")
            branches: list = []
            if isinstance(nxt, str):
                branches = [{"to": nxt}]
            elif isinstance(nxt, list) and nxt:
                branches = nxt
                last = nxt[-1]
                if not isinstance(last, dict) or "if" in last:
                    p.append(f"{mw}: the last branch of 'next' must have no 'if' (it is the default)")
            else:
                p.append(f'{mw}: needs \'next\': a node or ending id, or a list of {{"if": ..., "to": ...}}')
            for b in branches:
                if not isinstance(b, dict):
                    p.append(f'{mw}: each branch of \'next\' must be an object {{"if": ..., "to": ...}}')
                    continue
                to = b.get("to")
                if to not in targets:
                    p.append(f"{mw}: next goes to unknown node {to!r}")
                else:
                    edges[nid].add(to)
                _check_cond(mw, b.get("if"), var_ids, step_ids, all_moves, p)
    triggers = spec.get("triggers", [])
    for i, trig in enumerate(triggers):
        tw = f"{ex}: trigger {i + 1}"
        if trig.get("to") not in targets:
            p.append(f"{tw} goes to unknown node {trig.get('to')!r}")
        if not trig.get("if"):
            p.append(f"{tw} needs an 'if' condition (without one it would fire after every move)")
        _check_cond(tw, trig.get("if"), var_ids, step_ids, all_moves, p)
    trigger_targets = {t.get("to") for t in triggers if t.get("to") in targets}
    for nid in node_ids:
        edges[nid] |= trigger_targets

    for e in endings:
        if not isinstance(e, dict) or not e.get("id"):
            continue
        ew = f"{ex}: ending {e['id']!r}"
        _strings(ew, e, ("title", "text", "debrief"), p)
        mp = e.get("max_points", spec.get("points"))
        if not isinstance(mp, (int, float)) or not 0 <= mp <= spec.get("points", 0):
            p.append(f"{ew}: max_points must be a number from 0 to {spec.get('points')}")
    if len(endings) < 2:
        p.append(f"{ex}: needs at least two endings, so that choices matter")

    # reachability: from start forwards, and which nodes can reach an ending (no trap loops)
    if start in node_ids:
        seen_nodes = {start}
        queue = deque([start])
        while queue:
            for to in edges.get(queue.popleft(), ()):
                if to not in seen_nodes:
                    seen_nodes.add(to)
                    queue.append(to)
        for nid in sorted(node_ids - seen_nodes):
            p.append(f"{ex}: node {nid!r} cannot be reached from the start; link to it or remove it")
        for eid in sorted(ending_ids - seen_nodes):
            p.append(f"{ex}: ending {eid!r} cannot be reached from the start; no move or trigger leads there")
        can_end = set(ending_ids)
        changed = True
        while changed:
            changed = False
            for nid in node_ids - can_end:
                if edges[nid] & can_end:
                    can_end.add(nid)
                    changed = True
        for nid in sorted((node_ids & seen_nodes) - can_end):
            p.append(
                f"{ex}: node {nid!r} is in a cycle without exit: no path from it leads to an ending; "
                "add a move that leads out"
            )
    return p
