"""`reflection-grader`: score reflections from the command line (stdin or JSON Lines)."""

from __future__ import annotations

import argparse
import json
import sys

from .bank import LANGS, UnknownItemError, item_ids
from .scorer import score


def _batch_line(row: dict) -> dict:
    result = score(row["item"], row.get("text", ""), row.get("lang") or "sv")
    return {
        "id": row.get("id"),
        "item": result.item,
        "points": result.points,
        "max_points": result.max_points,
        "attempt": result.attempt,
        "needs_review": result.needs_review,
        "criteria": result.criteria_map(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reflection-grader", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("score", help="score one reflection read from stdin; prints JSON")
    one.add_argument("--item", required=True, help=f"one of: {', '.join(item_ids())}")
    one.add_argument("--lang", choices=LANGS, default="sv", help="language of the feedback (default sv)")
    batch = sub.add_parser("score-batch", help="score a JSON Lines file; one JSON line out per line in")
    batch.add_argument("file", help='JSON Lines with {"id", "item", "text", optional "lang"}')
    args = parser.parse_args(argv)
    try:
        if args.command == "score":
            result = score(args.item, sys.stdin.read(), args.lang)
            json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif args.command == "score-batch":
            with open(args.file, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        print(f"reflection-grader: {args.file} line {n}: not valid JSON ({exc.msg})", file=sys.stderr)
                        return 2
                    sys.stdout.write(json.dumps(_batch_line(row), ensure_ascii=False) + "\n")
    except UnknownItemError as exc:
        print(f"reflection-grader: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"reflection-grader: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
