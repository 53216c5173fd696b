"""The model catalog: short model names -> files on disk, and `pull` to fetch them."""

from __future__ import annotations

from persona.catalog.entries import Catalog, ModelEntry, Source, load_catalog
from persona.catalog.resolve import ModelInfo, default_name, get_entry, list_models, resolve

__all__ = [
    "Catalog",
    "ModelEntry",
    "ModelInfo",
    "Source",
    "default_name",
    "get_entry",
    "list_models",
    "load_catalog",
    "pull",
    "resolve",
]


def pull(name: str, *, progress: bool = True):
    """Install model `name` (see `persona.catalog.pull.pull`); returns its resolved path."""
    from persona.catalog.pull import pull as _pull

    return _pull(name, progress=progress)
