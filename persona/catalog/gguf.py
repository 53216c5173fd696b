"""A cheap sanity check of GGUF files, so a corrupt download fails with a clear message."""

from __future__ import annotations

from pathlib import Path

from persona.errors import ModelError

GGUF_MAGIC = b"GGUF"
# magic (4) + version (4) + tensor count (8) + metadata count (8)
GGUF_HEADER_BYTES = 24


def check_gguf(path: Path, *, name: str | None = None, expected_size: int = 0) -> None:
    """Raise ModelError unless `path` starts like a GGUF file and is not truncated."""
    fix = f"; re-run `persona models pull {name}`" if name else "; download it again"
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc.strerror}") from None
    if magic != GGUF_MAGIC:
        raise ModelError(f"{path} is not a GGUF file (bad magic bytes){fix}")
    if size < GGUF_HEADER_BYTES:
        raise ModelError(f"{path} is not a GGUF file (truncated, {size} bytes){fix}")
    if expected_size and size != expected_size:
        raise ModelError(
            f"{path} is not a GGUF file of the expected size ({size} bytes, "
            f"expected {expected_size}){fix}"
        )
