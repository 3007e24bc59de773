"""Inside a kernel the runner reuses for several notebooks: what makes it a fresh kernel again.

`remember` runs once, after the imports every notebook makes; `restore` runs before each
notebook and puts back what a notebook can change: the user namespace and execution count,
matplotlib (open figures, rcParams, the inline backend's settings), the working directory, `sys.path`, the environment, the
module-level names of the package's modules and every cached value of their functions. The
package's modules first imported by a notebook are forgotten, so the next notebook imports them
afresh, as a new kernel would.
"""

from __future__ import annotations

import copy
import os
import sys
from dataclasses import dataclass

PACKAGE = __name__.split(".")[0]


@dataclass
class KernelState:
    rc_params: dict
    inline_backend: dict  # the configurable settings of matplotlib's inline backend
    sys_path: list[str]
    environ: dict[str, str]
    module_names: dict[str, dict]  # the package's modules: their module-level names, as imported


_remembered: KernelState | None = None


def _package_modules() -> dict:
    return {name: module for name, module in list(sys.modules.items()) if name.split(".")[0] == PACKAGE and module}


def _inline_backend():
    from matplotlib_inline.config import InlineBackend

    return InlineBackend.instance()


def remember() -> None:
    """Record the state `restore` puts back (once, before the first notebook)."""
    import matplotlib

    global _remembered
    _remembered = KernelState(
        dict(matplotlib.rcParams),
        {name: copy.deepcopy(getattr(_inline_backend(), name)) for name in _inline_backend().trait_names(config=True)},
        list(sys.path),
        dict(os.environ),
        {name: dict(vars(module)) for name, module in _package_modules().items()},
    )


def restore(cwd: str) -> None:
    """Make the kernel a fresh one for the next notebook, which runs in `cwd`."""
    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    if _remembered is None:
        raise RuntimeError("kernel_state.restore before kernel_state.remember")
    get_ipython().reset(new_session=True)  # the user namespace, the output history, execution count 1
    plt.close("all")
    matplotlib.rcParams._update_raw(_remembered.rc_params)
    for name, value in _remembered.inline_backend.items():
        setattr(_inline_backend(), name, copy.deepcopy(value))
    os.chdir(cwd)
    sys.path[:] = _remembered.sys_path
    os.environ.clear()
    os.environ.update(_remembered.environ)
    for name, module in _package_modules().items():
        if name == __name__:
            continue
        names = _remembered.module_names.get(name)
        if names is None:  # imported by a notebook: the next one imports it anew
            del sys.modules[name]
            parent, _, child = name.rpartition(".")
            if parent in sys.modules and getattr(sys.modules[parent], child, None) is module:
                delattr(sys.modules[parent], child)
            continue
        current = vars(module)
        for added in set(current) - set(names):
            del current[added]
        current.update(names)
        for value in names.values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
