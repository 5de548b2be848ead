"""`reflection-grader`: score reflections from the command line (stdin or JSON Lines) and measure
agreement with labelled data (`evaluate`, optionally cross-validated)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .bank import LANGS, UnknownItemError, item_ids
from .scorer import score


def _batch_line(row: dict[str, Any], references: list[str] | None) -> dict[str, Any]:
    result = score(row["item"], row.get("text", ""), row.get("lang") or "sv", references)
    return {
        "id": row.get("id"),
        "item": result.item,
        "points": result.points,
        "max_points": result.max_points,
        "attempt": result.attempt,
        "needs_review": result.needs_review,
        "criteria": result.criteria_map(),
    }


def _read_references(paths: list[str] | None) -> list[str] | None:
    if not paths:
        return None
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            texts.append(fh.read())
    return texts


def _read_jsonl(path: str) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} line {n}: not valid JSON ({exc.msg})") from exc
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reflection-grader", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("score", help="score one reflection read from stdin; prints JSON")
    one.add_argument("--item", required=True, help=f"one of: {', '.join(item_ids())}")
    one.add_argument("--lang", choices=LANGS, default="sv", help="language of the feedback (default sv)")
    one.add_argument("--reference", action="append", help="a course text the answer must not just copy")
    batch = sub.add_parser("score-batch", help="score a JSON Lines file; one JSON line out per line in")
    batch.add_argument("file", help='JSON Lines with {"id", "item", "text", optional "lang"}')
    batch.add_argument("--reference", action="append", help="a course text the answers must not just copy")
    ev = sub.add_parser("evaluate", help="agreement with a labelled JSON Lines file (kappa, F1, QWK)")
    ev.add_argument("file", help='labelled JSON Lines: {"id","item","lang","text","criteria","attempt"}')
    ev.add_argument(
        "--cv", type=int, default=0, metavar="K", help="k-fold cross-validation (re-fits thresholds)"
    )
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument(
        "--hash-split",
        metavar="K:M",
        help="keep rows whose md5(id) mod K >= M (5:3 = the dev rows never read while writing the rules)",
    )
    ev.add_argument(
        "--part",
        help="only one held-out part: dev-seen, dev-blind (reflections-dev), dev2-work, dev2-calibration (dev2)",
    )
    args = parser.parse_args(argv)
    if args.command == "evaluate" and args.part:
        from .evaluate import PARTS

        if args.part not in PARTS:
            parser.error(f"--part must be one of: {', '.join(PARTS)}")
    try:
        if args.command == "score":
            result = score(args.item, sys.stdin.read(), args.lang, _read_references(args.reference))
            json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif args.command == "score-batch":
            refs = _read_references(args.reference)
            for row in _read_jsonl(args.file):
                sys.stdout.write(json.dumps(_batch_line(row, refs), ensure_ascii=False) + "\n")
        elif args.command == "evaluate":
            from .evaluate import by_language, cross_validate, format_report, predict

            rows = _read_jsonl(args.file)
            if args.part:
                from .evaluate import dev2_part, dev_part

                which = dev2_part if args.part.startswith("dev2") else dev_part
                rows = [r for r in rows if which(str(r.get("id"))) == args.part]
            if args.hash_split:
                from .evaluate import hash_split

                k, m = (int(x) for x in args.hash_split.split(":"))
                rows = hash_split(rows, k, m)
            if args.cv and args.cv >= 2:
                report = cross_validate(rows, args.cv)
                if args.json:
                    json.dump(report, sys.stdout, indent=2)
                    sys.stdout.write("\n")
                else:
                    print(format_report(report["cv"], f"{args.cv}-fold cross-validated (held-out folds)"))
                    print(format_report(report["fixed"], "shipped thresholds (nothing fitted on this file)"))
            else:
                report = by_language(predict(rows))
                if args.json:
                    json.dump(report, sys.stdout, indent=2)
                    sys.stdout.write("\n")
                else:
                    print(format_report(report, "shipped grader"))
    except UnknownItemError as exc:
        print(f"reflection-grader: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"reflection-grader: {exc}", file=sys.stderr)
        return 2
    except KeyError as exc:
        print(f"reflection-grader: missing field {exc} in input", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"reflection-grader: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
