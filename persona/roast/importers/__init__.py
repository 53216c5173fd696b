"""Profile importers. `load_profile(source)` picks one by looking at the path (or takes the
source as free text when it is not a path)."""

from __future__ import annotations

import re
from pathlib import Path

from persona.errors import BadInput, NotFound
from persona.roast.archive_safety import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    check_regular_file,
    open_files,
    read_capped,
)
from persona.roast.importers import bluesky, card, freetext, github, mastodon, x_archive
from persona.roast.profile import MAX_POSTS, Profile

__all__ = ["ARCHIVE_IMPORTERS", "load_profile"]

# Importers for folders and archives, tried in order: each module has
# `looks_like(files) -> bool` and `load(files, *, limit) -> Profile`. A new format is one
# module and one entry here.
ARCHIVE_IMPORTERS = (x_archive, github, mastodon)

_CARD_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")
_TEXT_SUFFIXES = (".txt", ".text")
MAX_TEXT_FILE_BYTES = 64 * 1024
_PATHLIKE = re.compile(r"^(?:[~./]|[A-Za-z]:\\)|\.(zip|tar\.gz|tgz|car|ya?ml|json|md|txt)$", re.I)


def load_profile(
    source: str | Path, *, limit: int = MAX_POSTS, limits: ArchiveLimits = DEFAULT_LIMITS
) -> Profile:
    """A Profile from a file, folder or archive path, or from free text."""
    text = str(source)
    path = Path(text).expanduser()
    if isinstance(source, str) and not _exists(path):
        if "\n" not in text and _PATHLIKE.search(text.strip()) and " " not in text.strip():
            raise NotFound(f"{text}: no such file or folder")
        return freetext.from_text(text)
    if not path.exists():
        raise NotFound(f"{path}: no such file or folder")
    if not path.is_dir():  # before anything opens it: /dev/zero or a FIFO never ends
        check_regular_file(path, max_bytes=limits.max_archive_bytes, what="profile file")
    try:
        return _load_path(path, limit=limit, limits=limits)
    except RecursionError:
        raise BadInput(
            f"{path}: the data is nested too deeply to be a profile: check the file"
        ) from None


def _load_path(path: Path, *, limit: int, limits: ArchiveLimits) -> Profile:
    suffix = path.suffix.lower()
    if path.is_file():
        if suffix == ".car":
            return bluesky.load(path, limit=limit)
        if suffix in _CARD_SUFFIXES:
            return card.load(path, limit=limit)
        if suffix in _TEXT_SUFFIXES:
            data = read_capped(path, max_bytes=MAX_TEXT_FILE_BYTES, what="text file")
            try:
                return freetext.from_text(data.decode("utf-8-sig"), origin=str(path))
            except UnicodeDecodeError:
                raise BadInput(f"{path}: not UTF-8 text") from None
    with open_files(path, limits) as files:
        car = files.find("repo.car")
        if car:
            return bluesky.load_bytes(files.read(car), origin=f"{path}:{car}", limit=limit)
        for module in ARCHIVE_IMPORTERS:
            if module.looks_like(files):
                return module.load(files, limit=limit)
    raise BadInput(
        f"{path}: not a recognised profile (X archive, GitHub user.json, "
        "Mastodon actor.json/outbox.json, "
        "Bluesky repo.car, or a YAML/JSON/Markdown card)"
    )


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # e.g. a very long free-text "path"
        return False
