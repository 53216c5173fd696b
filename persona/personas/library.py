"""Finding personas: built-ins under `prompts/personas/`, the user's own under `<data>/personas/`,
or any persona file or character card given by path."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from persona.errors import BadInput, NotFound
from persona.paths import data_dir, prompts_dir
from persona.personas.cards import export_card, import_card, persona_from_card
from persona.personas.model import Persona
from persona.personas.persona_file import (
    parse_mapping_file,
    persona_from_mapping,
    read_persona_file,
    slugify,
)

log = logging.getLogger(__name__)

DEFAULT_PERSONA = "sparky"
PERSONA_SUFFIXES = (".yaml", ".yml", ".json", ".png")


def builtin_dir() -> Path:
    return prompts_dir() / "personas"


def user_dir() -> Path:
    """Where `persona personas import` puts cards the user adds (under PERSONA_HOME)."""
    return data_dir() / "personas"


def _files_in(folder: Path) -> dict[str, Path]:
    """Persona id (file stem, lowercased) -> file, for one folder."""
    found: dict[str, Path] = {}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in PERSONA_SUFFIXES and path.is_file():
                found.setdefault(path.stem.lower(), path)
    return found


def _persona_files() -> dict[str, Path]:
    """Persona id (file stem) -> file; built-ins win over user files of the same name."""
    return {**_files_in(user_dir()), **_files_in(builtin_dir())}


def list_personas() -> list[str]:
    """Ids of the personas `load_persona` finds by name, the default first."""
    names = sorted(_persona_files())
    if DEFAULT_PERSONA in names:
        names.remove(DEFAULT_PERSONA)
        names.insert(0, DEFAULT_PERSONA)
    return names


def _is_card(data: object) -> bool:
    return isinstance(data, dict) and (
        "spec" in data or "first_mes" in data or "mes_example" in data or "char_name" in data
    )


def load_path(path: Path) -> Persona:
    """Load a persona file (.yaml/.yml/.json) or a character card (.png, or card-shaped .json)."""
    if not path.is_file():
        raise NotFound(f"{path}: no such persona file; check the path")
    suffix = path.suffix.lower()
    if suffix == ".png":
        return import_card(path)
    if suffix == ".json":
        data = parse_mapping_file(path)
        if _is_card(data):
            return persona_from_card(data, where=path.name, source=f"card:{path}")
        return persona_from_mapping(
            data, where=path.name, default_id=slugify(path.stem), source=str(path)
        )
    if suffix in (".yaml", ".yml"):
        return read_persona_file(path)
    raise BadInput(f"{path.name}: a persona is a .yaml, .json or .png (character card) file")


def load_persona(name_or_path: str | Path | None = None) -> Persona:
    """A persona by id ("sparky", the default when None) or by path to a persona file or card."""
    if name_or_path is None or (isinstance(name_or_path, str) and not name_or_path.strip()):
        name_or_path = DEFAULT_PERSONA
    text = str(name_or_path).strip()
    looks_like_path = (
        isinstance(name_or_path, Path)
        or "/" in text
        or "\\" in text
        or Path(text).suffix.lower() in PERSONA_SUFFIXES
    )
    if looks_like_path:
        return load_path(Path(text).expanduser())
    files = _persona_files()
    path = files.get(text.lower())
    if path is None:
        available = ", ".join(list_personas()) or "none"
        raise NotFound(f"unknown persona {text!r}; available: {available}")
    persona = load_path(path)
    log.debug("loaded persona %s from %s", persona.id, path)
    return persona


def install_persona(
    source: str | Path, *, persona_id: str | None = None, overwrite: bool = False
) -> tuple[Persona, Path]:
    """Install a character card (or persona file) under `<data>/personas/` as a card named
    by its id, so `load_persona(id)` finds it from then on; returns it as loaded back, and
    its file. `persona_id` installs it under another id. A built-in's id is refused, since
    the built-in would always win; an installed one is replaced only with `overwrite`."""
    path = Path(source).expanduser()
    persona = load_path(path)
    pid = persona.id if persona_id is None else persona_id.strip()
    if slugify(pid) != pid:
        raise BadInput(
            f"{pid!r} cannot be a persona name: use lowercase letters, digits and dashes, "
            f"e.g. {slugify(pid)!r}"
        )
    if pid in _files_in(builtin_dir()):
        raise BadInput(
            f"{path.name}: {pid!r} is the name of a built-in persona; install it under "
            f"another name, e.g. `persona personas import {path} --as my-{pid}`"
        )
    installed = _files_in(user_dir()).get(pid)
    if installed is not None and not overwrite:
        raise BadInput(
            f"{path.name}: a persona {pid!r} is already installed ({installed}); "
            "add --force to replace it"
        )
    folder = user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{pid}{'.png' if persona.avatar_png else '.json'}"
    if installed is not None and installed != target:
        installed.unlink()  # the same id in another format would shadow or be shadowed
    export_card(replace(persona, id=pid), target)
    log.debug("installed persona %s from %s at %s", pid, path, target)
    return load_path(target), target
