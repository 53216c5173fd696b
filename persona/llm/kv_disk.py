"""Evaluated prompt prefixes (KV state) kept on disk, so no persona's prompt is read cold in
front of a user: not on the first turn, not after a persona switch, not after `--resume`.

One folder per model build (the key covers the model file, the llama.cpp library and the
CPU); one file per snapshot: a small header, the token ids, then llama.cpp's state bytes.
Writes are atomic (temp file, rename); a damaged file is skipped and deleted.
"""

from __future__ import annotations

import logging
import os
import struct
import tempfile
from pathlib import Path

import numpy as np

from persona.llm.kv_snapshots import Snapshot

log = logging.getLogger(__name__)

_MAGIC = b"PKV1"
_HEADER = struct.Struct("<4sI")  # magic, token count


class StoredState:
    """A snapshot's state bytes left on disk until a restore needs them: loading every file
    at start would hold the whole cache folder in memory."""

    def __init__(self, path: Path, offset: int, size: int) -> None:
        self.path, self.offset, self.size = path, offset, size

    def __len__(self) -> int:
        return self.size

    def load(self) -> bytes:
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read(self.size)
        if len(data) != self.size:
            raise OSError(f"{self.path}: truncated prompt cache")
        return data


class DiskSnapshots:
    """Snapshots in `folder`: the persona prefixes and the last few conversations."""

    def __init__(self, folder: Path, *, max_files: int = 24) -> None:
        self.folder = folder
        self.max_files = max_files

    def _name(self, tokens: tuple[int, ...]) -> Path:
        import hashlib

        digest = hashlib.sha256(np.asarray(tokens, dtype=np.int32).tobytes()).hexdigest()[:24]
        return self.folder / f"{digest}.kv"

    def load_all(self) -> list[Snapshot]:
        """Every readable snapshot, newest first: tokens read now, state bytes left on disk
        (`StoredState`) until a restore asks for them."""
        if not self.folder.is_dir():
            return []
        found: list[tuple[float, Snapshot]] = []
        for path in self.folder.glob("*.kv"):
            try:
                size = path.stat().st_size
                with open(path, "rb") as f:
                    magic, count = _HEADER.unpack(f.read(_HEADER.size))
                    if magic != _MAGIC:
                        raise ValueError("not a snapshot")
                    raw = f.read(4 * count)
                tokens = tuple(int(t) for t in np.frombuffer(raw, dtype=np.int32))
                start = _HEADER.size + 4 * count
                if len(tokens) != count or start >= size:
                    raise ValueError("truncated")
                state = StoredState(path, start, size - start)
                found.append((path.stat().st_mtime, Snapshot(tokens, state)))
            except (OSError, ValueError, struct.error) as exc:
                log.debug("dropping unreadable KV snapshot %s: %s", path, exc)
                path.unlink(missing_ok=True)
        found.sort(key=lambda item: -item[0])
        return [snap for _, snap in found]

    def save(self, tokens: tuple[int, ...], data: object) -> Path | None:
        """Write one snapshot (atomically); the oldest files go past `max_files`."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self._name(tokens)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(_HEADER.pack(_MAGIC, len(tokens)))
                f.write(np.asarray(tokens, dtype=np.int32).tobytes())
                f.write(memoryview(data).cast("B"))  # type: ignore[arg-type]
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk costs speed, never a reply
            log.warning("could not save the prompt cache in %s: %s", self.folder, exc)
            return None
        self._prune()
        return path

    def _prune(self) -> None:
        files = sorted(self.folder.glob("*.kv"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[self.max_files :]:
            old.unlink(missing_ok=True)
