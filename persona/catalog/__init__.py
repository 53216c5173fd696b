"""The model catalog: short model names -> files on disk, and `pull` to fetch them."""

from __future__ import annotations

from persona.catalog.entries import Catalog, ModelEntry, Source, load_catalog
from persona.catalog.install import pull
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
