"""sha256 and size checks of model files, shared by chunk assembly and downloads."""

from __future__ import annotations

import hashlib
from pathlib import Path

from persona.errors import ModelError

BLOCK_BYTES = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def verify_file(
    path: Path, *, name: str, sha256: str = "", size_bytes: int = 0, digest: str | None = None
) -> None:
    """Raise ModelError if `path` has the wrong size or sha256 (empty/zero = not checked).

    Pass `digest` when it was already computed while writing, to avoid reading the file twice.
    """
    size = path.stat().st_size
    if size_bytes and size != size_bytes:
        raise ModelError(
            f"model {name!r}: got {size} bytes, expected {size_bytes}; "
            f"re-run `persona models pull {name}`"
        )
    if sha256:
        actual = digest or sha256_file(path)
        if actual != sha256:
            raise ModelError(
                f"model {name!r}: sha256 mismatch ({actual[:12]}... != {sha256[:12]}...); "
                f"re-run `persona models pull {name}`"
            )
