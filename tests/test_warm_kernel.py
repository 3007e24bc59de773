"""The runner's reused kernels: no state passes from one notebook to the next, a dead kernel fails
only its notebook, and a saved figure is shown from its saved PNG."""

import base64

import matplotlib.pyplot as plt
import nbformat
from conftest import SEEDS
from test_cli_and_runner import write_notebook

from analysis.figures.style import save_figure
from analysis.report.images import compact_png
from analysis.report.runner import run


def outputs_text(executed) -> str:
    return "".join("".join(output.get("text", "")) for cell in executed.cells for output in cell.get("outputs", []))


def test_nothing_set_in_one_notebook_is_seen_by_the_next_on_the_same_kernel(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(
        notebooks / "01_changes_everything.ipynb",
        "import os\nprint('pid', os.getpid())",
        "leaked_variable = 1\n"
        "import matplotlib, matplotlib.pyplot as plt\n"
        "matplotlib.rcParams['lines.linewidth'] = 9.5\n"
        "plt.ioff()\n"
        "left_open = plt.figure(num='left open')\n"
        "from matplotlib_inline.config import InlineBackend\n"
        "InlineBackend.instance().figure_formats = {'svg'}\n"
        "os.chdir('/')\n"
        "os.environ['LEAKED_VARIABLE'] = '1'\n"
        "from analysis.report import notebook as nbk\n"
        "nbk.MAX_ARTICLES_SHOWN = -1\n"
        "from analysis import schemas\n"
        "schemas.schema('negation')['leaked_key'] = 1\n"
        "import analysis.measures.offices as offices\n"
        "offices.LEAKED = 1",
    )
    looks = (
        "import os\nprint('pid', os.getpid())",
        "import matplotlib, matplotlib.pyplot as plt\n"
        "from matplotlib_inline.config import InlineBackend\n"
        "from analysis.report import notebook as nbk\n"
        "from analysis import schemas\n"
        "import analysis.measures.offices as offices\n"
        "print('variable:', 'leaked_variable' in globals())\n"
        "print('linewidth:', matplotlib.rcParams['lines.linewidth'])\n"
        "print('interactive:', matplotlib.is_interactive())\n"
        "print('figures:', plt.get_fignums())\n"
        "print('formats:', sorted(InlineBackend.instance().figure_formats))\n"
        "print('cwd:', os.getcwd())\n"
        "print('environment:', 'LEAKED_VARIABLE' in os.environ)\n"
        "print('module name:', nbk.MAX_ARTICLES_SHOWN)\n"
        "print('cached value:', 'leaked_key' in schemas.schema('negation'))\n"
        "print('new module:', hasattr(offices, 'LEAKED'))",
    )
    write_notebook(notebooks / "02_looks_for_it.ipynb", *looks)
    out = tmp_path / "out"
    run(SEEDS, out, notebooks, log=lambda message: None, workers=1)
    first, second = (
        nbformat.read(out / "reports" / name, as_version=4)
        for name in ("01_changes_everything.ipynb", "02_looks_for_it.ipynb")
    )
    first_pid, second_pid = (outputs_text(nb).splitlines()[0] for nb in (first, second))
    assert first_pid == second_pid  # one kernel ran both
    alone = tmp_path / "alone"  # the same notebook on a kernel of its own
    alone.mkdir()
    write_notebook(alone / "02_looks_for_it.ipynb", *looks)
    run(SEEDS, out, alone, log=lambda message: None, workers=1)
    fresh = nbformat.read(out / "reports" / "02_looks_for_it.ipynb", as_version=4)
    seen, seen_fresh = (
        dict(line.split(": ", 1) for line in outputs_text(nb).splitlines()[1:]) for nb in (second, fresh)
    )
    assert seen == {**seen_fresh, "cwd": str(notebooks)}
    assert {key: seen[key] for key in ("variable", "linewidth", "figures", "formats", "environment")} == {
        "variable": "False",
        "linewidth": "1.5",
        "figures": "[]",
        "formats": "['png']",
        "environment": "False",
    }
    assert seen["module name"] == "40" and seen["cached value"] == seen["new module"] == "False"
    code_cells = [cell for cell in second.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code_cells] == list(range(1, len(code_cells) + 1))
    assert "injected-parameters" in code_cells[1].metadata.tags  # parameters injected as papermill does


def test_a_dead_kernel_fails_its_notebook_only(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01_dies.ipynb", "import os\nos._exit(1)")
    write_notebook(notebooks / "02_runs.ipynb", "print('fine')")
    out = tmp_path / "out"
    try:
        run(SEEDS, out, notebooks, log=lambda message: None, workers=1)
    except Exception as failure:
        reports = failure.reports
    else:
        raise AssertionError("the dead kernel was not reported")
    assert [(r.notebook, r.error is None) for r in reports] == [("01_dies.ipynb", False), ("02_runs.ipynb", True)]
    assert "DeadKernelError" in reports[0].error
    assert "fine" in outputs_text(nbformat.read(out / "reports" / "02_runs.ipynb", as_version=4))


def test_a_saved_figure_is_shown_once_from_its_saved_png(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    figures = tmp_path / "figures"
    figures.mkdir()
    write_notebook(
        notebooks / "01_figure.ipynb",
        "import matplotlib.pyplot as plt\n"
        "from analysis.figures.style import apply_style, save_figure\n"
        "apply_style()\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot([1, 2, 3])\n"
        f"save_figure(fig, {str(figures)!r}, 'line', 'Source: test.')\n"
        "print('after saving')",
    )
    out = tmp_path / "out"
    run(SEEDS, out, notebooks, log=lambda message: None)
    outputs = nbformat.read(out / "reports" / "01_figure.ipynb", as_version=4).cells[-1].outputs
    assert [o["output_type"] for o in outputs] == ["stream", "display_data"]  # where the inline figure was
    image = outputs[1]
    assert base64.b64decode(image["data"]["image/png"]) == compact_png((figures / "line.png").read_bytes())
    assert image["data"]["text/plain"] == "<Figure size 800x450 with 1 Axes>"
    assert image["metadata"]["image/png"]["width"] == 800


def test_outside_a_notebook_saving_a_figure_shows_nothing_and_keeps_it_open(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    save_figure(fig, tmp_path, "line")
    assert plt.fignum_exists(fig.number) and (tmp_path / "line.png").is_file() and (tmp_path / "line.svg").is_file()
    plt.close(fig)


def test_images_already_compact_are_not_compacted_again(tmp_path):
    import io

    from PIL import Image

    from analysis.report.images import compact_notebook_images, is_palette_png

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#0072B2").save(buffer, format="PNG")
    full_colour = buffer.getvalue()
    compact = compact_png(full_colour)
    assert not is_palette_png(full_colour) and is_palette_png(compact) and not is_palette_png(b"GIF89a" + bytes(30))
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                outputs=[
                    nbformat.v4.new_output("display_data", {"image/png": base64.b64encode(png).decode("ascii")})
                    for png in (full_colour, compact)
                ]
            )
        ]
    )
    assert compact_notebook_images(notebook) == 1
    shown = [base64.b64decode(output.data["image/png"]) for output in notebook.cells[0].outputs]
    assert shown == [compact, compact]
