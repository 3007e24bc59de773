"""`run`: analyse the corpus, execute every notebook with papermill, render the reports.

For each notebook `notebooks/NN_name.ipynb` the runner writes to `<output>/reports/`:
- `NN_name.ipynb`: the executed notebook;
- `NN_name.html`: the reader version (no code);
- `NN_name.full.html`: the full version (code and outputs);
and finally the report site, `index.html` (see analysis/report/site.py). The HTML needs nothing
from the internet.

Kernels are started with this process's own Python (the project's virtual environment),
so no Jupyter kernel has to be registered. Each worker keeps one kernel for all the notebooks it
runs (`WarmKernel`): started and warmed with the common imports while the corpus is analysed, and
put back to a fresh kernel's state before each notebook (`kernel_state.restore`); a notebook is
still executed by papermill, its parameters injected as usual. A failing notebook does not stop
the others: its executed copy with the traceback is kept as `NN_name.failed.ipynb` (and
`NN_name.failed.html`), the previous good reports stay in place, and the index lists it, with its
error, beside the reports that succeeded. A notebook whose inputs (its own text, its parameters, the result
tables, the validation tables, the analysis code) are unchanged since its last good run is not
run again.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import queue
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from ..outputs import atomic_path, write_text
from ..paths import (
    NOTEBOOKS_DIR,
    TEMPLATES_DIR,
    VALIDATION_DIR,
    OutputDirs,
    display_path,
)
from ..pipeline.analyze import analyze, load_results
from ..pipeline.options import Options, corpus_options, flag_of, option_names
from ..pipeline.provenance import analysis_version, read_provenance
from .findings import summary_points
from .images import compact_notebook_images
from .site import build_index

RUN_CACHE_FILE = Path(".cache") / "notebooks.json"


class NotebookFailed(Exception):
    """A notebook raised an error; the message names the notebook, the cell and the error.

    `reason` is the short form the index shows ("cell 14 (execution count 9): ValueError: ...");
    `reports` is set when the run went on and wrote the index: every notebook, failed or not."""

    def __init__(self, message: str, reason: str = "", reports: list | None = None):
        super().__init__(message)
        self.reason = reason or message
        self.reports = reports or []


class UsageError(Exception):
    """Wrong use of the runner (unknown parameter, missing notebook folder)."""


class CurrentPythonKernelManager(AsyncKernelManager):
    """Starts each kernel with the Python running this process, whatever kernels are registered,
    and talks to it over local sockets (IPC) rather than TCP."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self.ip = os.path.join(tempfile.gettempdir(), f"kernel-{uuid.uuid4().hex[:16]}")

    @property
    def kernel_spec(self) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3 (project)",
            language="python",
            resource_dir="",
        )


WARM_UP = """
import pandas, matplotlib.pyplot
import analysis.figures, analysis.report.findings, analysis.report.notebook
from analysis.report import kernel_state
kernel_state.remember()
"""  # what every notebook imports, then the state each notebook starts from


class KernelStateError(Exception):
    """The code that warms or restores a reused kernel failed."""


class WarmKernel:
    """One kernel process for the notebooks of one worker thread (its sockets belong to that
    thread's event loop): started once, warmed with `WARM_UP`, restored before each notebook,
    replaced if it dies."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.km: CurrentPythonKernelManager | None = None
        self.kc = None

    def start(self) -> None:
        self.km = CurrentPythonKernelManager()
        run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=str(self.cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=60)
        self.kc.allow_stdin = False
        self._run(WARM_UP)

    def prepare(self, cwd: Path) -> None:
        """Make the kernel a fresh one for a notebook run in `cwd`; a kernel that cannot be
        restored is replaced by a new one."""
        if self.km is None or not run_sync(self.km.is_alive)():
            self.replace()
        restore = f"__import__('analysis.report.kernel_state', fromlist=['restore']).restore({str(cwd)!r})"
        try:
            self._run(restore)
        except Exception:
            self.replace()
            self._run(restore)

    def replace(self) -> None:
        self.shutdown()
        self.start()

    def shutdown(self) -> None:
        """Stop the kernel process, if any (a dead one too)."""
        if self.km is None:
            return
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            run_sync(self.km.shutdown_kernel)(now=True)
        finally:
            self.km, self.kc = None, None

    def _run(self, code: str) -> None:
        reply = run_sync(self.kc.execute_interactive)(
            code, store_history=False, timeout=120, output_hook=lambda message: None
        )
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise KernelStateError(f"{content.get('ename')}: {content.get('evalue')}")


WARM_KERNEL_ENGINE = "warm_kernel"


@functools.cache
def register_warm_kernel_engine() -> None:
    """Register with papermill (once) its nbclient engine run on a `WarmKernel` (`kernel=`),
    which it leaves running (papermill is imported here: it takes a while)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class WarmKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, kernel: WarmKernel, **kwargs):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout", "start_timeout"], **kwargs)
            client = PapermillNotebookClient(
                nb_man, km=kernel.km, **merge_kwargs(kwargs, kernel_name=kernel_name, log=logger)
            )
            client.kc = kernel.kc
            return client.execute()

    papermill_engines.register(WARM_KERNEL_ENGINE, WarmKernelEngine)


@dataclass(frozen=True)
class NotebookReport:
    """One notebook of a run: its reports, whether this run executed it, and its error if it failed
    (then `executed` is the copy with the traceback and `full_html` its rendering, if any)."""

    notebook: str
    title: str
    executed: Path | None
    reader_html: Path | None
    full_html: Path | None
    seconds: float
    ran: bool = True
    error: str | None = None


def list_notebooks(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks (`NN_name.ipynb`) of a folder, in order."""
    notebooks = sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise UsageError(f"no notebooks (NN_name.ipynb) in {notebooks_dir}")
    return notebooks


def notebook_parameters(notebook: Path) -> list[str]:
    """The names of the parameters declared in a notebook's `parameters` cell."""
    import papermill

    return list(papermill.inspect_notebook(str(notebook)))


def plan_parameters(
    notebooks: list[Path],
    standard: dict,
    extra: dict,
    options: dict | None = None,
    known: dict[str, list[str]] | None = None,
) -> dict[Path, dict]:
    """Check parameter names against each notebook's parameters cell and decide what each gets.

    Every notebook must declare the standard parameters. An extra parameter must be declared
    by at least one notebook and goes to the notebooks that declare it; so do the analysis
    `options` (the values the tables are computed with), which no notebook has to declare.
    `known` maps a notebook's content hash to its parameter names from an earlier run (filled
    in here).
    """
    known = {} if known is None else known
    declared = {}
    for nb in notebooks:
        digest = _file_hash(nb)
        if digest not in known:
            known[digest] = notebook_parameters(nb)
        declared[nb] = known[digest]
    for nb, names in declared.items():
        missing = [p for p in standard if p not in names]
        if missing:
            raise UsageError(f"{nb.name}: parameters cell lacks {', '.join(missing)}")
    known = sorted({name for names in declared.values() for name in names})
    unknown = [p for p in extra if p not in known]
    if unknown:
        raise UsageError(f"unknown notebook parameter(s): {', '.join(unknown)} (known: {', '.join(known)})")
    given = {**(options or {}), **extra}
    return {nb: {**standard, **{k: v for k, v in given.items() if k in names}} for nb, names in declared.items()}


def execute_notebook(notebook: Path, parameters: dict, reports_dir: Path, kernel: WarmKernel):
    """Execute one notebook with papermill on `kernel` (made a fresh kernel first) into
    `reports_dir`; return the executed notebook (an nbformat node, as written); raise
    NotebookFailed on error."""
    import papermill

    register_warm_kernel_engine()
    target = reports_dir / notebook.name
    failed = reports_dir / f"{notebook.stem}.failed.ipynb"
    for stale in (failed, failed.with_suffix(".html")):  # from an earlier failure
        stale.unlink(missing_ok=True)
    kernel.prepare(notebook.parent.resolve())
    with atomic_path(target) as tmp:
        try:
            executed = papermill.execute_notebook(
                str(notebook),
                str(tmp),
                parameters=parameters,
                engine_name=WARM_KERNEL_ENGINE,
                kernel_name="python3",
                request_save_on_cell_execute=False,
                progress_bar=False,
                log_output=False,
                kernel=kernel,
            )
        except papermill.PapermillExecutionError as error:
            tmp.replace(failed)
            reason = f"cell {error.cell_index} (execution count {error.exec_count}): {error.ename}: {error.evalue}"
            raise NotebookFailed(
                f"notebook {notebook.name} failed in {reason}\nexecuted copy with the traceback: {display_path(failed)}",
                reason,
            ) from None
    return executed


def write_reports(executed, target: Path, reader: Path, full: Path) -> None:
    """Compact the figures of an executed notebook (`images.compact_png`: they are embedded in
    the notebook and in both HTML versions), rewrite it to `target` and render both versions."""
    import nbformat

    if compact_notebook_images(executed):
        write_text(nbformat.writes(executed) + "\n", target)
    render_notebook_html(executed, full, with_code=True)
    render_notebook_html(executed, reader, with_code=False)


# One exporter for every thread and both versions: it compiles its templates once.
_html_exporter_lock = threading.Lock()


@functools.cache
def _html_exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES_DIR)], embed_images=True)


def render_notebook_html(notebook, target: Path, with_code: bool) -> None:
    """Render an executed notebook (an nbformat node, left unchanged) as self-contained HTML.
    The reader version has no code and no warnings (stderr); the full version keeps both."""
    if not with_code:
        notebook = copy.deepcopy(notebook)
        for cell in notebook.cells:
            if "outputs" in cell:
                cell.outputs = [output for output in cell.outputs if output.get("name") != "stderr"]
    with _html_exporter_lock:
        exporter = _html_exporter()
        exporter.exclude_input = exporter.exclude_input_prompt = exporter.exclude_output_prompt = not with_code
        body, _ = exporter.from_notebook_node(notebook)
    write_text(body, target)


def render_html(executed: Path, target: Path, with_code: bool) -> None:
    """`render_notebook_html` of an executed notebook file."""
    import nbformat

    render_notebook_html(nbformat.read(executed, as_version=4), target, with_code)


def notebook_title(notebook: Path) -> str:
    """The first markdown heading of a notebook, else its file name."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for line in source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return notebook.stem


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_key(notebook: Path, parameters: dict, output_dir: Path) -> str:
    """What a notebook's report depends on: the notebook, its parameters, the result and
    validation tables, the analysis code and the report template."""
    provenance = read_provenance(output_dir)
    digest = hashlib.sha256(
        json.dumps(
            [parameters, provenance["corpus_fingerprint"], provenance["options_fingerprint"], analysis_version()],
            sort_keys=True,
            default=str,
        ).encode()
    )
    for path in [notebook, *sorted(VALIDATION_DIR.glob("*.csv")), *sorted(TEMPLATES_DIR.rglob("*.*"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(
    corpus_dir: str | Path,
    output_dir: str | Path,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    extra_parameters: dict | None = None,
    options: Options | None = None,
    log=print,
    workers: int | None = None,
    force: bool = False,
) -> list[NotebookReport]:
    """Analyse the corpus, execute every notebook and render the reports.

    The notebooks read only the result tables, so they are independent: they run in parallel,
    `workers` at a time (default: one per CPU core), each worker on its own kernel, reused from
    one notebook to the next and started while the corpus is analysed (`WarmKernel`). A notebook
    that declares an analysis option as a parameter receives the value the tables are computed
    with; options are not extra parameters. If a notebook fails, the others still finish, the
    index is written with the failure beside them, and NotebookFailed is raised (its `reports`
    holds every notebook). `force` recomputes the tables and reruns every notebook.
    """
    notebooks = list_notebooks(Path(notebooks_dir))
    output_dir = Path(output_dir)
    standard = {"corpus_dir": display_path(Path(corpus_dir)), "output_dir": display_path(output_dir)}
    extra = extra_parameters or {}
    misplaced = [name for name in extra if name in option_names()]
    if misplaced:
        raise UsageError(
            f"{misplaced[0]} is an analysis option, not a notebook parameter: "
            f"use {flag_of(misplaced[0])} or the config file"
        )
    options = options or corpus_options(corpus_dir)
    cache = {} if force else _read_run_cache(output_dir)
    plan = plan_parameters(notebooks, standard, extra, options.to_mapping(), cache.setdefault("parameters", {}))
    reports_dir = OutputDirs(output_dir).reports
    done = cache.setdefault("reports", {})

    def execute(notebook: Path, kernel: WarmKernel) -> NotebookReport:
        started = time.perf_counter()
        reader, full = reports_dir / f"{notebook.stem}.html", reports_dir / f"{notebook.stem}.full.html"
        executed = reports_dir / notebook.name
        key = report_key(notebook, plan[notebook], output_dir)
        if done.get(notebook.name) == key and all(p.is_file() for p in (executed, reader, full)):
            return NotebookReport(notebook.name, notebook_title(notebook), executed, reader, full, 0.0, ran=False)
        log(f"running {notebook.name}")
        done.pop(notebook.name, None)
        try:
            node = execute_notebook(notebook, plan[notebook], reports_dir, kernel)
        except NotebookFailed as failure:
            return _failed_report(notebook, reports_dir, failure.reason, time.perf_counter() - started)
        except Exception as error:  # a dead kernel or a broken file fails this notebook only
            kernel.shutdown()  # the next notebook gets a new kernel
            return _failed_report(
                notebook, reports_dir, f"{type(error).__name__}: {error}", time.perf_counter() - started
            )
        write_reports(node, executed, reader, full)
        done[notebook.name] = key
        return NotebookReport(
            notebook.name, notebook_title(notebook), executed, reader, full, time.perf_counter() - started
        )

    # Kernels start while the corpus is analysed, unless an earlier run suggests nothing will run.
    start_early = any(notebook.name not in done for notebook in notebooks)
    tasks: queue.Queue = queue.Queue()
    futures = {notebook: Future() for notebook in notebooks}

    def work() -> None:
        kernel = WarmKernel(Path(notebooks_dir).resolve())
        try:
            if start_early:
                try:
                    kernel.start()
                except Exception:  # tried again, and reported, by the first notebook that needs it
                    kernel.shutdown()
            while (notebook := tasks.get()) is not None:
                try:
                    futures[notebook].set_result(execute(notebook, kernel))
                except Exception as error:
                    futures[notebook].set_exception(error)
        finally:
            kernel.shutdown()

    threads = [
        threading.Thread(target=work, name=f"notebooks-{i}")
        for i in range(max(1, min(workers or os.cpu_count() or 1, len(notebooks))))
    ]
    for thread in threads:
        thread.start()
    try:
        analyze(corpus_dir, output_dir, options, log=log, force=force, workers=workers)
        for notebook in notebooks:
            tasks.put(notebook)
    finally:
        for _ in threads:
            tasks.put(None)
        for thread in threads:
            thread.join()
    _write_run_cache(output_dir, cache)
    reports = [futures[notebook].result() for notebook in notebooks]
    build_index(output_dir, reports, _summary(output_dir, options))
    failed = [r for r in reports if r.error]
    if failed:
        raise NotebookFailed(
            "\n".join(
                f"notebook {r.notebook} failed in {r.error}"
                + (f"\nexecuted copy with the traceback: {display_path(r.executed)}" if r.executed else "")
                for r in failed
            ),
            "; ".join(f"{r.notebook} in {r.error}" for r in failed),
            reports,
        )
    return reports


def _failed_report(notebook: Path, reports_dir: Path, reason: str, seconds: float) -> NotebookReport:
    """The index entry of a failed notebook, with its executed copy rendered (code and traceback)."""
    executed = reports_dir / f"{notebook.stem}.failed.ipynb"
    rendered = executed.with_suffix(".html")
    if not executed.is_file():
        return NotebookReport(notebook.name, notebook_title(notebook), None, None, None, seconds, error=reason)
    try:
        render_html(executed, rendered, with_code=True)
    except Exception:  # an unreadable copy is still linked as .ipynb
        rendered = None
    return NotebookReport(notebook.name, notebook_title(notebook), executed, None, rendered, seconds, error=reason)


def _summary(output_dir: Path, options: Options) -> list[str]:
    """The index's summary points; if writing them fails, one point saying so, so that the index
    (and the links to every report) is still written."""
    try:
        return summary_points(load_results(output_dir), options)
    except Exception as error:  # any failure here must not cost the reader the index
        return [
            f"The summary could not be written ({type(error).__name__}: {error}); the reports below have the findings."
        ]


def _read_run_cache(output_dir: Path) -> dict:
    try:
        return json.loads((output_dir / RUN_CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_run_cache(output_dir: Path, cache: dict) -> None:
    write_text(json.dumps(cache, indent=1, sort_keys=True), output_dir / RUN_CACHE_FILE)
