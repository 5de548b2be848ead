"""`reflection-grader`: score reflections from the command line (stdin or JSON Lines) and measure
agreement with labelled data (`evaluate`, optionally cross-validated)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, NoReturn

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


class CliError(Exception):
    """A problem with the command's input, said in one line."""


class _Parser(argparse.ArgumentParser):
    """Bad arguments give one line (and the exit status 2), not the usage text or a traceback."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _utf8(raw: bytes, what: str) -> str:
    """Text from bytes that must be UTF-8; anything else is refused, never guessed."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{what} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at position {exc.start}); save it as UTF-8"
        ) from None


def _stdin_text() -> str:
    what = "the text on standard input"
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return _utf8(buffer.read(), what)
    text = sys.stdin.read()
    try:  # a text stream that decoded bad bytes as surrogates (the C locale) still fails here
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise CliError(f"{what} is not UTF-8 text; save it as UTF-8") from None
    return text


def _read_references(paths: list[str] | None) -> list[str] | None:
    if not paths:
        return None
    texts = []
    for path in paths:
        with open(path, "rb") as fh:
            texts.append(_utf8(fh.read(), path))
    return texts


def _batch_rows(path: str):
    """(line number, row or None, error or None) for each non-empty line of a JSON Lines file."""
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(_utf8(raw, f"line {n}"))
            except CliError as exc:
                yield n, None, str(exc)
                continue
            except ValueError as exc:
                yield n, None, f"line {n}: not valid JSON ({getattr(exc, 'msg', exc)})"
                continue
            problem = _row_problem(row)
            yield n, (None if problem else row), (f"line {n}: {problem}" if problem else None)


def _row_problem(row: Any) -> str | None:
    if not isinstance(row, dict):
        return "not a JSON object"
    if not isinstance(row.get("item"), str):
        return 'missing field "item" (an item id)'
    if not isinstance(row.get("text", ""), str):
        return 'the field "text" must be a string'
    if row.get("lang") is not None and row.get("lang") not in LANGS:
        return f'the field "lang" must be one of {", ".join(LANGS)}'
    return None


def _score_batch(path: str, references: list[str] | None) -> int:
    """One JSON line out per line in; a bad line gets an error line (with its number) and the rest
    are still scored. Exit status 2 when any line had a problem."""
    failed = 0
    for n, row, problem in _batch_rows(path):
        if problem is None:
            try:
                out = _batch_line(row, references)
            except UnknownItemError as exc:
                problem = f"line {n}: {exc}"
        if problem is not None:
            failed += 1
            out = {"line": n, "id": row.get("id") if isinstance(row, dict) else None, "error": problem}
            print(f"reflection-grader: {problem}", file=sys.stderr)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 2 if failed else 0


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


def _fit_review(args: argparse.Namespace) -> int:
    from .fitting import write
    from .review_fit import FitError, report, run

    if args.folds < 2:
        raise CliError("--folds must be 2 or more")
    if not 0 < args.rate < 1:
        raise CliError("--rate must lie between 0 and 1")
    try:
        model = run(
            args.data,
            args.extra,
            args.folds,
            max(1, args.repeats),
            args.rate,
            progress=lambda msg: print(f"reflection-grader: {msg}", file=sys.stderr),
        )
    except FitError as exc:
        raise CliError(str(exc)) from None
    print(report(model))
    if args.out:
        write(args.out, model)
        print(f"wrote {args.out}")
    return 0


def _fit_reader(args: argparse.Namespace) -> int:
    from .fitting import write
    from .reader_fit import FitError, report, run

    if args.folds < 2:
        raise CliError("--folds must be 2 or more")
    if args.add_threshold is not None and not 0 < args.add_threshold <= 1:
        raise CliError("--add-threshold must lie in (0, 1]")
    try:
        model = run(
            args.data,
            args.extra,
            args.folds,
            max(1, args.repeats),
            progress=lambda msg: print(f"reflection-grader: {msg}", file=sys.stderr),
            add_threshold=args.add_threshold,
        )
    except FitError as exc:
        raise CliError(str(exc)) from None
    print(report(model))
    if args.out:
        write(args.out, model)
        print(f"wrote {args.out}")
    return 0


def _fit_arguments(parser: argparse.ArgumentParser, data_help: str, metavar: str, repeats: int) -> None:
    """The arguments the two fit commands share: what to fit on, where to write, how to cross-validate."""
    parser.add_argument("--data", action="append", default=[], metavar=metavar, help=data_help)
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar=metavar,
        help="labelled answers the rules were written from: extra training rows only, never scored",
    )
    parser.add_argument("--out", help="write the model here (default: print the figures only)")
    parser.add_argument("--folds", type=int, default=5, help="k of the k-fold cross-validation (default 5)")
    parser.add_argument(
        "--repeats", type=int, default=repeats, help=f"repeats of the k-fold split (default {repeats})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="reflection-grader", description=__doc__)
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
        "--no-reader", action="store_true", help="the rules alone, without the trained second reader"
    )
    ev.add_argument(
        "--hash-split",
        metavar="K:M",
        help="keep rows whose md5(id) mod K >= M (5:3 = the dev rows never read while writing the rules)",
    )
    ev.add_argument(
        "--part",
        help="only one held-out part: dev-seen, dev-blind (reflections-dev), dev2-work, dev2-calibration (dev2)",
    )
    fr = sub.add_parser(
        "fit-review",
        help="fit the review model (grading/review_model.json) and print its cross-validated figures",
    )
    _fit_arguments(
        fr,
        "labelled answers never read while the rules were written (cross-validated, set the threshold); "
        "PART: dev-blind, dev-seen, dev2-work (dev2-calibration is refused)",
        metavar="PATH[:PART]",
        repeats=5,
    )
    fr.add_argument(
        "--rate",
        type=float,
        default=0.22,
        help="cross-validated flag rate the threshold aims at (default 0.22)",
    )
    fd = sub.add_parser(
        "fit-reader",
        help="fit the second reader (grading/reader_model.json) and print its cross-validated figures",
    )
    _fit_arguments(
        fd,
        "labelled answers written for this project, not used to write the rules (cross-validated); "
        "the dev sets are refused",
        metavar="PATH",
        repeats=2,
    )
    fd.add_argument(
        "--add-threshold",
        type=float,
        help="the reader adds a point at or over this probability (default: the cross-validated choice)",
    )
    args = parser.parse_args(argv)
    if args.command == "evaluate" and args.part:
        from .evaluate import PARTS

        if args.part not in PARTS:
            parser.error(f"--part must be one of: {', '.join(PARTS)}")
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for the user; BACKA_DEBUG=1 shows it
        if os.environ.get("BACKA_DEBUG"):
            raise
        print(f"reflection-grader: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "score":
            text = _stdin_text()
            result = score(args.item, text, args.lang, _read_references(args.reference))
            json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif args.command == "score-batch":
            return _score_batch(args.file, _read_references(args.reference))
        elif args.command == "fit-review":
            return _fit_review(args)
        elif args.command == "fit-reader":
            return _fit_reader(args)
        elif args.command == "evaluate":
            from . import scorer
            from .evaluate import by_language, cross_validate, format_report, predict

            if args.no_reader:
                scorer.READER = False

            rows = _read_jsonl(args.file)
            if args.part:
                from .evaluate import dev2_part, dev_part

                which = dev2_part if args.part.startswith("dev2") else dev_part
                rows = [r for r in rows if which(str(r.get("id"))) == args.part]
            if args.hash_split:
                from .evaluate import hash_split

                try:
                    k, m = (int(x) for x in args.hash_split.split(":"))
                except ValueError:
                    raise CliError(
                        f"--hash-split wants K:M, two whole numbers, not {args.hash_split!r}"
                    ) from None
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
    except (UnknownItemError, CliError) as exc:
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
