"""Turn a model name or path into a file on disk: `resolve`, `default_name`, `list_models`."""

from __future__ import annotations

import difflib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from persona.catalog import ladder
from persona.catalog.entries import KINDS, ModelEntry, load_catalog
from persona.catalog.gguf import check_gguf
from persona.catalog.locate import installed_folder, model_path
from persona.errors import BadInput, ModelError, NotFound

log = logging.getLogger(__name__)

_PATH_SUFFIXES = (".gguf", ".onnx", ".bin", ".json")


@dataclass(frozen=True)
class ModelInfo:
    """One row of `persona models list`."""

    name: str
    kind: str
    format: str
    size: int
    installed: bool
    path: Path | None
    default: bool
    description: str


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise BadInput(f"unknown model kind {kind!r}; use one of {', '.join(KINDS)}")


def default_name(kind: str) -> str:
    """The default model of `kind` (llm, stt, tts or turn). For the LLM: `PERSONA_LLM` when set,
    else the model ladder's choice for this machine among installed models, else the
    catalog's `[defaults]`. For speech recognition: `PERSONA_STT`, else the rung's `stt` if
    installed (a bigger machine affords a more accurate model), else `[defaults]`."""
    _check_kind(kind)
    catalog = load_catalog()
    if kind == "stt":
        chosen = os.environ.get("PERSONA_STT", "").strip()
        if chosen:
            return chosen
        rung = ladder.choose(catalog.ladder, ladder.machine())
        if rung is not None and rung.stt and installed_folder(catalog.models[rung.stt]):
            return rung.stt
    if kind == "llm":
        chosen = os.environ.get("PERSONA_LLM", "").strip()
        if chosen:
            return chosen
        installed = [r.model for r in catalog.ladder if installed_folder(catalog.models[r.model])]
        rung = ladder.choose(catalog.ladder, ladder.machine(), installed)
        if rung is not None:
            return rung.model
    if kind not in catalog.defaults:
        raise NotFound(f"the model catalog has no default {kind} model: add one to [defaults]")
    return catalog.defaults[kind]


def ladder_choice() -> ladder.Rung | None:
    """The rung this machine would get if every ladder model were installed."""
    return ladder.choose(load_catalog().ladder, ladder.machine())


def get_entry(name: str) -> ModelEntry:
    """The catalog entry `name`; NotFound lists close matches."""
    models = load_catalog().models
    if name in models:
        return models[name]
    close = difflib.get_close_matches(name, list(models), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "see `persona models list`"
    raise NotFound(f"unknown model {name!r}; {hint}")


def _looks_like_path(text: str) -> bool:
    return (
        "/" in text or "\\" in text or text.startswith(("~", ".")) or text.endswith(_PATH_SUFFIXES)
    )


def _check_file(path: Path, kind: str, *, name: str | None = None, size: int = 0) -> Path:
    if kind == "llm" and path.is_file():
        check_gguf(path, name=name, expected_size=size)
    return path


def resolve(name_or_path: str | Path | None, kind: str) -> Path:
    """The installed file (or CTranslate2 folder for STT) for a catalog name or a path.

    None means the default model of `kind`. An existing path passes through; a missing path
    or an unknown name is NotFound; a catalog model that is not installed is a ModelError
    that says to run `persona models pull NAME`. LLM files are checked to be GGUF.
    """
    _check_kind(kind)
    if name_or_path is None or str(name_or_path).strip() == "":
        name_or_path = default_name(kind)
    text = str(name_or_path).strip()
    models = load_catalog().models
    if text not in models:
        path = Path(text).expanduser()
        if path.exists():
            return _check_file(path.resolve(), kind)
        if isinstance(name_or_path, Path) or _looks_like_path(text):
            raise NotFound(f"model file {text} does not exist")
    entry = get_entry(text)
    if entry.kind != kind:
        raise BadInput(f"model {entry.name!r} is a {entry.kind} model, not {kind}")
    folder = installed_folder(entry)
    if folder is None:
        raise ModelError(
            f"model {entry.name!r} is not installed; run `persona models pull {entry.name}`"
        )
    path = model_path(entry, folder)
    log.debug("resolved %s -> %s", entry.name, path)
    return _check_file(path, kind, name=entry.name, size=entry.size_bytes)


def list_models() -> list[ModelInfo]:
    """Every catalog model with whether (and where) it is installed, defaults first per kind."""
    catalog = load_catalog()
    defaults = {default_name(kind) for kind in KINDS if kind == "llm" or kind in catalog.defaults}
    rows = []
    for entry in catalog.models.values():
        folder = installed_folder(entry)
        rows.append(
            ModelInfo(
                name=entry.name,
                kind=entry.kind,
                format=entry.format,
                size=entry.size_bytes,
                installed=folder is not None,
                path=model_path(entry, folder) if folder else None,
                default=entry.name in defaults,
                description=entry.description,
            )
        )
    rows.sort(key=lambda r: (KINDS.index(r.kind), not r.default))
    return rows
