"""Profile importers. `load_profile(source)` picks one by looking at the path (or takes the
source as free text when it is not a path)."""

from __future__ import annotations

import re
from pathlib import Path

from persona.errors import BadInput, NotFound
from persona.roast.archive_safety import DEFAULT_LIMITS, ArchiveLimits, open_files
from persona.roast.importers import bluesky, card, freetext, github, mastodon, x_archive
from persona.roast.profile import MAX_POSTS, Profile

__all__ = ["load_profile"]

_CARD_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")
_TEXT_SUFFIXES = (".txt", ".text")
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
    suffix = path.suffix.lower()
    if path.is_file():
        if suffix == ".car":
            return bluesky.load(path, limit=limit)
        if suffix in _CARD_SUFFIXES:
            return card.load(path, limit=limit)
        if suffix in _TEXT_SUFFIXES:
            if path.stat().st_size > 64 * 1024:
                raise BadInput(f"{path}: text file is larger than 64 KB")
            try:
                return freetext.from_text(path.read_text(encoding="utf-8-sig"), origin=str(path))
            except UnicodeDecodeError:
                raise BadInput(f"{path}: not UTF-8 text") from None
    with open_files(path, limits) as files:
        car = files.find("repo.car")
        if car:
            return bluesky.load_bytes(files.read(car), origin=f"{path}:{car}", limit=limit)
        for module in (x_archive, github, mastodon):
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
